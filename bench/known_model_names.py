"""How many of pydantic-ai's ``KnownModelName`` strings llmdex resolves, and to what.

    .venv/bin/python bench/known_model_names.py [--version 2.3.0]

Installs ``pydantic-ai-slim`` (2.3.0 was released on 2026-07-02, the date of the locked
payload) into bench/.pydantic-ai when missing, reads every literal of ``KnownModelName``, and
resolves each with llmdex. A string resolves "to the model meant" when the provider is the
one its prefix names (through dialects) and the id is the one it names, or the same model
reached by an id prefix, a snapshot, an alias or case. Prints counts and every other case.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import venv
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_DIR = ROOT / "bench" / ".pydantic-ai"
READ = """
import json, typing
from pydantic_ai.models import KnownModelName
found = []
def walk(value):
    for item in typing.get_args(value) or [value]:
        if isinstance(item, str):
            found.append(item)
        else:
            walk(item)
walk(getattr(KnownModelName, "__value__", KnownModelName))
print(json.dumps(found))
"""


def known_names(version: str) -> list[str]:
    """The strings of ``KnownModelName`` in pydantic-ai-slim ``version``."""
    python = ENV_DIR / "bin" / "python"
    if not python.exists():
        venv.create(ENV_DIR, with_pip=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", f"pydantic-ai-slim=={version}"], check=True
    )
    result = subprocess.run([str(python), "-c", READ], capture_output=True, text=True, check=True)
    names: list[str] = json.loads(result.stdout)
    return names


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--version", default="2.3.0")
    args = parser.parse_args()
    import llmdex

    names = known_names(args.version)
    outcome: Counter[str] = Counter()
    others: list[str] = []
    for name in names:
        head, colon, model_id = name.partition(":")
        meant = llmdex._CATALOG.rules.provider_id(head) if colon else None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                resolution = llmdex.explain(name)
        except LookupError as exc:
            outcome[type(exc).__name__] += 1
            continue
        except ValueError:
            outcome["not a spec"] += 1
            others.append(f"{name}: not a spec")
            continue
        model = resolution.model
        if model.provider == meant and model.id == model_id:
            outcome["the model meant, exactly"] += 1
        elif model.provider == meant:
            outcome["the model meant, by " + "+".join(r.value for r in resolution.rules)] += 1
        else:
            outcome["another provider"] += 1
            others.append(f"{name} -> {model.spec}")
    print(f"pydantic-ai-slim {args.version}: {len(names)} KnownModelName strings")
    for label, count in outcome.most_common():
        print(f"  {count:>4}  {label}")
    for line in others:
        print(f"  {line}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
