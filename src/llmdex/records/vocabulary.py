"""Closed vocabularies used on :class:`~llmdex.records.model.Model`."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a model is for, derived at regen time from its modalities and identity."""

    CHAT = "chat"
    EMBEDDING = "embedding"
    RERANK = "rerank"
    IMAGE = "image"
    AUDIO = "audio"
    TRANSCRIPTION = "transcription"
    VIDEO = "video"
    MODERATION = "moderation"


class Status(StrEnum):
    """Lifecycle status models.dev gives a model; no status means generally available."""

    ALPHA = "alpha"
    BETA = "beta"
    DEPRECATED = "deprecated"
