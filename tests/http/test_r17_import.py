"""R17: bulk invite from a CSV file — a dry run that reports per row and field, then the
valid rows invited."""

from usher_http import assert_problem, unique_email, unique_phone

HEADER = "first_name,last_name,email,phone,job_position,external_id,role,stores,user_groups,language"


def post_csv(server, csv, timeout=60, **query):
    from urllib.parse import urlencode
    qs = urlencode(query)
    return server.request("POST", "/api/v1/invitations/import" + (f"?{qs}" if qs else ""),
                          data=csv.encode("utf-8"), content_type="text/csv",
                          token=server.token, check=False, timeout=timeout)


def errors_by_row(report):
    return {r["row"]: {(e["field"], e["code"]) for e in r["errors"]} for r in report["rows"]}


def test_r17_dry_run_reports_rows_and_fields_and_stores_nothing(server):
    store, group = server.stores[0]["name"], server.groups[0]["name"]
    taken = server.invite()["email"]
    a, b = unique_email(), unique_email()
    rows = [
        f"Ana,Peeters,{a},,Sales,,user,,{group},nl",                       # 2 valid
        f"Zoë,Ñúñez-李,,{unique_phone()},,,manager,{store},{group};{server.groups[1]['name']},fr",  # 3 valid
        f",Peeters,{unique_email()},,,,user,,{group},nl",                   # 4 first_name required
        f"Bo,Smet,not-an-email,,,,user,,{group},nl",                       # 5 email invalid
        f"Cy,Smet,{unique_email()},,,,manager,,{group},nl",                 # 6 manager needs store
        f"Di,Smet,{unique_email()},,,,user,Nowhere,{group},nl",             # 7 unknown store
        f"Ed,Smet,{unique_email()},,,,user,,,nl",                           # 8 no group
        f"Fa,Smet,{unique_email()},,,,user,,{group},xx",                    # 9 language
        f"Gi,Smet,{taken},,,,user,,{group},nl",                             # 10 already invited
        f"Ha,Smet,{a.upper()},,,,user,,{group},nl",                         # 11 duplicate in file
    ]
    before = server.total()
    r = post_csv(server, HEADER + "\n" + "\n".join(rows) + "\n", dry_run="true")
    assert r.status == 200, r
    report = r.json
    assert (report["valid"], report["invalid"], report["invited"]) == (2, 8, 0)
    assert errors_by_row(report) == {
        4: {("first_name", "required")},
        5: {("email", "invalid")},
        6: {("stores", "manager_requires_store")},
        7: {("stores", "unknown_store")},
        8: {("user_groups", "at_least_one_group")},
        9: {("language", "unsupported_language")},
        10: {("email", "already_invited")},
        11: {("email", "duplicate_in_file")},
    }
    assert all(e["message"] for row in report["rows"] for e in row["errors"])
    assert server.total() == before  # nothing stored by a dry run


def test_r17_import_invites_the_valid_rows(server):
    group = server.groups[0]["name"]
    good = [unique_email() for _ in range(3)]
    csv = HEADER + "\n" + "\n".join(
        [f"Im{i},Port,{e},,,,user,,{group},en" for i, e in enumerate(good)] +
        [f"Bad,Row,nope,,,,user,,{group},en"]) + "\n"
    assert_problem(post_csv(server, csv, dry_run="false"), 422)  # agreement not accepted
    before = server.total()
    r = post_csv(server, csv, dry_run="false", agreement_accepted="true")
    assert r.status == 200, r
    assert (r.json["valid"], r.json["invalid"], r.json["invited"]) == (3, 1, 3)
    assert server.total() == before + 3
    for e in good:
        assert server.list_invitations(q=e).json["total"] == 1
    # The same file again: every row is now already invited.
    again = post_csv(server, csv, dry_run="false", agreement_accepted="true").json
    assert again["invited"] == 0 and again["invalid"] == 4


def test_r17_semicolon_files_and_bad_files(server):
    group = server.groups[0]["name"]
    csv = HEADER.replace(",", ";") + "\n" + f"Sem;Colon;{unique_email()};;;;user;;{group};en\n"
    r = post_csv(server, csv, dry_run="true")
    assert r.status == 200 and r.json["valid"] == 1, r
    r = post_csv(server, "first_name,colour\nAna,red\n", dry_run="true")
    assert_problem(r, 422, "invalid_csv")
    fields = {(e["field"], e["code"]) for e in r.json["errors"]}
    assert ("colour", "unknown_column") in fields and ("last_name", "missing_column") in fields
    assert_problem(post_csv(server, 'first_name,last_name\n"open,x\n'), 422, "invalid_csv")
    r = server.request("POST", "/api/v1/invitations/import", data=b"{}",
                       content_type="application/json", token=server.token, check=False)
    assert_problem(r, 415, "unsupported_media_type")
    r = server.request("POST", "/api/v1/invitations/import", data=b"a\n",
                       content_type="text/csv", check=False)
    assert_problem(r, 401)


