"""R3 and R5 see one address and one phone number however they were typed."""

import socket

from usher_http import assert_problem, unique


def test_r3_punycode_and_unicode_domain_are_one_address(server):
    local = unique("jose")
    server.invite(email=f"{local}@xn--bcher-kva.example")
    r = server.post_invitation(server.invite_form(email=f"{local.upper()}@BÜCHER.example"))
    assert_problem(r, 409, "already_invited")


def test_r5_search_by_phone_in_national_format(server):
    phone = "+32470" + "".join(c for c in unique("") if c.isdigit())[-6:].rjust(6, "7")
    inv = server.invite(phone=phone)
    national = "0" + phone[3:6] + " " + phone[6:8] + " " + phone[8:10] + " " + phone[10:]
    got = server.list_invitations(q=national).json
    assert [i["id"] for i in got["items"]] == [inv["id"]], (national, got)
    got = server.list_invitations(q=phone[:6] + " " + phone[6:9]).json  # "+32470 123"
    assert inv["id"] in [i["id"] for i in got["items"]]


def test_absolute_form_request_target(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"GET http://127.0.0.1:{server.port}/healthz HTTP/1.1\r\n"
                  f"Host: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
