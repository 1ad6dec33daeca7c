"""The base class of the generated ``Provider`` enum."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from llmdex.records.record import fields
from llmdex.resolution.spec import provider_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from llmdex.records.model import ProviderInfo
    from llmdex.records.protocol import Protocol


class ProviderEnum(StrEnum):
    """A provider of models; the generated ``llmdex.Provider`` has one member per provider.

    A member is its models.dev id as a string, so ``Provider.OPENAI == "openai"``, and carries
    the fields of its :class:`~llmdex.records.model.ProviderInfo` as attributes.

    Example:
        >>> from llmdex import Provider
        >>> Provider.OPENAI.env
        ('OPENAI_API_KEY',)
    """

    _value_: str
    info: ProviderInfo
    """The provider's record, as lookups see it."""
    # The fields of ProviderInfo, declared for type checkers; __new__ copies every one.
    display_name: str
    env: tuple[str, ...]
    npm: str | None
    api: str | None
    doc: str | None
    module: str
    protocol: Protocol
    base_url: str | None
    extra: Mapping[str, Any]

    def __new__(cls, info: ProviderInfo) -> ProviderEnum:
        member = str.__new__(cls, info.id)
        member._value_ = info.id
        member.info = info
        for name in fields(type(info)):
            if name != "id":
                setattr(member, name, getattr(info, name))
        return member

    def to_dict(self) -> dict[str, Any]:
        """The models.dev provider object, without its ``models``."""
        return self.info.to_dict()

    @classmethod
    def _missing_(cls, value: object) -> ProviderEnum | None:
        # Provider("OpenAI"), Provider("vertex_ai"): case, "-"/"_" and dialect names, as find().
        names: Mapping[str, str] = getattr(cls, "_provider_names", {})
        pid = names.get(provider_key(value)) if isinstance(value, str) else None
        return None if pid is None else cls(pid)  # type: ignore[arg-type]  # a lookup by value

    @classmethod
    def accept_names(cls, names: Mapping[str, str]) -> None:
        """Let ``Provider(name)`` take every name in ``names`` (name key -> provider id)."""
        type.__setattr__(cls, "_provider_names", names)
