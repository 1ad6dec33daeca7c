"""What a lookup did: the rules that fired, from what to what."""

from __future__ import annotations

from enum import StrEnum

from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from llmdex.records.model import Model


class Rule(StrEnum):
    """One rule of the resolution order (README, "Resolution")."""

    EXACT = "exact"
    """The provider lists a model with exactly this id."""
    DIALECT = "dialect"
    """The provider was named as another library names it (``vertex_ai``, ``google-gla``)."""
    CURATED_ALIAS = "curated_alias"
    """An alias of ours, from data_sources/aliases.json."""
    DATED_ALIAS = "dated_alias"
    """A dated family's base name, or ``base-latest``: its newest release."""
    VENDOR_PREFIX = "vendor_prefix"
    """The provider's id is the name with a vendor in front (``anthropic/claude-3-haiku``)."""
    ID_PREFIX = "id_prefix"
    """A prefix the provider's API accepts was taken off (Bedrock ``us.``, Vertex publishers)."""
    SNAPSHOT = "snapshot"
    """A dated snapshot the provider does not list: the undated model it is a snapshot of."""
    SPELLING = "spelling"
    """The provider's id written as other libraries write it: without its version or serving
    tag (Bedrock ``-v1:0``, Google ``-001``, Vertex ``-maas``) or its ``vendor.`` (Bedrock),
    with ``-`` for the ``.`` between version digits (``claude-opus-4-5`` for OpenRouter's
    ``claude-opus-4.5``), or without a date inside it (``grok-4.20-reasoning``)."""
    CASE_INSENSITIVE = "case_insensitive"
    """The id (or alias) matched ignoring case."""
    PREFERRED = "preferred"
    """A bare id several providers serve: the first of ``prefer=`` that serves it."""
    FIRST_PARTY = "first_party"
    """A bare id: the provider that makes the model serves it."""
    ONLY_PROVIDER = "only_provider"
    """A bare id that one provider serves (or alone lists exactly)."""


@record
class Resolution(Record):
    """How a spec was resolved: ``rules`` in the order they fired, and a sentence for each.

    Example:
        >>> llmdex.explain("anthropic:claude-3-5-sonnet").rules
        (<Rule.DATED_ALIAS: 'dated_alias'>,)
    """

    requested: str
    model: Model
    rules: tuple[Rule, ...]
    steps: tuple[str, ...]

    @property
    def exact(self) -> bool:
        """Whether the spec named the model exactly (no alias, no provider choice).

        A provider named in another library's dialect still names it exactly.
        """
        return tuple(r for r in self.rules if r is not Rule.DIALECT) == (Rule.EXACT,)

    def __str__(self) -> str:
        return f"{self.requested} -> {self.model.spec}: " + "; ".join(self.steps)
