"""Deriving each provider's and model's wire protocol and base URL at regen time.

From ``data_sources/protocols.json``: the npm package models.dev names for a provider (or for
one model, in its ``provider`` object) gives the protocol; the payload's ``api`` gives the
base URL, else the table's default. ``provider.shape = "responses"`` selects the OpenAI
responses API. A package the table does not list, or an OpenAI-compatible provider with no
URL, is unsupported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import AnyUrl, BaseModel, ConfigDict, Field

from llmdex.records.model import Model, ProviderInfo
from llmdex.records.protocol import Protocol

from .curated import read_curated

PROTOCOLS = Path("data_sources/protocols.json")


class Package(BaseModel):
    """How to call the providers one npm package stands for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    npm: str = Field(min_length=1)
    protocol: Protocol
    base_url: str | None
    source: AnyUrl


class ProtocolTable(BaseModel):
    """``data_sources/protocols.json``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comment: str | None = Field(default=None, alias="$comment")
    packages: list[Package]

    def lookup(self) -> dict[str, Package]:
        """Packages by npm name."""
        return {package.npm: package for package in self.packages}


@dataclass(frozen=True, slots=True)
class Wire:
    """A protocol and the base URL to send it to."""

    protocol: Protocol
    base_url: str | None


def load_protocols(root: Path) -> ProtocolTable:
    """Read and validate the protocol table."""
    return read_curated(root / PROTOCOLS, ProtocolTable)


def provider_wire(npm: str | None, api: str | None, packages: Mapping[str, Package]) -> Wire:
    """The protocol and base URL of a provider with this npm package and ``api`` URL."""
    return _wire(npm, api, None, packages)


def model_wire(
    provider: ProviderInfo, model: Model, packages: Mapping[str, Package]
) -> Wire | None:
    """A model's own protocol and base URL, or ``None`` when they are its provider's."""
    override = model.provider_override
    if override is None:
        return None
    # A model served in another format is still served at its provider's endpoint.
    npm = override.npm or provider.npm
    api = override.api or provider.api
    wire = _wire(npm, api, override.shape, packages)
    return None if wire == provider_wire(provider.npm, provider.api, packages) else wire


def _wire(
    npm: str | None, api: str | None, shape: str | None, packages: Mapping[str, Package]
) -> Wire:
    package = packages.get(npm or "")
    if package is None:
        return Wire(Protocol.UNSUPPORTED, api)
    base_url = api or package.base_url
    if base_url is None:
        return Wire(Protocol.UNSUPPORTED, None)
    protocol = package.protocol
    if shape == "responses" and protocol is Protocol.OPENAI_CHAT:
        protocol = Protocol.OPENAI_RESPONSES
    return Wire(protocol, base_url)
