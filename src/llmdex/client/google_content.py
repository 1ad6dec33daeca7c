"""Gemini ``generateContent``, ``streamGenerateContent`` and ``batchEmbedContents``."""

from __future__ import annotations

from urllib.parse import quote

from llmdex.client.wire import (
    Call,
    Listed,
    Page,
    Request,
    ShapeError,
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

_PAGE = 1000
"""Models per page of the model list: the most the API returns."""

# Chat-style parameter names -> Gemini generationConfig names.
_CONFIG = {
    "max_tokens": "maxOutputTokens",
    "temperature": "temperature",
    "top_p": "topP",
    "top_k": "topK",
    "stop": "stopSequences",
}


def _parts(content: object) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"text": content}]
    if isinstance(content, list) and all(isinstance(part, dict) for part in content):
        return [{"text": part["text"]} for part in content if part.get("type") == "text"]
    raise ClientConfigError(
        f"invalid message content {content!r:.60}: give text or a list of text parts"
    )


class GoogleContent(Wire):
    """Gemini's REST API with ``x-goog-api-key`` (never the key in the URL)."""

    usage_shape = "google"

    def _headers(self, call: Call) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if call.api_key is not None:
            headers["x-goog-api-key"] = call.api_key
        return headers

    def chat(self, call: Call, *, stream: bool) -> Request:
        """``contents`` with roles user and model, ``systemInstruction``, ``generationConfig``."""
        contents = [
            {
                "role": "model" if m.get("role") == "assistant" else "user",
                "parts": _parts(m["content"]),
            }
            for m in call.messages
            if m.get("role") != "system"
        ]
        body: dict[str, Any] = {"contents": contents}
        system = [
            p for m in call.messages if m.get("role") == "system" for p in _parts(m["content"])
        ]
        if system:
            body["systemInstruction"] = {"parts": system}
        config = {_CONFIG[k]: v for k, v in call.params.items() if k in _CONFIG}
        if isinstance(config.get("stopSequences"), str):
            config["stopSequences"] = [config["stopSequences"]]
        if config:
            body["generationConfig"] = config
        body.update({k: v for k, v in call.params.items() if k not in _CONFIG})
        method = "streamGenerateContent?alt=sse" if stream else "generateContent"
        url = join(call.base_url, f"models/{call.model_id}:{method}")
        return Request(url=url, headers=self._headers(call), body=body)

    def read(self, body: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
        """The first candidate's text parts (thoughts left out), and ``usageMetadata``.

        A response has candidates, unless ``promptFeedback`` says the prompt was blocked.
        """
        if "candidates" not in body and "promptFeedback" not in body:
            raise ShapeError("no candidates")
        return self._text(body), optional(body, "usageMetadata", dict, {})

    def _text(self, body: Mapping[str, Any]) -> str:
        candidates = optional(body, "candidates", list, [])
        if not candidates:
            return ""
        content = optional(candidates[0], "content", dict, {})
        parts = [p for p in optional(content, "parts", list, []) if isinstance(p, dict)]
        return "".join(optional(p, "text", str, "") for p in parts if not p.get("thought"))

    def read_event(
        self, event: str, data: Mapping[str, Any]
    ) -> tuple[str, Mapping[str, Any] | None]:
        """Each chunk is a partial response; the last one's ``usageMetadata`` is the total."""
        return self._text(data), optional(data, "usageMetadata", dict, None)

    def ends(self, event: str, data: Mapping[str, Any]) -> bool:
        """Gemini sends no end event: the last chunk is the one with a ``finishReason``."""
        candidates = optional(data, "candidates", list, [])
        return any(isinstance(c, dict) and c.get("finishReason") for c in candidates)

    def list_models(self, call: Call, page: str | None) -> Request:
        """``GET {base}/models?pageSize=1000``, then ``&pageToken=`` the page's token."""
        token = "" if page is None else f"&pageToken={quote(page, safe='')}"
        url = join(call.base_url, f"models?pageSize={_PAGE}{token}")
        return Request(url=url, headers=self._headers(call), body={})

    def read_models(self, body: Mapping[str, Any]) -> Page:
        """``models`` named ``models/ID``, with ``inputTokenLimit`` and ``outputTokenLimit``;
        ``nextPageToken`` for the next page."""
        found = []
        for i, row in enumerate(optional(body, "models", list, [])):
            where = f"models[{i}]"
            name = field(row, "name", str, where)
            found.append(
                Listed(
                    id=name.removeprefix("models/"),
                    context=count(row.get("inputTokenLimit"), f"{where}.inputTokenLimit"),
                    output=count(row.get("outputTokenLimit"), f"{where}.outputTokenLimit"),
                )
            )
        token = optional(body, "nextPageToken", str, "")
        return Page(models=tuple(found), next=token or None)

    def embed(self, call: Call, texts: Sequence[str]) -> Request:
        """``batchEmbedContents``, one request per text."""
        requests = [
            {"model": f"models/{call.model_id}", "content": {"parts": [{"text": text}]}}
            for text in texts
        ]
        url = join(call.base_url, f"models/{call.model_id}:batchEmbedContents")
        return Request(url=url, headers=self._headers(call), body={"requests": requests})

    def read_embeddings(
        self, body: Mapping[str, Any]
    ) -> tuple[list[list[float]], Mapping[str, Any]]:
        """Vectors; Gemini reports no token usage for embeddings."""
        return [list(field(e, "values", list)) for e in items(body, "embeddings")], {}
