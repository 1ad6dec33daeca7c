"""A small payload of our own, shaped like models.dev's, for tests of logic.

Its providers and ids follow real naming (dated families in every form the real payload
shows, resellers, aggregators with ``vendor/model`` ids, Bedrock and Vertex ids); its prices
are chosen so that costs are easy to compute by hand. Tests that use it assert literal
results that no regen of the real catalog can change. ``tests/fixtures/project`` holds the
curated data (aliases, first-party table, protocols) a regen of it uses.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).parent / "fixtures" / "project"
"""The project root a regen of this payload uses: its ``data_sources/`` are the fixture's."""
PACKAGE = "fixture_llmdex"
"""The package name the fixture catalog is generated and imported under."""

TEXT = {"input": ["text"], "output": ["text"]}
VISION = {"input": ["text", "image"], "output": ["text"]}


def model(model_id: str, **fields: Any) -> dict[str, Any]:
    """A minimal valid payload model object, with ``fields`` merged over it."""
    base: dict[str, Any] = {
        "id": model_id,
        "name": model_id.upper(),
        "attachment": False,
        "reasoning": False,
        "tool_call": True,
        "release_date": "2025-01-15",
        "last_updated": "2025-02",
        "modalities": TEXT,
        "open_weights": False,
        "limit": {"context": 128000, "output": 4096},
    }
    base.update(fields)
    return base


