"""Wire protocols: how a request to a provider is shaped."""

from __future__ import annotations

from enum import StrEnum


class Protocol(StrEnum):
    """The wire format of a provider's (or a model's) API, derived at regen time."""

    OPENAI_CHAT = "openai_chat"
    """OpenAI chat completions at a base URL: OpenAI and most OpenAI-compatible providers."""
    OPENAI_RESPONSES = "openai_responses"
    """The OpenAI responses API (a model's ``provider.shape`` says ``responses``)."""
    ANTHROPIC_MESSAGES = "anthropic_messages"
    """The Anthropic messages API."""
    GOOGLE_GENERATE_CONTENT = "google_generate_content"
    """Gemini's ``generateContent``."""
    AZURE_OPENAI = "azure_openai"
    """OpenAI chat completions on an Azure deployment, with an ``api-version``."""
    UNSUPPORTED = "unsupported"
    """A gateway that needs cloud signing or an SDK of its own (Vertex, Bedrock, ...)."""