def test_r17_files_over_1_mib_are_accepted_on_the_import_path(server):
    group = server.groups[0]["name"]
    rows = [f"Big{i},File,big.{i}.{unique_email()},,{'x' * 100},,user,,{group},en"
            for i in range(6500)]
    csv = HEADER + "\n" + "\n".join(rows) + "\n"
    assert len(csv.encode()) > (1 << 20)
    r = post_csv(server, csv, dry_run="true")
    assert r.status == 200, r
    assert (r.json["valid"], r.json["invalid"]) == (6500, 0)


def test_r17_every_other_row_error_is_reported_with_its_field(server):
    store, group = server.stores[0]["name"], server.groups[0]["name"]
    registered, _ = server.invite_and_register()
    held = server.invite(external_id="EXT-" + unique_email())["external_id"]
    phone = unique_phone()
    rows = [
        f"Ana,,{unique_email()},,,,user,,{group},nl",                      # 2 last name
        f"Ana,Peeters,,,,,user,,{group},nl",                               # 3 no contact
        f"Ana,Peeters,,12,,,user,,{group},nl",                             # 4 phone invalid
        f"Ana,Peeters,{unique_email()},,,,boss,,{group},nl",                # 5 role
        f"Ana,Peeters,{unique_email()},,,,user,,Nobody,nl",                 # 6 unknown group
        f"{'A' * 300},Peeters,{unique_email()},,,,user,,{group},nl",        # 7 too long
        f"Ana\u0007,Peeters,{unique_email()},,,,user,,{group},nl",          # 8 control character
        f"Ana,Peeters,{registered['email']},,,,user,,{group},nl",          # 9 registered
        f"Ana,Peeters,{unique_email()},,,{held},user,,{group},nl",          # 10 external id taken
        f"Ana,Peeters,{unique_email()},,,X-1,user,,{group},nl",             # 11 valid
        f"Ana,Peeters,{unique_email()},,,X-1,user,,{group},nl",             # 12 same external id
        f"Ana,Peeters,,{phone},,,user,,{group},nl",                         # 13 valid
        f"Ana,Peeters,,{phone},,,user,,{group},nl",                         # 14 same phone
        f"Ana,Peeters,{unique_email()},,,,manager,{store};Elsewhere,{group},nl",  # 15 unknown store
    ]
    csv = HEADER + "\n" + "\n".join(rows) + "\n"
    expected = {
        2: {("last_name", "required")},
        3: {("email", "email_or_phone_required")},
        4: {("phone", "invalid")},
        5: {("role", "invalid")},
        6: {("user_groups", "unknown_group")},
        7: {("first_name", "too_long")},
        8: {("first_name", "invalid")},
        9: {("email", "already_registered")},
        10: {("external_id", "taken")},
        12: {("external_id", "duplicate_in_file")},
        14: {("phone", "duplicate_in_file")},
        15: {("stores", "unknown_store")},
    }
    dry = post_csv(server, csv, dry_run="true")
    assert dry.status == 200, dry
    assert errors_by_row(dry.json) == expected
    assert (dry.json["valid"], dry.json["invalid"]) == (2, 12)
    # The real import finds the same errors and invites the two valid rows only.
    before = server.total()
    real = post_csv(server, csv, dry_run="false", agreement_accepted="true")
    assert real.status == 200, real
    assert errors_by_row(real.json) == expected
    assert (real.json["valid"], real.json["invalid"], real.json["invited"]) == (2, 12, 2)
    assert server.total() == before + 2


def test_r17_a_file_of_100000_rows(fresh_server):
    server = fresh_server
    group = server.groups[0]["name"]
    n = 100_000
    bad = {17, 4242, 99_999}  # record numbers with a broken e-mail
    rows = [f"Row{i},Bulk,{'broken' if i in bad else f'bulk.{i}@example.com'},,,E{i},user,,"
            f"{group},en" for i in range(n)]
    rows.append(f"Dup,Bulk,bulk.5@example.com,,,,user,,{group},en")
    csv = HEADER + "\n" + "\n".join(rows) + "\n"
    dry = post_csv(server, csv, timeout=600, dry_run="true")
    assert dry.status == 200, dry
    expected = {i + 2: {("email", "invalid")} for i in bad}
    expected[n + 2] = {("email", "duplicate_in_file")}
    assert errors_by_row(dry.json) == expected
    assert (dry.json["valid"], dry.json["invalid"], dry.json["invited"]) == (n - 3, 4, 0)
    assert server.total() == 0
    real = post_csv(server, csv, timeout=600, dry_run="false", agreement_accepted="true")
    assert real.status == 200, real
    assert (real.json["valid"], real.json["invalid"], real.json["invited"]) == (n - 3, 4, n - 3)
    assert errors_by_row(real.json) == expected
    assert server.total() == n - 3
    assert server.list_invitations(q="bulk.99998@example.com").json["total"] == 1