def provider(provider_id: str, *models: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A minimal valid payload provider object holding ``models``."""
    base: dict[str, Any] = {
        "id": provider_id,
        "name": provider_id.title(),
        "env": [f"{provider_id.upper().replace('-', '_')}_API_KEY"],
        "npm": "@ai-sdk/openai-compatible",
        "doc": f"https://{provider_id}.example/docs",
        "models": {m["id"]: m for m in models},
    }
    base.update(fields)
    return base


def _cost(inp: float, out: float, **more: Any) -> dict[str, Any]:
    return {"input": inp, "output": out, **more}


RICH = model(
    "rich-1",
    family="rich",
    structured_output=True,
    temperature=False,
    knowledge="2024-04",
    interleaved={"field": "reasoning_content"},
    reasoning_options=[
        {"type": "effort", "values": ["none", None, "high"]},
        {"type": "budget_tokens", "min": -1, "max": 32768},
    ],
    cost={
        "input": 1.25,
        "output": 10,
        "cache_read": 0.125,
        "cache_write": 1e-05,
        "reasoning": 10.0,
        "input_audio": 0.0,
        "tiers": [{"input": 2.5, "output": 15, "tier": {"type": "context", "size": 200000}}],
        "context_over_200k": {"input": 2.5, "output": 15},
    },
    status="beta",
    provider={"npm": "@ai-sdk/anthropic", "api": "https://x.example/v1", "shape": "x"},
    experimental={
        "modes": {
            "fast": {
                "cost": {"input": 30, "output": 150},
                "provider": {"body": {"speed": "fast"}, "headers": {"h": "v"}},
            }
        }
    },
    limit={"context": 1000000, "input": 900000, "output": 64000},
    surcharge={"per_request": 0.01},
)
"""A model with every optional shape the runtime knows, and a field it does not."""


def tiny_payload() -> dict[str, Any]:
    """Two providers and four models: the smallest payload with every shape, for codegen."""
    return copy.deepcopy(
        {
            "acme": provider(
                "acme",
                RICH,
                model("acme-embed-1"),
                model("acme-2.0", cost=_cost(0, 0)),
                api="https://api.acme.example/v1",
            ),
            "beta-labs": provider("beta-labs", model("acme-2.0", interleaved=True)),
        }
    )


def payload() -> dict[str, Any]:
    """The fixture payload: providers keyed by id, as models.dev serves them."""
    openai = provider(
        "openai",
        model(
            "gpt-4o",
            name="GPT-4o",
            family="gpt",
            attachment=True,
            modalities={"input": ["text", "image", "pdf"], "output": ["text"]},
            knowledge="2023-09",
            release_date="2024-05-13",
            last_updated="2024-08-06",
            cost=_cost(2.5, 10, cache_read=1.25),
            limit={"context": 128000, "output": 16384},
        ),
        model("gpt-4o-2024-05-13", release_date="2024-05-13", cost=_cost(5, 15)),
        model("gpt-4o-2024-08-06", release_date="2024-08-06", cost=_cost(2.5, 10)),
        model("gpt-4o-mini", cost=_cost(0.15, 0.6), modalities=VISION),
        model(
            "gpt-image-1",
            release_date="2026-03-01",
            modalities={"input": ["text", "image"], "output": ["image"]},
            cost=_cost(5, 40),
        ),
        model("gpt-3.5-turbo", release_date="2023-03-01", cost=_cost(0.5, 1.5)),
        model(
            "gpt-5.4",
            reasoning=True,
            cost=_cost(
                2.5,
                15,
                cache_read=0.25,
                tiers=[
                    {
                        "input": 5,
                        "output": 22.5,
                        "cache_read": 0.5,
                        "tier": {"type": "context", "size": 272000},
                    }
                ],
            ),
            experimental={
                "modes": {
                    "fast": {
                        "cost": _cost(5, 30, cache_read=0.5),
                        "provider": {"body": {"service_tier": "priority"}},
                    }
                }
            },
            limit={"context": 1050000, "input": 922000, "output": 128000},
        ),
        model("gpt-5-mini", reasoning=True, cost=_cost(0.25, 2, cache_read=0.025)),
        model("o3", reasoning=True, cost=_cost(2, 8, cache_read=0.5)),
        model("text-embedding-3-small", cost=_cost(0.02, 0), tool_call=False),
        model(
            "gpt-4o-audio-preview",
            modalities={"input": ["text", "audio"], "output": ["text", "audio"]},
            cost=_cost(2.5, 10, input_audio=40, output_audio=80),
        ),
        npm="@ai-sdk/openai",
        env=["OPENAI_API_KEY"],
        name="OpenAI",
    )
    anthropic = provider(
        "anthropic",
        model(
            "claude-3-5-sonnet-20241022",
            name="Claude Sonnet 3.5 v2",
            release_date="2024-10-22",
            status="deprecated",
            cost=_cost(3, 15, cache_read=0.3, cache_write=3.75),
        ),
        model("claude-3-5-sonnet-20240620", release_date="2024-06-20", cost=_cost(3, 15)),
        model("claude-3-haiku-20240307", release_date="2024-03-07", cost=_cost(0.25, 1.25)),
        model("claude-3-7-sonnet-20250219", release_date="2025-02-19", cost=_cost(3, 15)),
        model(
            "claude-sonnet-4-5",
            name="Claude Sonnet 4.5",
            reasoning=True,
            cost=_cost(3, 15, cache_read=0.3, cache_write=3.75),
            reasoning_options=[{"type": "budget_tokens", "min": 1024, "max": 64000}],
        ),
        model("claude-haiku-4-5", cost=_cost(1, 5)),
        model("claude-opus-4-1", reasoning=True, cost=_cost(15, 75)),
        model(
            "claude-opus-4-6",
            reasoning=True,
            cost=_cost(5, 25, cache_read=0.5, cache_write=6.25),
            experimental={
                "modes": {"fast": {"cost": _cost(30, 150, cache_read=3, cache_write=37.5)}}
            },
        ),
        npm="@ai-sdk/anthropic",
        env=["ANTHROPIC_API_KEY"],
        name="Anthropic",
    )
    google = provider(
        "google",
        model(
            "gemini-2.5-pro",
            reasoning=True,
            cost=_cost(
                1.25,
                10,
                cache_read=0.125,
                context_over_200k=_cost(2.5, 15, cache_read=0.25),
            ),
            limit={"context": 1048576, "output": 65536},
        ),
        model("gemini-2.5-pro-preview-05-06", release_date="2025-05-06", cost=_cost(1.25, 10)),
        model("gemini-embedding-001", cost=_cost(0.15, 0), tool_call=False),
        model(
            "gemini-2.5-flash",
            reasoning=True,
            modalities={"input": ["text", "image", "audio"], "output": ["text"]},
            cost=_cost(0.3, 2.5, input_audio=1),
        ),
        npm="@ai-sdk/google",
        env=["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"],
        name="Google",
    )
    acme = provider(
        "acme",
        model(
            "tiered-pro",
            cost=_cost(
                0.48,
                2.41,
                cache_read=0.09644,
                tiers=[
                    {
                        "input": 0.72,
                        "output": 3.62,
                        "cache_read": 0.144656,
                        "tier": {"type": "context", "size": 32000},
                    },
                    {
                        "input": 1.45,
                        "output": 7.23,
                        "cache_read": 0.28932,
                        "tier": {"type": "context", "size": 128000},
                    },
                ],
            ),
        ),
        model("thinker", reasoning=True, cost=_cost(1.25, 10, reasoning=12, cache_write=0.375)),
        model("free-1", cost=_cost(0, 0)),
        model("unpriced-1"),
        model(
            "listener-1",
            modalities={"input": ["audio"], "output": ["text"]},
            cost=_cost(0.1, 0.2),
        ),
        model("embed-small", modalities=TEXT, cost=_cost(0.01, 0)),
        RICH,
        api="https://api.acme.example/v1",
    )
    return copy.deepcopy(
        {
            "302ai": provider(
                "302ai",
                model("gpt-4o", cost=_cost(2.6, 11)),
                model("llama-3.1-8b", open_weights=True, cost=_cost(0.02, 0.05)),
                api="https://api.302.example/v1",
            ),
            "acme": acme,
            "amazon-bedrock": provider(
                "amazon-bedrock",
                model("anthropic.claude-opus-4-1-20250805-v1:0", cost=_cost(15, 75)),
                model("anthropic.claude-3-haiku-20240307-v1:0", cost=_cost(0.25, 1.25)),
                npm="@ai-sdk/amazon-bedrock",
                env=["AWS_ACCESS_KEY_ID"],
            ),
            "anthropic": anthropic,
            "cohere": provider(
                "cohere",
                model("command-r-plus-08-2024", release_date="2024-08-30", cost=_cost(2.5, 10)),
                model("command-r-plus-04-2024", release_date="2024-04-04", cost=_cost(3, 15)),
                model("command-r-08-2024", release_date="2024-08-30", cost=_cost(0.15, 0.6)),
                npm="@ai-sdk/cohere",
            ),
            "deepseek": provider(
                "deepseek",
                model(
                    "deepseek-reasoner", reasoning=True, cost=_cost(0.14, 0.28, cache_read=0.0028)
                ),
                api="https://api.deepseek.example",
            ),
            "azure": provider(
                "azure",
                model("gpt-4o", cost=_cost(2.5, 10, cache_read=1.25)),
                npm="@ai-sdk/azure",
                env=["AZURE_RESOURCE_NAME", "AZURE_API_KEY"],
            ),
            "google": google,
            "google-vertex": provider(
                "google-vertex",
                model("claude-sonnet-4-5@20250929", cost=_cost(3.3, 16.5)),
                model("gemini-2.5-pro", cost=_cost(1.25, 10)),
                npm="@ai-sdk/google-vertex",
                env=["GOOGLE_VERTEX_PROJECT"],
            ),
            "mistral": provider(
                "mistral",
                model("mistral-medium-2505", release_date="2025-05-07", cost=_cost(0.4, 2)),
                model("mistral-medium-2508", release_date="2025-08-12", cost=_cost(0.4, 2)),
                npm="@ai-sdk/mistral",
            ),
            "openai": openai,
            "novita-ai": provider(
                "novita-ai",
                model(
                    "qwen/qwen3-omni",
                    modalities={"input": ["text", "audio"], "output": ["text", "audio"]},
                    cost=_cost(0.5, 1, input_audio=2.2, output_audio=1.788),
                ),
                model("llama-3.1-8b", open_weights=True, cost=_cost(0.02, 0.05)),
                api="https://api.novita.example/v3/openai",
            ),
            "openrouter": provider(
                "openrouter",
                model("anthropic/claude-3-haiku", cost=_cost(0.25, 1.25)),
                model("cohere/command-r", open_weights=True, cost=_cost(0.5, 1.5)),
                model("openai/gpt-4o", cost=_cost(2.5, 10)),
                model("openai/gpt-oss-120b:free", cost=_cost(0, 0)),
                model("openai/gpt-5-mini", cost=_cost(0.25, 2)),
                model("meta-llama/llama-3.1-8b", cost=_cost(0.02, 0.05)),
                model("nousresearch/llama-3.1-8b", cost=_cost(0.03, 0.06)),
                npm="@openrouter/ai-sdk-provider",
            ),
            "qiniu-ai": provider(
                "qiniu-ai",
                model("claude-3.5-sonnet", cost=_cost(3, 15)),
                model("gpt-4o", cost=_cost(2.5, 10)),
                api="https://api.qiniu.example/v1",
            ),
        }
    )
