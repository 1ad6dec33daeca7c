"""The client against real HTTP servers on loopback, one per protocol.

Each server checks every request body against the official SDK's request type
(tests/wire_shapes.py) and answers 400 to any it rejects.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from llmdex import DeprecatedModelWarning, HttpPolicy, LlmdexError, Protocol
from llmdex.client.keys import fill_base_url
from llmdex.client.wire import Call, Request
from llmdex.errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ClientConfigError,
    MalformedResponseError,
    MissingAPIKeyError,
    RateLimitError,
    RedirectError,
    ServerError,
    UnsupportedProtocolError,
)
from tests import wire_shapes
from tests.conftest import fixture_dex, fixture_root
from tests.fixture_catalog import PACKAGE
from tests.http_server import Answer, Routed, json_answer, serve

KEY = "sk-test-SECRET-0123456789"


@dataclass(frozen=True)
class Case:
    """One protocol: which model, where its server lives, and what it answers."""

    name: str
    spec: str
    prefix: str
    path: str
    stream_path: str
    check: Any
    reply: dict[str, Any]
    events: list[str]
    cost: str
    key_header: tuple[str, str]
    protocol: Protocol | None = None

    def model(self, url: str) -> Any:
        extra = {} if self.protocol is None else {"protocol": self.protocol}
        return fixture_dex().resolve(self.spec, base_url=url + self.prefix, **extra)


def _chunk(data: dict[str, Any], event: str | None = None) -> str:
    line = f"data: {json.dumps(data)}"
    return line if event is None else f"event: {event}\n{line}"


CASES = [
    Case(
        name="openai_chat",
        spec="openai:gpt-4o",
        prefix="/v1",
        path="/v1/chat/completions",
        stream_path="/v1/chat/completions",
        check=wire_shapes.openai_any,
        reply={
            "id": "c1",
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "Hello"},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        },
        events=[
            json.dumps(
                {"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}}]}
            ),
            json.dumps({"choices": [{"index": 0, "delta": {"content": "lo"}}]}),
            json.dumps({"choices": [], "usage": {"prompt_tokens": 10, "completion_tokens": 5}}),
            "[DONE]",
        ],
        cost="0.000075",  # 10 x 2.5 + 5 x 10 per 1M
        key_header=("Authorization", f"Bearer {KEY}"),
    ),
    Case(
        name="azure_openai",
        spec="azure:gpt-4o",
        prefix="/openai",
        path="/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
        stream_path="/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21",
        check=wire_shapes.openai_any,
        reply={
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5},
        },
        events=[
            json.dumps({"choices": [{"index": 0, "delta": {"content": "Hello"}}]}),
            json.dumps({"choices": [], "usage": {"prompt_tokens": 10, "completion_tokens": 5}}),
            "[DONE]",
        ],
        cost="0.000075",
        key_header=("api-key", KEY),
    ),
    Case(
        name="openai_responses",
        spec="openai:gpt-4o",
        prefix="/v1",
        path="/v1/responses",
        stream_path="/v1/responses",
        check=wire_shapes.openai_responses,
        reply={
            "id": "r1",
            "output": [
                {"type": "reasoning", "summary": []},
                {"type": "message", "content": [{"type": "output_text", "text": "Hello"}]},
            ],
            "usage": {
                "input_tokens": 10,
                "output_tokens": 5,
                "input_tokens_details": {"cached_tokens": 0},
            },
        },
        events=[
            _chunk({"type": "response.created", "response": {}}, "response.created"),
            _chunk(
                {"type": "response.output_text.delta", "delta": "Hel"}, "response.output_text.delta"
            ),
            _chunk(
                {"type": "response.output_text.delta", "delta": "lo"}, "response.output_text.delta"
            ),
            _chunk(
                {
                    "type": "response.completed",
                    "response": {"usage": {"input_tokens": 10, "output_tokens": 5}},
                },
                "response.completed",
            ),
        ],
        cost="0.000075",
        key_header=("Authorization", f"Bearer {KEY}"),
        protocol=Protocol.OPENAI_RESPONSES,
    ),
    Case(
        name="anthropic_messages",
        spec="anthropic:claude-sonnet-4-5",
        prefix="/v1",
        path="/v1/messages",
        stream_path="/v1/messages",
        check=wire_shapes.anthropic_messages,
        reply={
            "id": "m1",
            "type": "message",
            "role": "assistant",
            "content": [{"type": "text", "text": "Hello"}],
            "usage": {"input_tokens": 10, "output_tokens": 5, "cache_read_input_tokens": 1000},
        },
        events=[
            _chunk(
                {
                    "type": "message_start",
                    "message": {
                        "usage": {
                            "input_tokens": 10,
                            "output_tokens": 1,
                            "cache_read_input_tokens": 1000,
                        }
                    },
                },
                "message_start",
            ),
            _chunk(
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
                "content_block_start",
            ),
            _chunk(
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "text_delta", "text": "Hel"},
                },
                "content_block_delta",
            ),
            _chunk(
                {
                    "type": "content_block_delta",
                    "index": 0,
                    "delta": {"type": "text_delta", "text": "lo"},
                },
                "content_block_delta",
            ),
            _chunk(
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn"},
                    "usage": {"output_tokens": 5},
                },
                "message_delta",
            ),
            _chunk({"type": "message_stop"}, "message_stop"),
        ],
        cost="0.000405",  # 10 x 3 + 5 x 15 + 1000 x 0.3 per 1M
        key_header=("x-api-key", KEY),
    ),
    Case(
        name="google_generate_content",
        spec="google:gemini-2.5-flash",
        prefix="/v1beta",
        path="/v1beta/models/gemini-2.5-flash:generateContent",
        stream_path="/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        check=wire_shapes.google,
        reply={
            "candidates": [
                {
                    "content": {
                        "role": "model",
                        "parts": [{"text": "thinking...", "thought": True}, {"text": "Hello"}],
                    }
                }
            ],
            "usageMetadata": {
                "promptTokenCount": 10,
                "candidatesTokenCount": 5,
                "thoughtsTokenCount": 2,
            },
        },
        events=[
            json.dumps(
                {
                    "candidates": [{"content": {"role": "model", "parts": [{"text": "Hel"}]}}],
                    "usageMetadata": {"promptTokenCount": 10},
                }
            ),
            json.dumps(
                {
                    "candidates": [
                        {
                            "content": {"role": "model", "parts": [{"text": "lo"}]},
                            "finishReason": "STOP",
                        }
                    ],
                    "usageMetadata": {
                        "promptTokenCount": 10,
                        "candidatesTokenCount": 5,
                        "thoughtsTokenCount": 2,
                    },
                }
            ),
        ],
        cost="0.0000205",  # 10 x 0.3 + (5 + 2 thoughts) x 2.5 per 1M
        key_header=("x-goog-api-key", KEY),
    ),
]
IDS = [case.name for case in CASES]
MESSAGES = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Say hello"},
]


def _client(*, api_keys: dict[str, str] | None = None, **policy: Any) -> Any:
    settings = {"backoff": 0.01, **policy}
    return fixture_dex().Client(api_keys=api_keys, policy=HttpPolicy(**settings))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_plain_call(case: Case) -> None:
    with serve([json_answer(case.reply)], check=case.check) as server:
        result = _client().complete(case.model(server.url), MESSAGES, api_key=KEY, max_tokens=50)
    assert result.text == "Hello"
    assert result.cost is not None and result.cost.total == Decimal(case.cost)
    assert result.cost_error is None
    (request,) = server.received
    assert request.path == case.path
    assert request.headers[case.key_header[0]] == case.key_header[1]
    assert KEY not in request.path


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_streamed_call(case: Case) -> None:
    with serve([Answer(events=case.events)], check=case.check) as server:
        stream = _client().stream(case.model(server.url), MESSAGES, api_key=KEY, max_tokens=50)
        deltas = list(stream)
    assert "".join(deltas) == "Hello" and len(deltas) >= 1
    assert stream.completion is not None and stream.completion.text == "Hello"
    assert stream.completion.cost is not None and stream.completion.cost.total == Decimal(case.cost)
    assert server.received[0].path == case.stream_path


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_429_then_success(case: Case) -> None:
    limited = json_answer({"error": {"message": "slow down"}}, status=429, **{"Retry-After": "0"})
    with serve([limited, json_answer(case.reply)], check=case.check) as server:
        result = _client().complete(case.model(server.url), "hi", api_key=KEY)
    assert result.text == "Hello" and server.requests == 2


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_500_is_retried_then_raised(case: Case) -> None:
    with serve(
        [json_answer({"error": {"message": "upstream exploded"}}, status=500)], check=case.check
    ) as server:
        with pytest.raises(ServerError) as caught:
            _client(max_retries=1).complete(case.model(server.url), "hi", api_key=KEY)
    assert server.requests == 2
    assert (caught.value.status, caught.value.message) == (500, "upstream exploded")
    assert caught.value.provider == case.spec.split(":")[0]


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("body", [b"<html>gateway</html>", b'{"unexpected": true}', b"[1, 2]"])
def test_a_malformed_body(case: Case, body: bytes) -> None:
    with serve([Answer(body=body)], check=case.check) as server:
        with pytest.raises(MalformedResponseError, match="malformed response"):
            _client().complete(case.model(server.url), "hi", api_key=KEY)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_request_the_sdk_types_reject_is_refused(case: Case) -> None:
    # By the server, as the provider would; Gemini's wire refuses it before sending.
    with serve([json_answer(case.reply)], check=case.check) as server:
        with pytest.raises(LlmdexError, match="invalid"):
            _client().complete(
                case.model(server.url), [{"role": "robot", "content": 5}], api_key=KEY
            )


# Embeddings, where the protocol has them


def test_openai_embeddings() -> None:
    reply = {
        "object": "list",
        "data": [{"index": 1, "embedding": [0.3, 0.4]}, {"index": 0, "embedding": [0.1, 0.2]}],
        "usage": {"prompt_tokens": 8, "total_tokens": 8},
    }
    with serve([json_answer(reply)], check=wire_shapes.openai_any) as server:
        model = fixture_dex().resolve("openai:text-embedding-3-small", base_url=server.url + "/v1")
        result = _client().embed(model, ["a", "b"], api_key=KEY)
    assert result.vectors == [[0.1, 0.2], [0.3, 0.4]]
    assert result.cost is not None and result.cost.total == Decimal("0.00000016")  # 8 x 0.02 / 1M
    assert server.received[0].path == "/v1/embeddings"


def test_google_embeddings_have_no_usage_so_no_cost() -> None:
    reply = {"embeddings": [{"values": [0.1, 0.2]}, {"values": [0.3, 0.4]}]}
    with serve([json_answer(reply)], check=wire_shapes.google) as server:
        model = fixture_dex().resolve(
            "google:gemini-embedding-001", base_url=server.url + "/v1beta"
        )
        result = _client().embed(model, ["a", "b"], api_key=KEY)
    assert result.vectors == [[0.1, 0.2], [0.3, 0.4]]
    assert result.cost is None and result.cost_error == "google reported no token usage"
    assert server.received[0].path == "/v1beta/models/gemini-embedding-001:batchEmbedContents"


def test_anthropic_has_no_embeddings() -> None:
    with pytest.raises(ClientConfigError, match="no embeddings"):
        _client().embed("anthropic:claude-sonnet-4-5", ["a"], api_key=KEY)


# Dispatch, keys, configuration


def test_unsupported_protocols_name_provider_and_protocol() -> None:
    with pytest.raises(
        UnsupportedProtocolError,
        match=r"google-vertex:gemini-2\.5-pro: its protocol is 'unsupported'",
    ):
        _client().complete("google-vertex:gemini-2.5-pro", "hi", api_key=KEY)


def test_a_missing_key_names_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(MissingAPIKeyError, match="set OPENAI_API_KEY, or pass api_key="):
        _client().complete("openai:gpt-4o", "hi")


def _at_home(server: Any, **settings: Any) -> Any:
    # A client whose requests to the provider's own URL reach the loopback server.
    policy = HttpPolicy(**{"backoff": 0.01, **settings.pop("policy", {})})
    return fixture_dex().Client(policy=policy, session=Routed(server), **settings)


def test_the_key_comes_from_the_providers_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        _at_home(server).complete("openai:gpt-4o", "hi")
    assert server.received[0].headers["Authorization"] == f"Bearer {KEY}"


def test_a_server_the_caller_chose_gets_no_provider_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        client = _client(api_keys={"openai": KEY})
        client.complete(CASES[0].model(server.url), "hi")
        custom = {"provider": "openai", "id": "my-model", "base_url": server.url + "/v1"}
        client.complete(fixture_dex().resolve(custom), "hi")
    assert [r.headers.get("Authorization") for r in server.received] == [None, None]


def test_a_server_the_caller_chose_gets_the_key_given_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-the-providers")
    monkeypatch.setenv("MY_SERVER_KEY", KEY)
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        _client().complete(CASES[0].model(server.url), "hi", api_key=KEY)
        named = {"provider": "openai", "id": "my-model", "base_url": server.url + "/v1"}
        model = fixture_dex().resolve({**named, "env": ["MY_SERVER_KEY"]})
        _client().complete(model, "hi")
    assert [r.headers["Authorization"] for r in server.received] == [f"Bearer {KEY}"] * 2


def test_the_same_origin_written_differently_is_the_providers() -> None:
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        model = fixture_dex().resolve("openai:gpt-4o", base_url="https://API.OpenAI.com:443/v1")
        _at_home(server, api_keys={"openai": KEY}).complete(model, "hi")
    assert server.received[0].headers["Authorization"] == f"Bearer {KEY}"


def test_a_key_never_goes_over_plain_http_to_another_machine() -> None:
    model = fixture_dex().resolve("openai:gpt-4o", base_url="http://models.example/v1")
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        with pytest.raises(ClientConfigError, match=r"plain http:// to models\.example; use https"):
            _at_home(server).complete(model, "hi", api_key=KEY)
        assert server.requests == 0
        _at_home(server).complete(model, "hi")  # no key: nothing to protect
        _at_home(server, allow_insecure_http=True).complete(model, "hi", api_key=KEY)
    assert [r.headers.get("Authorization") for r in server.received] == [None, f"Bearer {KEY}"]


def test_a_base_url_placeholder_needs_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AZURE_RESOURCE_NAME", raising=False)
    with pytest.raises(ClientConfigError, match=r"needs \$\{AZURE_RESOURCE_NAME\}"):
        _client().complete("azure:gpt-4o", "hi", api_key=KEY)


def test_a_custom_model_on_a_local_server_needs_no_key_and_has_no_price() -> None:
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        model = fixture_dex().resolve(
            {"provider": "local", "id": "llama-3", "base_url": server.url + "/v1"}
        )
        result = _client().complete(model, "hi")
    assert result.text == "Hello" and "Authorization" not in server.received[0].headers
    assert result.cost is None and result.cost_error is not None and "no price" in result.cost_error


def test_a_deprecated_model_warns_when_called() -> None:
    with serve([json_answer(CASES[3].reply)], check=wire_shapes.anthropic_messages) as server:
        model = fixture_dex().resolve(
            "anthropic:claude-3-5-sonnet-20241022", base_url=server.url + "/v1"
        )
        with pytest.warns(DeprecatedModelWarning, match="deprecated"):
            _client().complete(model, "hi", api_key=KEY)


def test_a_rate_limit_that_lasts_raises_rate_limit_error() -> None:
    with serve(
        [json_answer({"error": {"message": "quota"}}, status=429, **{"Retry-After": "0"})]
    ) as server:
        with pytest.raises(RateLimitError):
            _client(max_retries=1).complete(CASES[0].model(server.url), "hi", api_key=KEY)
    assert server.requests == 2


def test_a_key_never_appears_in_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    echo = json_answer({"error": {"message": f"Incorrect API key provided: {KEY}"}}, status=401)
    texts = [repr(_client(api_keys={"openai": KEY}))]
    with caplog.at_level(logging.DEBUG):
        with serve([echo]) as server:
            with pytest.raises(AuthenticationError) as auth:
                _at_home(server, api_keys={"openai": KEY}).complete("openai:gpt-4o", "hi")
        texts += [str(auth.value), repr(auth.value), auth.value.message]
        with serve([Answer(body=f"oops {KEY}".encode())]) as server:
            with pytest.raises(MalformedResponseError) as malformed:
                _at_home(server, api_keys={"openai": KEY}).complete("openai:gpt-4o", "hi")
        texts.append(str(malformed.value))
        with serve([json_answer(CASES[0].reply)]) as server:
            result = _at_home(server, api_keys={"openai": KEY}).complete("openai:gpt-4o", "hi")
        texts += [repr(result), str(result)]
        client = _client(api_keys={"openai": KEY}, max_retries=1)
        dead = fixture_dex().resolve("openai:gpt-4o", base_url="http://127.0.0.1:9/v1")
        with pytest.raises(APIConnectionError) as refused:
            client.complete(dead, "hi")
        texts.append(str(refused.value))
    texts += [record.getMessage() for record in caplog.records]
    assert "[redacted]" in str(auth.value)
    assert caplog.records, "expected the client to log its requests"
    for text in texts:
        assert KEY not in text


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_redirect_to_another_origin_gets_neither_key_nor_prompt(case: Case) -> None:
    with serve([json_answer(case.reply)]) as elsewhere:
        moved = Answer(status=307, headers={"Location": elsewhere.url + case.path})
        with serve([moved]) as server:
            with pytest.raises(RedirectError):
                _client().complete(case.model(server.url), "private prompt", api_key=KEY)
    assert elsewhere.received == [] and server.requests == 1


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n", "\x00", " "])
def test_a_key_with_control_characters_is_refused_without_being_shown(ending: str) -> None:
    with serve([json_answer(CASES[0].reply)]) as server:
        with pytest.raises(ClientConfigError, match="a trailing newline") as caught:
            _client().complete(CASES[0].model(server.url), "hi", api_key=KEY + ending)
    assert server.requests == 0
    assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_a_non_json_error_body_is_redacted_before_it_is_cut() -> None:
    # The key straddles the 500-character cut: cutting first would leave its first characters.
    body = ("x" * 495 + KEY + "y" * 100).encode()
    with serve([Answer(status=400, body=body)]) as server:
        with pytest.raises(BadRequestError) as caught:
            _client().complete(CASES[0].model(server.url), "hi", api_key=KEY)
    assert KEY[:4] not in str(caught.value) and "[redacted]"[:5] in str(caught.value)


def test_internal_call_and_request_records_hide_the_key() -> None:
    call = Call(model_id="m", base_url="http://h", api_key=KEY, messages=[], params={})
    request = Request(url="http://h", headers={"Authorization": f"Bearer {KEY}"}, body={})
    assert KEY not in repr(call) and KEY not in repr(request)


@pytest.mark.parametrize(
    ("url", "variables", "value", "problem"),
    [
        ("https://${HOME}.example/v1", ("HOST",), "x", "not one of its provider's"),
        ("https://${ACME_API_KEY}.example/v1", ("ACME_API_KEY",), "x", "non-secret"),
        ("https://${HOST}.example/v1", ("HOST",), "evil.com/?", "must be a host name"),
        ("https://${HOST}.example/v1", ("HOST",), "u:p@evil.com", "must be a host name"),
        ("${HOST}/v1", ("HOST",), "https://a@evil.com", "must be a host name"),
        ("${HOST}/v1", ("HOST",), "https://evil.com/?q=1", "must be a host name"),
    ],
)
def test_base_url_placeholders_take_only_host_names_from_the_providers_variables(
    monkeypatch: pytest.MonkeyPatch, url: str, variables: tuple[str, ...], value: str, problem: str
) -> None:
    for name in ("HOME", "ACME_API_KEY", "HOST"):
        monkeypatch.setenv(name, value)
    with pytest.raises(ClientConfigError, match=problem):
        fill_base_url(url, variables, "acme:m")


def test_a_placeholder_may_hold_a_whole_plain_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "https://gw.example:8443/openai")
    assert fill_base_url("${HOST}/v1", ("HOST",), "acme:m") == "https://gw.example:8443/openai/v1"


def test_anthropic_system_content_blocks_are_sent_as_blocks() -> None:
    system = [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]
    messages = [{"role": "system", "content": system}, {"role": "user", "content": "hi"}]
    with serve([json_answer(CASES[3].reply)], check=wire_shapes.anthropic_messages) as server:
        _client().complete(CASES[3].model(server.url), messages, api_key=KEY, max_tokens=5)
    assert server.received[0].body["system"] == system


def test_a_stream_that_goes_silent_is_a_connection_error() -> None:
    case = CASES[0]
    with serve([Answer(events=case.events, gap=3)]) as server:
        stream = _client(read_timeout=0.3).stream(case.model(server.url), "hi", api_key=KEY)
        with pytest.raises(APIConnectionError, match="timed out"):
            list(stream)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_stream_cut_before_its_end_event_is_an_error_not_zero_usage(case: Case) -> None:
    assert case.events is not None
    with serve([Answer(events=case.events[:-1])]) as server:
        stream = _client().stream(case.model(server.url), "hi", api_key=KEY)
        with pytest.raises(APIConnectionError, match="stopped before its end event"):
            list(stream)
    assert stream.completion is None


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_deeply_nested_json_in_a_body_or_an_event_is_a_malformed_response(case: Case) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    with serve([Answer(body=nested.encode())]) as server:
        with pytest.raises(MalformedResponseError, match="nested deeper than 64 levels"):
            _client().complete(case.model(server.url), "hi", api_key=KEY)
    with serve([Answer(events=[nested])]) as server:
        stream = _client().stream(case.model(server.url), "hi", api_key=KEY)
        with pytest.raises(MalformedResponseError, match="nested deeper than 64 levels"):
            list(stream)


def test_a_stream_decodes_utf8_and_keeps_line_separators_inside_json() -> None:
    case = CASES[0]
    delta = {"choices": [{"index": 0, "delta": {"content": "h\u00e9llo\u2028w\u2029"}}]}
    events = [json.dumps(delta, ensure_ascii=False), "[DONE]"]
    with serve([Answer(events=events, headers={"Content-Type": ""})]) as server:
        stream = _client().stream(case.model(server.url), "hi", api_key=KEY)
        assert "".join(stream) == "h\u00e9llo\u2028w\u2029"


def _ask(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", PACKAGE, "ask", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "", "PYTHONPATH": str(fixture_root()), **env},
    )


def test_ask_a_local_server_by_a_provider_the_catalog_does_not_know() -> None:
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        result = _ask("local:llama-3.1-8b", "hi", "--base-url", server.url + "/v1", env={})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hello\n" and "no price for local:llama-3.1-8b" in result.stderr
    assert "Authorization" not in server.received[0].headers


def test_ask_a_catalog_model_elsewhere_needs_no_provider_key_and_keeps_its_price() -> None:
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        result = _ask("openai:gpt-4o", "hi", "--base-url", server.url + "/v1", env={})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "-- openai:gpt-4o: 10 in, 5 out, cost $0.000075"


def test_ask_base_url_sends_only_the_key_of_key_env() -> None:
    env = {"OPENAI_API_KEY": "sk-the-providers", "MY_SERVER_KEY": KEY}
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        plain = _ask("openai:gpt-4o", "hi", "--base-url", server.url + "/v1", env=env)
        keyed = _ask(
            *("openai:gpt-4o", "hi", "--base-url", server.url + "/v1", "--key-env"),
            *("MY_SERVER_KEY",),
            env=env,
        )
    assert plain.returncode == keyed.returncode == 0, plain.stderr + keyed.stderr
    sent = [r.headers.get("Authorization") for r in server.received]
    assert sent == [None, f"Bearer {KEY}"]


def test_ask_refuses_a_key_over_plain_http_in_cli_terms() -> None:
    result = _ask(
        *("openai:gpt-4o", "hi", "--base-url", "http://models.example/v1"),
        *("--key-env", "MY_SERVER_KEY"),
        env={"MY_SERVER_KEY": KEY},
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "use https, or --allow-insecure-http on a network you trust"
    )


def test_ask_prints_the_answer_and_a_cost_line() -> None:
    with serve([json_answer(CASES[0].reply)], check=wire_shapes.openai_any) as server:
        result = _ask(
            "openai:gpt-4o",
            "Say hello",
            "--base-url",
            server.url + "/v1",
            env={"OPENAI_API_KEY": KEY},
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hello\n"
    assert result.stderr.strip() == "-- openai:gpt-4o: 10 in, 5 out, cost $0.000075"


def test_a_bug_of_ours_is_not_reported_as_a_malformed_response() -> None:
    from llmdex.client.client import _read

    def broken(body: Any) -> None:
        raise KeyError("a bug in llmdex, not in the response")

    with pytest.raises(KeyError):
        _read("acme", None, "{}", broken, {})
