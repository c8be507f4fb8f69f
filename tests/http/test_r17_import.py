"""R17: bulk invite from a CSV file — a dry run that reports per row and field, then the
valid rows invited."""

from usher_http import assert_problem, unique_email, unique_phone

HEADER = "first_name,last_name,email,phone,job_position,external_id,role,stores,user_groups,language"


def post_csv(server, csv, **query):
    from urllib.parse import urlencode
    qs = urlencode(query)
    return server.request("POST", "/api/v1/invitations/import" + (f"?{qs}" if qs else ""),
                          data=csv.encode("utf-8"), content_type="text/csv",
                          token=server.token, check=False)


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
