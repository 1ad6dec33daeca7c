"""Shared fixtures: small payloads of our own, and the real ones in ../shared when present."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from codegen.pipeline import Options, regen

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "models-dev"
PAYLOAD_DATES = ("2025-08-03", "2025-11-29", "2026-04-16", "2026-07-02")


def shared_payload(date: str) -> Path:
    """The shared models.dev payload of a date, or skip the test where ../shared is absent."""
    path = SHARED / f"api-{date}.json"
    if not path.exists():
        pytest.skip(f"{path} is absent: the real payloads live in ../shared, which CI provides")
    return path


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
        "modalities": {"input": ["text"], "output": ["text"]},
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
        "env": [f"{provider_id.upper()}_API_KEY"],
        "npm": "@ai-sdk/openai-compatible",
        "doc": f"https://{provider_id}.example/docs",
        "models": {m["id"]: m for m in models},
    }
    base.update(fields)
    return base


def tiny_payload() -> dict[str, Any]:
    """Two providers, a few models, every optional shape the runtime knows."""
    rich = model(
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
    )
    return {
        "acme": provider(
            "acme",
            rich,
            model("acme-embed-1", modalities={"input": ["text"], "output": ["text"]}),
            model("acme-2.0", cost={"input": 0, "output": 0}),
            api="https://api.acme.example/v1",
        ),
        "beta-labs": provider("beta-labs", model("acme-2.0", interleaved=True)),
    }


def write_payload(directory: Path, payload: dict[str, Any], name: str = "api.json") -> Path:
    """Write ``payload`` as JSON into ``directory`` and return its path."""
    path = directory / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


RegenInto = Callable[..., Path]


@pytest.fixture
def regen_into(tmp_path: Path) -> RegenInto:
    """Regenerate a payload (dict or path) into a fresh directory; return the package root."""
    counter = iter(range(1_000_000))

    def run(payload: dict[str, Any] | Path, *, no_patches: bool = True) -> Path:
        out_root = tmp_path / f"run{next(counter)}"
        out_root.mkdir()
        source = payload if isinstance(payload, Path) else write_payload(out_root, payload)
        regen(
            Options(source=str(source), root=ROOT, no_patches=no_patches), out=out_root / "llmdex"
        )
        return out_root

    return run


def run_with_catalog(catalog_root: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports ``llmdex`` from ``catalog_root``."""
    prelude = f"import sys; sys.path[:0] = [{str(catalog_root)!r}, {str(ROOT)!r}]\n"
    return subprocess.run(
        [sys.executable, "-S", "-c", prelude + code],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def deep_copy(payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of a payload a test may change."""
    return copy.deepcopy(payload)
