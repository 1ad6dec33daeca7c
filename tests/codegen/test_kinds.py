"""The kind of a model follows from its identity and modalities."""

from __future__ import annotations

import pytest

from codegen.kinds import derive_kind
from llmdex import Kind, Model
from tests.conftest import model


@pytest.mark.parametrize(
    ("model_id", "inputs", "outputs", "kind"),
    [
        ("gpt-4o", ["text", "image"], ["text"], Kind.CHAT),
        ("text-embedding-3-small", ["text"], ["text"], Kind.EMBEDDING),
        ("cohere-embed-v-4-0", ["text", "image"], ["text"], Kind.EMBEDDING),
        ("bge-reranker-base", ["text"], ["text"], Kind.RERANK),
        ("omni-moderation-latest", ["text"], ["text"], Kind.MODERATION),
        ("gpt-image-1", ["text", "image"], ["image"], Kind.IMAGE),
        ("gemini-2.5-flash-image", ["text"], ["text", "image"], Kind.CHAT),
        ("veo-3.1", ["text"], ["video"], Kind.VIDEO),
        ("tts-1", ["text"], ["audio"], Kind.AUDIO),
        ("whisper-large-v3", ["audio"], ["text"], Kind.TRANSCRIPTION),
        ("gpt-4o-transcribe", ["audio", "text"], ["text"], Kind.TRANSCRIPTION),
        ("voxtral", ["audio"], ["text"], Kind.TRANSCRIPTION),
        ("gpt-4o-audio", ["text", "audio"], ["text", "audio"], Kind.CHAT),
        ("llama-guard-4", ["text"], ["text"], Kind.CHAT),
    ],
)
def test_kind(model_id: str, inputs: list[str], outputs: list[str], kind: Kind) -> None:
    raw = model(model_id, modalities={"input": inputs, "output": outputs})
    assert derive_kind(Model.from_dict(raw, provider="acme", kind=Kind.CHAT)) is kind
