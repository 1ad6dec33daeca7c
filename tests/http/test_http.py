"""The HTTP policy against real loopback servers: redirects, caps, deadlines, Retry-After,
compressed bodies, and how streamed lines are split and decoded."""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Callable

import pytest
import requests

from llmdex.errors import APIConnectionError, RedirectError, TooLargeError
from llmdex.http.policy import HttpPolicy
from llmdex.http.requests_transport import lines, send
from llmdex.http.transport import HttpResponse, StatusError
from tests.http_server import Answer, json_answer, serve

FAST = HttpPolicy(backoff=0.01, max_retries=1)


def _post(url: str, policy: HttpPolicy = FAST, **extra: object) -> HttpResponse:
    response = send(
        "POST",
        url,
        who="acme",
        policy=policy,
        headers={"x-api-key": "sk-SECRET"},
        json={"prompt": "private"},
        **extra,  # type: ignore[arg-type]
    )
    assert isinstance(response, HttpResponse)
    return response


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_sends_that_origin_nothing(status: int) -> None:
    with serve([json_answer({"stolen": True})]) as elsewhere:
        moved = Answer(status=status, headers={"Location": elsewhere.url + "/v1/chat"})
        with serve([moved]) as server:
            with pytest.raises(RedirectError, match=f"HTTP {status}, a redirect to") as caught:
                _post(server.url + "/v1/chat")
    assert elsewhere.received == []
    assert "nothing was sent there" in str(caught.value)


def test_a_same_origin_307_keeps_method_headers_and_body() -> None:
    with serve([Answer(status=307, headers={"Location": "/v2/chat"}), json_answer({"ok": 1})]) as s:
        response = _post(s.url + "/v1/chat")
    assert response.status == 200
    _, second = s.received
    assert (second.method, second.path, second.body) == ("POST", "/v2/chat", {"prompt": "private"})
    assert second.headers["x-api-key"] == "sk-SECRET"


def test_a_same_origin_302_is_refused_rather_than_turned_into_a_get() -> None:
    with serve([Answer(status=302, headers={"Location": "/elsewhere"})]) as server:
        with pytest.raises(RedirectError, match="HTTP 302"):
            _post(server.url + "/v1")
    assert server.requests == 1


def test_a_redirect_loop_stops() -> None:
    with serve([Answer(status=308, headers={"Location": "/again"})]) as server:
        with pytest.raises(RedirectError, match="more than three redirects"):
            _post(server.url + "/v1")
    assert server.requests == 4


def test_a_body_over_the_cap_is_refused_without_reading_it_all() -> None:
    policy = HttpPolicy(max_bytes=64 * 1024, max_retries=0)
    with serve([Answer(body=b"x" * (4 * 1024 * 1024))]) as server:
        with pytest.raises(TooLargeError, match="over the 65536-byte cap"):
            _post(server.url, policy)


def test_a_drip_fed_body_ends_at_the_deadline() -> None:
    # 200 bytes at one per 0.2 s would take 40 s; the deadline is 1 s.
    policy = HttpPolicy(deadline=1.0, read_timeout=5.0, max_retries=0)
    with serve([Answer(body=b"x" * 200, drip=0.2)]) as server:
        start = time.monotonic()
        with pytest.raises(APIConnectionError, match="longer than the 1 s deadline"):
            _post(server.url, policy)
        assert time.monotonic() - start < 20


def test_a_stalled_body_times_out_as_a_connection_error() -> None:
    policy = HttpPolicy(read_timeout=0.3, max_retries=0)
    with serve([Answer(body=b"{}", stall=3)]) as server:
        with pytest.raises(APIConnectionError, match="timed out"):
            _post(server.url, policy)


def test_retry_after_that_is_not_a_number_or_date_falls_back_to_backoff() -> None:
    soon = json_answer({}, status=429, **{"Retry-After": "soon"})
    with serve([soon, json_answer({"ok": 1})]) as server:
        assert _post(server.url).status == 200
    assert server.requests == 2


@pytest.mark.parametrize("value", ["86400", "9" * 400, "Fri, 31 Dec 2100 23:59:59 GMT"])
def test_a_long_retry_after_is_reported_at_once_not_waited_out(value: str) -> None:
    with serve([json_answer({}, status=429, **{"Retry-After": value})]) as server:
        start = time.monotonic()
        with pytest.raises(StatusError) as caught:
            _post(server.url)
        assert time.monotonic() - start < 20
    assert server.requests == 1
    assert caught.value.retry_after is not None and caught.value.retry_after > 60
    assert caught.value.why.startswith("after 1 attempt: it asks to wait ")
    assert caught.value.why.endswith(" s, more than the 20 s max_wait")


def test_retries_used_up_say_how_many_were_made() -> None:
    with serve([json_answer({}, status=503)]) as server:
        with pytest.raises(StatusError) as caught:
            _post(server.url, HttpPolicy(backoff=0.01, max_retries=2))
    assert server.requests == 3 and caught.value.why == "after 3 attempts"


