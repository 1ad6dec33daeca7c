"""Every error a regen can end with. Each message names the input and what to do."""

from __future__ import annotations


class RegenError(Exception):
    """A regen failed; ``generated/`` was left as it was."""


class FetchError(RegenError):
    """The payload could not be read from its file or URL."""


class PayloadError(RegenError):
    """The payload is not valid JSON or does not match the models.dev schema."""


class CuratedDataError(RegenError):
    """A file of ``data_sources/`` is unreadable, invalid, or names what the payload lacks."""


class PatchError(CuratedDataError):
    """An entry of ``data_sources/patches/`` does not apply: stale, conflicting or impossible."""


class EmitError(RegenError):
    """The generated code could not be written or formatted."""


class VerifyError(RegenError):
    """The candidate package did not import, or did not round-trip the payload."""
