"""R1 (the invite form: every error code) and R2 (the channel)."""

import uuid

import pytest

from usher_http import OMIT, assert_invitation, field_errors, unique_email, unique_phone


def errors_of(server, **fields):
    return field_errors(server.post_invitation(server.invite_form(**fields)))


def random_id():
    return uuid.uuid4().hex


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize("value", [OMIT, None, "", "   ", "\t \u00a0"])
def test_r1_name_required(server, field, value):
    assert (field, "required") in errors_of(server, **{field: value})


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_r1_name_too_long(server, field):
    assert errors_of(server, **{field: "a" * 101}) == {(field, "too_long")}
    assert errors_of(server, **{field: "李" * 101}) == {(field, "too_long")}


def test_r1_name_of_100_characters_in_any_script_accepted(server):
    inv = server.invite(first_name="é" * 100, last_name="李" * 100)  # 100 chars, 200/300 bytes
    assert inv["first_name"] == "é" * 100 and inv["last_name"] == "李" * 100


@pytest.mark.parametrize("bad", ["An\u0000a", "A\u0007na", "Ana\nBel", "Ana\rBel", "An\u001ba",
                                 "An\u007fa", "An\u0085a", "Ana\u2028Bel", "Ana\u202eBel"])
@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_r1_name_with_control_characters_invalid(server, field, bad):
    assert errors_of(server, **{field: bad}) == {(field, "invalid")}


@pytest.mark.parametrize("first,last", [("Zoë", "Ñúñez-李"), ("Groß", "Çelik"),
                                        ("Łukasz", "Wójcik-Żak"),
                                        ("Дмитрий", "Σωκράτης"),
                                        ("محمد", "O'Brien")])
def test_r1_unicode_names_accepted(server, first, last):
    inv = server.invite(first_name=first, last_name=last)
    assert (inv["first_name"], inv["last_name"]) == (first, last)
    got = server.get_invitation(inv["id"]).json
    assert (got["first_name"], got["last_name"]) == (first, last)


def test_r1_names_are_trimmed(server):
    inv = server.invite(first_name="  Ana ", last_name="\tPeeters  ")
    assert (inv["first_name"], inv["last_name"]) == ("Ana", "Peeters")


# ------------------------------------------------------------------ e-mail and phone

@pytest.mark.parametrize("bad", ["not-an-email", "ana@", "@example.com", "ana example@x.com",
                                 "ana@exa mple.com", "ana@@example.com", "ana@example..com",
                                 "ana@-example.com", "<ana@example.com>",
                                 "ana@example.com\r\nBcc: x@example.com"])
def test_r1_email_invalid(server, bad):
    assert errors_of(server, email=bad) == {("email", "invalid")}


def test_r1_email_at_most_254_octets(server):
    domain_254 = "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".com"  # 189 octets
    ok = "a" * 64 + "@" + domain_254
    assert len(ok) == 254
    inv = server.invite(email=ok)
    assert inv["email"] == ok
    too_long = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".com"
    assert len(too_long) == 255
    assert errors_of(server, email=too_long) == {("email", "invalid")}


def test_r1_email_stored_as_entered_with_domain_lower_cased(server):
    local = "Ana.Mixed." + uuid.uuid4().hex[:8]
    inv = server.invite(email=f"{local}@Example.COM")
    assert inv["email"] == f"{local}@example.com"


def test_r1_email_internationalised_domain_accepted(server):
    inv = server.invite(email=f"jose.{uuid.uuid4().hex[:8]}@bücher.example")
    assert inv["channel"] == "email"


@pytest.mark.parametrize("bad", ["12", "not a phone", "+32 12", "+999 123 456",
                                 "0470 12 34 56 78 90 12"])
def test_r1_phone_invalid(server, bad):
    assert ("phone", "invalid") in errors_of(server, email=OMIT, phone=bad)


def test_r1_phone_in_national_format_stored_in_e164_with_company_region(server):
    inv = server.invite(email=OMIT, phone="0470 12 34 56")
    assert inv["phone"] == "+32470123456"
    assert inv["email"] is None


@pytest.mark.parametrize("email,phone", [(OMIT, OMIT), (None, None), ("", ""), ("  ", " ")])
def test_r1_email_or_phone_required(server, email, phone):
    assert errors_of(server, email=email, phone=phone) == {("email", "email_or_phone_required")}


# ------------------------------------------------------------------ optional fields

def test_r1_job_position_optional_at_most_100(server):
    assert server.invite(job_position=OMIT)["job_position"] is None
    assert server.invite(job_position="x" * 100)["job_position"] == "x" * 100
    assert errors_of(server, job_position="x" * 101) == {("job_position", "too_long")}


def test_r1_external_id_at_most_64(server):
    ext = uuid.uuid4().hex + uuid.uuid4().hex  # 64
    assert server.invite(external_id=ext)["external_id"] == ext
    assert errors_of(server, external_id=ext + "x") == {("external_id", "too_long")}


def test_r1_external_id_taken(server):
    ext = "E-" + uuid.uuid4().hex[:10]
    server.invite(external_id=ext)
    assert errors_of(server, external_id=ext) == {("external_id", "taken")}


