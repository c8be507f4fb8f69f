"""R10, R12: the registration page an invitee lands on from the link, without JavaScript."""

from urllib.parse import urlencode

from usher_http import GOOD_PASSWORD, fresh_source


def page(server, path, form=None):
    data = urlencode(form).encode() if form is not None else None
    return server.request("POST" if form is not None else "GET", path, data=data,
                          content_type="application/x-www-form-urlencoded" if data else None,
                          source=fresh_source(), check=False)


def invite_with_token(server, **fields):
    inv = server.invite(**fields)
    return inv, server.token_for(inv["email"])


def assert_safe_html(r):
    assert r.header("Content-Type") == "text/html; charset=utf-8"
    csp = r.header("Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert r.header("Referrer-Policy") == "no-referrer"  # the link carries the token
    assert r.header("Cache-Control") == "no-store"


def test_r10_page_greets_by_name_in_the_invitation_language(server):
    inv, token = invite_with_token(server, first_name="Pieter", language="nl")
    for _ in range(2):  # opening the page, however often, changes nothing
        r = page(server, f"/register/{token}")
        assert r.status == 200, r
        assert_safe_html(r)
        html = r.text
        assert '<html lang="nl">' in html
        assert "Pieter" in html and "Demo Retail" in html
        assert 'name="password"' in html and 'name="language"' in html
        assert "<script" not in html
    assert server.get_invitation(inv["id"]).json["status"] == "pending"
    assert server.registration(token).status == 200


def test_r12_language_switch_on_the_page(server):
    _, token = invite_with_token(server, language="nl")
    r = page(server, f"/register/{token}?lang=pl")
    assert r.status == 200 and '<html lang="pl">' in r.text
    for code in ("en", "nl", "fr", "de", "es", "it", "pt", "pl"):
        assert f'hreflang="{code}"' in r.text


def test_r10_names_are_shown_as_text(server):
    _, token = invite_with_token(server, first_name="<img src=x onerror=alert(1)>")
    r = page(server, f"/register/{token}")
    assert "<img src=x" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text


def test_r10_bad_password_shows_the_error_beside_the_field(server):
    inv, token = invite_with_token(server, first_name="Pieter", language="en")
    r = page(server, f"/register/{token}", {"password": "short", "language": "en"})
    assert r.status == 422
    assert 'id="error-password"' in r.text and 'aria-invalid="true"' in r.text
    assert "short" not in r.text.split("<form")[1].split("</form>")[0].replace(
        'name="password"', "")  # the password is never echoed
    assert server.get_invitation(inv["id"]).json["status"] == "pending"


def test_r10_register_through_the_page_then_the_link_is_dead(server):
    inv, token = invite_with_token(server, first_name="Pieter", language="en")
    r = page(server, f"/register/{token}", {"password": GOOD_PASSWORD, "language": "de"})
    assert r.status == 200, r
    assert '<html lang="de">' in r.text and inv["email"] in r.text
    assert server.app_login(inv["email"], GOOD_PASSWORD).status == 200
    dead = page(server, f"/register/{token}")
    assert dead.status == 404
    assert_safe_html(dead)
    assert "administrator" in dead.text


def test_r10_unknown_link_gives_a_clear_page(server):
    for token in ("A" * 43, "not-a-token", "%00"):
        r = page(server, f"/register/{token}")
        assert r.status == 404
        assert "Ask your administrator for a new invitation." in r.text
