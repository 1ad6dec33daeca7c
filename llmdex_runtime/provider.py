"""The base class of the generated ``Provider`` enum."""

from __future__ import annotations

from enum import StrEnum

from llmdex_runtime.model import EMPTY
from llmdex_runtime.protocol import Protocol

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any


class ProviderEnum(StrEnum):
    """A provider of models; the generated ``llmdex.Provider`` has one member per provider.

    A member is its models.dev id as a string, so ``Provider.OPENAI == "openai"``, and carries
    the provider's facts as attributes.

    Example:
        >>> from llmdex import Provider
        >>> Provider.OPENAI.env
        ('OPENAI_API_KEY',)
    """

    _value_: str
    display_name: str
    """Display name, models.dev ``name``."""
    env: tuple[str, ...]
    """Environment variables that hold the API key, in the order to try them."""
    npm: str | None
    """The AI SDK npm package models.dev uses for this provider."""
    api: str | None
    """API base URL, where models.dev gives one."""
    doc: str | None
    """Documentation URL."""
    module: str
    """Name of the module under ``llmdex.models`` that holds this provider's models."""
    protocol: Protocol
    """The wire protocol of the provider's API (derived at regen time)."""
    base_url: str | None
    """Where to send requests: ``api``, or the default of the provider's SDK package.

    May hold ``${VARIABLE}`` placeholders, filled from the environment when calling."""
    extra: Mapping[str, Any]
    """Provider fields this version of llmdex does not know, kept as they came."""

    def __new__(  # noqa: PLR0917 - enum member values are positional tuples
        cls,
        value: str,
        display_name: str,
        env: tuple[str, ...],
        npm: str | None,
        api: str | None,
        doc: str | None,
        module: str,
        protocol: Protocol,
        base_url: str | None,
        extra: Mapping[str, Any] = EMPTY,
    ) -> ProviderEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.display_name = display_name
        member.env = env
        member.npm = npm
        member.api = api
        member.doc = doc
        member.module = module
        member.protocol = protocol
        member.base_url = base_url
        member.extra = extra
        return member

    def to_dict(self) -> dict[str, Any]:
        """The models.dev provider object, without its ``models``."""
        out: dict[str, Any] = {"id": self.value, "env": list(self.env)}
        if self.npm is not None:
            out["npm"] = self.npm
        if self.api is not None:
            out["api"] = self.api
        out["name"] = self.display_name
        if self.doc is not None:
            out["doc"] = self.doc
        out.update(self.extra)
        return out