# ------------------------------------------------------------------ role, stores, groups

def test_r1_role_defaults_to_user(server):
    assert server.invite(role=OMIT)["role"] == "user"


@pytest.mark.parametrize("bad", ["boss", "admin", ""])
def test_r1_role_invalid(server, bad):
    assert ("role", "invalid") in errors_of(server, role=bad)


def test_r1_unknown_store(server):
    assert errors_of(server, store_ids=[random_id()]) == {("store_ids", "unknown_store")}
    assert errors_of(server, store_ids=[server.stores[0]["id"], random_id()]) == \
        {("store_ids", "unknown_store")}


def test_r1_manager_requires_store(server):
    assert errors_of(server, role="manager", store_ids=[]) == \
        {("store_ids", "manager_requires_store")}
    assert errors_of(server, role="manager", store_ids=OMIT) == \
        {("store_ids", "manager_requires_store")}
    inv = server.invite(role="manager", store_ids=[server.stores[1]["id"]])
    assert inv["role"] == "manager" and inv["store_ids"] == [server.stores[1]["id"]]


@pytest.mark.parametrize("groups", [[], OMIT, None])
def test_r1_at_least_one_group(server, groups):
    assert errors_of(server, user_group_ids=groups) == {("user_group_ids", "at_least_one_group")}


def test_r1_unknown_group(server):
    assert errors_of(server, user_group_ids=[random_id()]) == {("user_group_ids", "unknown_group")}
    assert errors_of(server, user_group_ids=[server.groups[0]["id"], "nope"]) == \
        {("user_group_ids", "unknown_group")}


@pytest.mark.parametrize("value", [False, OMIT, None])
def test_r1_agreement_required(server, value):
    assert errors_of(server, agreement_accepted=value) == \
        {("agreement_accepted", "agreement_required")}


@pytest.mark.parametrize("value", ["xx", "", "klingon", OMIT, None])
def test_r1_unsupported_language(server, value):
    assert errors_of(server, language=value) == {("language", "unsupported_language")}


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de", "es", "it", "pt", "pl"])
def test_r12_every_supported_language_can_be_chosen(server, language):
    assert server.invite(language=language)["language"] == language


# ------------------------------------------------------------------ together

def test_r1_all_broken_rules_reported_together_and_nothing_stored(server):
    ext = "E-" + uuid.uuid4().hex[:10]
    server.invite(external_id=ext)
    before = server.total()
    users_before = server.get("/api/v1/users", token=server.token).json["total"]
    form = {"first_name": "", "last_name": "x" * 101, "email": "nope@", "phone": "12",
            "job_position": "j" * 101, "external_id": ext, "role": "boss",
            "store_ids": [random_id()], "user_group_ids": [], "agreement_accepted": False,
            "language": "xx"}
    r = server.post_invitation(form)
    body = r.json
    assert r.status == 422 and body["code"] == "validation", body
    got = field_errors(r)
    want = {("first_name", "required"), ("last_name", "too_long"), ("email", "invalid"),
            ("phone", "invalid"), ("job_position", "too_long"), ("external_id", "taken"),
            ("role", "invalid"), ("store_ids", "unknown_store"),
            ("user_group_ids", "at_least_one_group"), ("agreement_accepted", "agreement_required"),
            ("language", "unsupported_language")}
    assert got == want, {"missing": want - got, "extra": got - want}
    assert all(isinstance(e["message"], str) and e["message"] for e in body["errors"])

    form2 = {"first_name": "Ana\u0007", "last_name": "B", "role": "manager", "store_ids": [],
             "user_group_ids": [random_id()], "agreement_accepted": True, "language": "en"}
    got = field_errors(server.post_invitation(form2))
    want = {("first_name", "invalid"), ("email", "email_or_phone_required"),
            ("store_ids", "manager_requires_store"), ("user_group_ids", "unknown_group")}
    assert got == want, {"missing": want - got, "extra": got - want}

    assert server.total() == before
    assert server.get("/api/v1/users", token=server.token).json["total"] == users_before


def test_r1_invalid_form_with_valid_contact_stores_nothing(server):
    addr = unique_email("nothing")
    r = server.post_invitation(server.invite_form(email=addr, language="xx"))
    assert r.status == 422
    assert server.list_invitations(q=addr).json["total"] == 0
    assert server.invite(email=addr)["email"] == addr  # not blocked by a half-stored user


# ------------------------------------------------------------------ R2

def test_r2_email_and_phone_goes_by_email_phone_kept(server):
    phone = unique_phone()
    inv = assert_invitation(server.invite(email=unique_email("both"), phone=phone))
    assert inv["channel"] == "email" and inv["phone"] == phone


def test_r2_phone_only_goes_by_sms(server):
    phone = unique_phone()
    inv = assert_invitation(server.invite(email=OMIT, phone=phone))
    assert inv["channel"] == "sms" and inv["phone"] == phone and inv["email"] is None


def test_r2_email_only_goes_by_email(server):
    inv = server.invite(phone=None)
    assert inv["channel"] == "email" and inv["phone"] is None
