"""The Anthropic messages API."""

from __future__ import annotations

from urllib.parse import quote

from llmdex.client.wire import (
    Call,
    Listed,
    Page,
    Request,
    Wire,
    count,
    field,
    items,
    join,
    optional,
)
from llmdex.errors import ClientConfigError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

ANTHROPIC_VERSION = "2023-06-01"
_DEFAULT_MAX_TOKENS = 4096
_PAGE = 1000
"""Models per page of the model list: the most the API returns."""


class AnthropicMessages(Wire):
    """``POST {base}/messages`` with ``x-api-key``; system messages go in ``system``."""

    usage_shape = "anthropic"

    def chat(self, call: Call, *, stream: bool) -> Request:
        """A messages request. ``max_tokens`` is required there: the call's, else up to 4096."""
        system = [m.get("content") for m in call.messages if m.get("role") == "system"]
        body: dict[str, Any] = {
            "model": call.model_id,
            "max_tokens": min(call.max_output or _DEFAULT_MAX_TOKENS, _DEFAULT_MAX_TOKENS),
            "messages": [dict(m) for m in call.messages if m.get("role") != "system"],
        }
        if system:
            body["system"] = _system(system)
        body.update(call.params)
        if stream:
            body["stream"] = True
        return Request(url=join(call.base_url, "messages"), headers=_headers(call), body=body)

    def read(self, body: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
        """The text blocks, joined, and ``usage``."""
        blocks = items(body, "content")
        text = "".join(field(b, "text", str) for b in blocks if b.get("type") == "text")
        return text, field(body, "usage", dict)

    def read_event(
        self, event: str, data: Mapping[str, Any]
    ) -> tuple[str, Mapping[str, Any] | None]:
        """Text from ``content_block_delta``; usage from ``message_start`` and ``message_delta``."""
        kind = data.get("type", event)
        if kind == "content_block_delta":
            delta = field(data, "delta", dict)
            text = optional(delta, "text", str, "") if delta.get("type") == "text_delta" else ""
            return text, None
        if kind == "message_start":
            return "", optional(field(data, "message", dict), "usage", dict, {})
        if kind == "message_delta":
            return "", optional(data, "usage", dict, {})
        return "", None

    def ends(self, event: str, data: Mapping[str, Any]) -> bool:
        """``message_stop`` is the last event."""
        return bool(data.get("type", event) == "message_stop")

    def list_models(self, call: Call, page: str | None) -> Request:
        """``GET {base}/models?limit=1000``, then ``&after_id=`` the last id of a page."""
        after = "" if page is None else f"&after_id={quote(page, safe='')}"
        url = join(call.base_url, f"models?limit={_PAGE}{after}")
        return Request(url=url, headers=_headers(call), body={})

    def read_models(self, body: Mapping[str, Any]) -> Page:
        """``data``: ids, with ``max_input_tokens`` and ``max_tokens`` where the API version
        gives them (no prices); ``has_more`` with ``last_id`` for the next page."""
        found = tuple(
            Listed(
                id=field(row, "id", str, f"data[{i}]"),
                context=count(row.get("max_input_tokens"), f"data[{i}].max_input_tokens"),
                output=count(row.get("max_tokens"), f"data[{i}].max_tokens"),
            )
            for i, row in enumerate(items(body, "data"))
        )
        more = optional(body, "has_more", bool, False)
        return Page(models=found, next=field(body, "last_id", str) if more else None)

    def embed(self, call: Call, texts: Sequence[str]) -> Request:
        """Anthropic has no embeddings API."""
        raise ClientConfigError(f"{call.model_id}: the Anthropic messages API has no embeddings")


def _headers(call: Call) -> dict[str, str]:
    headers = {"Content-Type": "application/json", "anthropic-version": ANTHROPIC_VERSION}
    if call.api_key is not None:
        headers["x-api-key"] = call.api_key
    return headers


def _system(parts: list[Any]) -> str | list[dict[str, Any]]:
    # Strings join into one; content blocks (for cache_control, say) are sent as blocks.
    if all(isinstance(part, str) for part in parts):
        return "\n\n".join(parts)
    blocks: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, str):
            blocks.append({"type": "text", "text": part})
        elif isinstance(part, list) and all(isinstance(block, dict) for block in part):
            blocks.extend(part)
        else:
            raise ClientConfigError(
                f"a system message's content is {type(part).__name__}: give text or content blocks"
            )
    return blocks