@pytest.mark.parametrize(
    "location", ["http://127.0.0.1:99999/x", "http://127.0.0.1:1:2/x", "http://[::1/x"]
)
def test_a_redirect_to_an_impossible_location_is_refused_by_name(location: str) -> None:
    with serve([Answer(status=307, headers={"Location": location})]) as server:
        with pytest.raises(RedirectError, match="the unusable Location"):
            _post(server.url + "/v1")


def _stream(answer: Answer, policy: HttpPolicy = FAST) -> list[str]:
    with serve([answer]) as server:
        response = send("GET", server.url, who="acme", policy=policy, stream=True)
        assert not isinstance(response, HttpResponse)
        return list(lines(response, "acme", policy))


def test_streamed_lines_are_utf8_whatever_the_content_type_says() -> None:
    for content_type in ["text/event-stream", "", "text/plain; charset=latin-1"]:
        got = _stream(Answer(events=["héllo"], headers={"Content-Type": content_type}))
        assert got == ["data: héllo", ""]


def test_a_line_separator_inside_json_does_not_split_the_line() -> None:
    got = _stream(Answer(events=['{"text": "a\u2028b\u2029c\x85d"}']))
    assert got == ['data: {"text": "a\u2028b\u2029c\x85d"}', ""]


def test_cr_lf_and_crlf_all_end_lines() -> None:
    got = _stream(Answer(events=["data: a\r\ndata: b\rdata: c"]))
    assert got == ["data: a", "data: b", "data: c", ""]


def test_a_long_line_and_line_ends_across_read_boundaries_are_whole() -> None:
    # 16 MiB in one line, then a CRLF whose halves fall either side of a 64 KiB read, and
    # a two-byte character split the same way: every line comes out whole, once.
    long = "x" * (16 << 20)
    edge = "y" * ((1 << 16) - len("data: ") - 1)
    split = "z" * ((1 << 16) - len("data: ") - 1) + "é"
    body = f"data: {long}\n\ndata: {edge}\r\ndata: {split}\n".encode()
    with serve([Answer(body=body, headers={"Content-Type": "text/event-stream"})]) as server:
        response = send("GET", server.url, who="acme", policy=FAST, stream=True)
        assert not isinstance(response, HttpResponse)
        got = list(lines(response, "acme", FAST))
    assert got == [f"data: {long}", "", f"data: {edge}", f"data: {split}"]


def test_a_stream_that_goes_silent_raises_a_connection_error() -> None:
    policy = HttpPolicy(read_timeout=0.3, max_retries=0)
    with pytest.raises(APIConnectionError, match="timed out"):
        _stream(Answer(events=["one", "two"], gap=3), policy)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


@pytest.mark.parametrize(
    ("coding", "pack"),
    [("gzip", _gzip), ("deflate", zlib.compress), ("identity", bytes)],
)
def test_a_compressed_body_is_decoded(coding: str, pack: Callable[[bytes], bytes]) -> None:
    body = b'{"ok": "' + b"x" * 100_000 + b'"}'
    answer = Answer(body=pack(body), headers={"Content-Encoding": coding})
    with serve([answer]) as server:
        response = _post(server.url)
    assert response.body == body
    assert server.received[0].headers["Accept-Encoding"] == "gzip, deflate"


def test_a_compressed_stream_is_decoded_line_by_line() -> None:
    events = b"".join(b'data: {"n": %d}\n\n' % n for n in range(100))
    answer = Answer(body=_gzip(events), headers={"Content-Encoding": "gzip"})
    with serve([answer]) as server:
        response = requests.get(server.url, stream=True, timeout=5)
        got = [line for line in lines(response, "acme", FAST) if line]
    assert got == [f'data: {{"n": {n}}}' for n in range(100)]


def test_a_gzip_bomb_stops_at_the_cap() -> None:
    policy = HttpPolicy(max_bytes=64 * 1024, max_retries=0)
    bomb = _gzip(b"\0" * (64 * 1024 * 1024))  # 64 MiB of zeros in about 64 KB
    with serve([Answer(body=bomb, headers={"Content-Encoding": "gzip"})]) as server:
        with pytest.raises(TooLargeError, match="over the 65536-byte cap"):
            _post(server.url, policy)


@pytest.mark.parametrize(
    ("body", "coding", "says"),
    [
        (b"not gzip at all", "gzip", "compressed response is corrupt"),
        (_gzip(b'{"a": 1}' * 1000)[:-40], "gzip", "compressed response broke off"),
        (b"{}", "br", "content coding 'br', not gzip"),
    ],
)
def test_a_bad_compressed_body_is_one_clear_error(body: bytes, coding: str, says: str) -> None:
    policy = HttpPolicy(max_retries=0)
    with serve([Answer(body=body, headers={"Content-Encoding": coding})]) as server:
        with pytest.raises(APIConnectionError, match=says):
            _post(server.url, policy)
