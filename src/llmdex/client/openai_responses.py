"""The OpenAI responses API."""

from __future__ import annotations

from llmdex.client.openai_chat import OpenAIChat
from llmdex.client.wire import Call, Request, field, items, optional

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


class OpenAIResponses(OpenAIChat):
    """``POST {base}/responses``; messages go in ``input``, text comes in output items."""

    def chat(self, call: Call, *, stream: bool) -> Request:
        """A responses request."""
        body: dict[str, Any] = {"model": call.model_id, "input": [dict(m) for m in call.messages]}
        body.update(call.params)
        if "max_tokens" in body:  # the chat-style name; this API calls it max_output_tokens
            body["max_output_tokens"] = body.pop("max_tokens")
        if stream:
            body["stream"] = True
        return Request(url=self.url(call, "responses"), headers=self.headers(call), body=body)

    def read(self, body: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
        """The text of every ``output_text`` part of every output message, and ``usage``."""
        texts = [
            field(part, "text", str)
            for item in items(body, "output")
            if item.get("type") == "message"
            for part in items(item, "content", "output[]")
            if part.get("type") == "output_text"
        ]
        return "".join(texts), optional(body, "usage", dict, {})

    def read_event(
        self, event: str, data: Mapping[str, Any]
    ) -> tuple[str, Mapping[str, Any] | None]:
        """``response.output_text.delta`` gives text; the last event gives usage."""
        kind = data.get("type", event)
        if kind == "response.output_text.delta":
            return optional(data, "delta", str, ""), None
        if kind in _LAST:
            return "", optional(field(data, "response", dict), "usage", dict, {})
        return "", None

    def ends(self, event: str, data: Mapping[str, Any]) -> bool:
        """``response.completed``, or ``response.incomplete`` (stopped at a limit), is last."""
        return data.get("type", event) in _LAST


_LAST = frozenset({"response.completed", "response.incomplete"})
"""The events that end a response stream, each with the response and its usage."""
