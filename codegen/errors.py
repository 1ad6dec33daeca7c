"""Every error a regen can end with. Each message names the input and what to do."""

from __future__ import annotations


class RegenError(Exception):
    """A regen failed; ``generated/`` was left as it was."""


class FetchError(RegenError):
    """The payload could not be read from its file or URL."""


class PayloadError(RegenError):
    """The payload is not valid JSON or does not match the models.dev schema."""


class PatchError(RegenError):
    """A file of ``data_sources/patches/`` is invalid or does not apply."""


class EmitError(RegenError):
    """The generated code could not be written or formatted."""


class VerifyError(RegenError):
    """The candidate package did not import, or did not round-trip the payload."""
