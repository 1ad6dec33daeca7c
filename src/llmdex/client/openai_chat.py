"""OpenAI chat completions, and Azure OpenAI's deployment flavour of it."""

from __future__ import annotations

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
    per_million,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

AZURE_API_VERSION = "2024-10-21"
"""The Azure OpenAI GA API version used unless a call passes ``api_version``."""


class OpenAIChat(Wire):
    """``POST {base}/chat/completions``, bearer key, SSE with ``data: [DONE]``."""

    def headers(self, call: Call) -> dict[str, str]:
        """JSON, and the key as a bearer token when there is one."""
        headers = {"Content-Type": "application/json"}
        if call.api_key is not None:
            headers["Authorization"] = f"Bearer {call.api_key}"
        return headers

    def url(self, call: Call, path: str) -> str:
        """The endpoint ``path`` under the call's base URL."""
        return join(call.base_url, path)

    def chat(self, call: Call, *, stream: bool) -> Request:
        """A chat completion request; streamed ones ask for usage in the last chunk."""
        body: dict[str, Any] = {
            "model": call.model_id,
            "messages": [dict(m) for m in call.messages],
        }
        body.update(call.params)
        if stream:
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
        return Request(
            url=self.url(call, "chat/completions"), headers=self.headers(call), body=body
        )

    def read(self, body: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
        """The first choice's message text, and ``usage``."""
        choices = items(body, "choices")
        if not choices:
            return "", optional(body, "usage", dict, {})
        message = field(choices[0], "message", dict, "choices[0]")
        return optional(message, "content", str, ""), optional(body, "usage", dict, {})

    def read_event(
        self, event: str, data: Mapping[str, Any]
    ) -> tuple[str, Mapping[str, Any] | None]:
        """A chunk's delta text; the last chunk carries ``usage`` and no choices."""
        choices = [c for c in optional(data, "choices", list, []) if isinstance(c, dict)]
        delta = optional(choices[0], "delta", dict, {}) if choices else {}
        return optional(delta, "content", str, ""), optional(data, "usage", dict, None)

    def embed(self, call: Call, texts: Sequence[str]) -> Request:
        """``POST {base}/embeddings``."""
        body = {"model": call.model_id, "input": list(texts)}
        return Request(url=self.url(call, "embeddings"), headers=self.headers(call), body=body)

    def read_embeddings(
        self, body: Mapping[str, Any]
    ) -> tuple[list[list[float]], Mapping[str, Any]]:
        """Vectors in input order, and ``usage``."""
        rows = sorted(items(body, "data"), key=lambda row: field(row, "index", int))
        vectors = [list(field(row, "embedding", list)) for row in rows]
        return vectors, optional(body, "usage", dict, {})

    def list_models(self, call: Call, page: str | None) -> Request:
        """``GET {base}/models``: one page, with every model."""
        return Request(url=self.url(call, "models"), headers=self.headers(call), body={})

    def read_models(self, body: Mapping[str, Any]) -> Page:
        """``{"data": [{"id": ...}, ...]}``; OpenRouter's rows add ``context_length``,
        ``top_provider.max_completion_tokens`` and ``pricing`` (USD per token, as text)."""
        found = []
        for i, row in enumerate(items(body, "data")):
            where = f"data[{i}]"
            pricing = optional(row, "pricing", dict, {})
            top = optional(row, "top_provider", dict, {})
            found.append(
                Listed(
                    id=field(row, "id", str, where),
                    context=count(row.get("context_length"), f"{where}.context_length"),
                    output=count(top.get("max_completion_tokens"), f"{where}.top_provider"),
                    input_price=per_million(pricing.get("prompt"), f"{where}.pricing.prompt"),
                    output_price=per_million(
                        pricing.get("completion"), f"{where}.pricing.completion"
                    ),
                    cache_read_price=per_million(
                        pricing.get("input_cache_read"), f"{where}.pricing.input_cache_read"
                    ),
                    cache_write_price=per_million(
                        pricing.get("input_cache_write"), f"{where}.pricing.input_cache_write"
                    ),
                )
            )
        return Page(models=tuple(found), next=None)


class AzureOpenAI(OpenAIChat):
    """``POST {base}/deployments/{deployment}/{path}?api-version=...`` with an ``api-key``.

    The deployment is the model id unless a call passes ``deployment=``.
    """

    def headers(self, call: Call) -> dict[str, str]:
        """JSON, and the key in ``api-key``."""
        headers = {"Content-Type": "application/json"}
        if call.api_key is not None:
            headers["api-key"] = call.api_key
        return headers

    def url(self, call: Call, path: str) -> str:
        """The deployment's endpoint, with the API version."""
        deployment = call.params.get("deployment", call.model_id)
        version = call.params.get("api_version", AZURE_API_VERSION)
        return join(call.base_url, f"deployments/{deployment}/{path}?api-version={version}")

    no_model_list = (
        "Azure OpenAI has no model list per key (its models are your deployments); "
        "list them in the Azure portal"
    )

    def chat(self, call: Call, *, stream: bool) -> Request:
        """As OpenAI's, without the routing parameters in the body."""
        request = super().chat(call, stream=stream)
        body = {k: v for k, v in request.body.items() if k not in {"deployment", "api_version"}}
        return Request(url=request.url, headers=request.headers, body=body)
