"""Deriving a model's :class:`~llmdex.records.vocabulary.Kind` from its modalities and identity."""

from __future__ import annotations

import re

from llmdex.records.model import Model
from llmdex.records.vocabulary import Kind

_TOKEN = re.compile(r"[a-z0-9]+")


def derive_kind(model: Model) -> Kind:
    """The kind of one model, from its id, name, family and modalities.

    The id, name and family decide where they say so (``embed``, ``rerank``, ``moderation``,
    ``whisper``, ``transcribe``, ``tts``), because models.dev lists embedding and rerank
    models with text output. Otherwise a model that outputs no text is named after what it
    outputs (video, then image, then audio), one that hears audio but reads no text is a
    transcription model, and the rest are chat models.
    """
    label = " ".join((model.id, model.name, model.family or "")).lower()
    tokens = set(_TOKEN.findall(label))
    inputs = set(model.modalities.input)
    outputs = set(model.modalities.output)
    if "embed" in label:
        return Kind.EMBEDDING
    if "rerank" in label:
        return Kind.RERANK
    if "moderation" in tokens:
        return Kind.MODERATION
    if "text" not in outputs:
        for modality, kind in (("video", Kind.VIDEO), ("image", Kind.IMAGE)):
            if modality in outputs:
                return kind
        if "audio" in outputs:
            return Kind.AUDIO
    if tokens & {"whisper", "transcribe"} or ("audio" in inputs and "text" not in inputs):
        return Kind.TRANSCRIPTION
    if "tts" in tokens:
        return Kind.AUDIO
    return Kind.CHAT
