"""The spec grammar: how a string, tuple or model names a model."""

from __future__ import annotations

from llmdex_runtime.errors import InvalidSpecError
from llmdex_runtime.model import Model
from llmdex_runtime.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Callable


@record
class ModelSpec:
    """A parsed spec: a provider id (``None`` for a bare model id) and a model id.

    Example:
        >>> llmdex.parse_spec("claude-sonnet-4-5@google_vertex")
        ModelSpec(provider='google-vertex', id='claude-sonnet-4-5')
    """

    provider: str | None
    id: str

    def __str__(self) -> str:
        return self.id if self.provider is None else f"{self.provider}:{self.id}"


def parse_spec(
    spec: object,
    provider_id: Callable[[str], str | None],
    is_bare_id: Callable[[str], bool],
) -> ModelSpec:
    """Parse ``spec`` by the grammar below; raise :class:`InvalidSpecError` with a ``code``.

    * ``"provider:model"`` splits at the first ``:``, so the model id may hold more colons;
      when the text before it is no provider but the whole text is a known model id
      (``openai/gpt-oss-120b:free``), it is a bare id.
    * ``"model@provider"`` when the text after the last ``@`` is a provider; otherwise the
      ``@`` belongs to the id (``claude-sonnet-4-5@20250929``).
    * ``(provider, model_id)``, with a string or ``Provider`` member; a ``Model``.
    * Provider ids ignore case, and ``-`` and ``_`` are alike; surrounding space is trimmed.

    ``provider_id`` maps a provider name to its id (or ``None``); ``is_bare_id`` says
    whether a text is a model id of some provider.
    """
    if isinstance(spec, Model):
        return ModelSpec(provider=spec.provider, id=spec.id)
    if isinstance(spec, tuple):
        return _parse_pair(spec, provider_id)
    if not isinstance(spec, str):
        raise InvalidSpecError(
            spec, "invalid_format", f"a spec is a string, not {type(spec).__name__}"
        )
    text = spec.strip()
    if not text:
        raise InvalidSpecError(spec, "empty", "the spec is empty")
    if any(char.isspace() or not char.isprintable() for char in text):
        raise InvalidSpecError(spec, "invalid_format", "it holds spaces or control characters")
    if ":" in text:
        head, _, tail = text.partition(":")
        pid = provider_id(head) if head else None
        if pid is not None:
            if not tail:
                raise InvalidSpecError(spec, "empty_segment", "the model id after ':' is empty")
            return ModelSpec(provider=pid, id=tail)
        if not head:
            raise InvalidSpecError(spec, "empty_segment", "the provider before ':' is empty")
        if not is_bare_id(text):
            raise InvalidSpecError(spec, "unknown_provider", f"no provider {head!r}")
        return ModelSpec(provider=None, id=text)
    head, at, tail = text.rpartition("@")
    if at and head:
        pid = provider_id(tail)
        if pid is not None:
            return ModelSpec(provider=pid, id=head)
    return ModelSpec(provider=None, id=text)


def _parse_pair(spec: tuple[object, ...], provider_id: Callable[[str], str | None]) -> ModelSpec:
    if len(spec) != 2 or not all(isinstance(part, str) for part in spec):
        raise InvalidSpecError(spec, "invalid_format", "a tuple spec is (provider, model_id)")
    provider, model_id = (str(part).strip() for part in spec)
    if not provider or not model_id:
        raise InvalidSpecError(spec, "empty_segment", "provider or model id is empty")
    pid = provider_id(provider)
    if pid is None:
        raise InvalidSpecError(spec, "unknown_provider", f"no provider {provider!r}")
    return ModelSpec(provider=pid, id=model_id)
