"""The spec grammar: how a string, tuple or model names a model, and how names of providers
are compared."""

from __future__ import annotations

from llmdex.errors import InvalidSpecError
from llmdex.records.model import Model
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

MAX_SPEC_LENGTH = 512
"""Longest spec accepted; model ids are under 100 characters, so a longer text names none."""


@record
class ModelSpec(Record):
    """A parsed spec: a provider id (``None`` for a bare model id) and a model id.

    Example:
        >>> llmdex.parse_spec("claude-sonnet-4-5@google_vertex")
        ModelSpec(provider='google-vertex', id='claude-sonnet-4-5')
    """

    provider: str | None
    id: str

    def __str__(self) -> str:
        return self.id if self.provider is None else f"{self.provider}:{self.id}"


def provider_key(text: str) -> str:
    """The form provider names are compared in: lower case, ``_`` and ``-`` the same."""
    return text.strip().lower().replace("_", "-")


def split_spec(
    spec: object,
    provider_id: Callable[[str], str | None],
    is_id: Callable[[str], bool],
) -> tuple[ModelSpec, str | None]:
    """Parse ``spec``; also return the provider name as the spec wrote it (``None`` if bare).

    The grammar, tried in this order on a string (space around ``:`` and ``@`` is ignored):

    * ``"provider:model"``, split at the first ``:`` (the id may hold more colons), when the
      text before it names a provider (its id, ignoring case and ``-``/``_``, or a dialect
      name such as ``vertex_ai``);
    * ``"model@provider"``, split at the last ``@``, when the text after it names a provider
      (so ``anthropic.claude-opus-4-1-20250805-v1:0@amazon-bedrock`` works);
    * the whole text, when it is some provider's model id (``openai/gpt-oss-120b:free``);
    * LiteLLM's ``"provider/model"``, when the text before the first ``/`` names a provider;
    * otherwise a bare id; but a ``:`` whose head names no provider is ``unknown_provider``.

    Also ``(provider, model_id)`` with a string or ``Provider`` member, and a ``Model``.
    ``provider_id`` maps a provider name to its id (or ``None``); ``is_id`` says whether a
    text is a model id or alias of some provider.
    """
    if isinstance(spec, Model):
        return ModelSpec(provider=spec.provider, id=spec.id), spec.provider
    if isinstance(spec, tuple):
        return _parse_pair(spec, provider_id)
    if not isinstance(spec, str):
        raise InvalidSpecError(
            spec, "invalid_format", f"a spec is a string, not {type(spec).__name__}"
        )
    text = spec.strip()
    if not text:
        raise InvalidSpecError(spec, "empty", "the spec is empty")
    if len(text) > MAX_SPEC_LENGTH:
        raise InvalidSpecError(
            spec, "invalid_format", f"it is longer than {MAX_SPEC_LENGTH} characters"
        )
    if ":" in text:
        head, _, tail = (part.strip() for part in text.partition(":"))
        if not head:
            raise InvalidSpecError(spec, "empty_segment", "the provider before ':' is empty")
        pid = provider_id(head)
        if pid is not None:
            if not tail:
                raise InvalidSpecError(spec, "empty_segment", "the model id after ':' is empty")
            return _checked(spec, ModelSpec(provider=pid, id=tail)), head
    if "@" in text:
        head, _, tail = (part.strip() for part in text.rpartition("@"))
        pid = provider_id(tail) if tail else None
        if pid is not None or not tail:
            if not head:
                raise InvalidSpecError(spec, "empty_segment", "the model id before '@' is empty")
            if pid is None:
                raise InvalidSpecError(spec, "empty_segment", "the provider after '@' is empty")
            return _checked(spec, ModelSpec(provider=pid, id=head)), tail
    if is_id(text):
        return _checked(spec, ModelSpec(provider=None, id=text)), None
    head, slash, tail = text.partition("/")
    pid = provider_id(head) if slash and tail else None
    if pid is not None:
        return _checked(spec, ModelSpec(provider=pid, id=tail.strip())), head
    if ":" in text:
        head = text.partition(":")[0].strip()
        raise InvalidSpecError(spec, "unknown_provider", f"no provider {head!r}")
    return _checked(spec, ModelSpec(provider=None, id=text)), None


def _checked(spec: object, parsed: ModelSpec) -> ModelSpec:
    # A space may be part of an id; a tab, newline or other control character never is.
    if not parsed.id.replace(" ", "").isprintable():
        raise InvalidSpecError(spec, "invalid_format", "the id holds control characters")
    return parsed


def _parse_pair(
    spec: tuple[object, ...], provider_id: Callable[[str], str | None]
) -> tuple[ModelSpec, str | None]:
    if len(spec) != 2 or not all(isinstance(part, str) for part in spec):
        raise InvalidSpecError(spec, "invalid_format", "a tuple spec is (provider, model_id)")
    provider, model_id = (str(part).strip() for part in spec)
    if not provider or not model_id:
        raise InvalidSpecError(spec, "empty_segment", "provider or model id is empty")
    if len(provider) + len(model_id) > MAX_SPEC_LENGTH:
        raise InvalidSpecError(
            spec, "invalid_format", f"it is longer than {MAX_SPEC_LENGTH} characters"
        )
    pid = provider_id(provider)
    if pid is None:
        raise InvalidSpecError(spec, "unknown_provider", f"no provider {provider!r}")
    return _checked(spec, ModelSpec(provider=pid, id=model_id)), provider
