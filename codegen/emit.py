"""Stage 5: write the ``llmdex`` package for a :class:`CatalogPlan`, formatted by ruff.

Output depends only on the plan and the inputs' description, so the same inputs give the
same bytes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from codegen.aliases import AliasTables
from codegen.errors import EmitError
from codegen.hover import hover
from codegen.literals import Writer
from codegen.normalize import CatalogPlan, ProviderPlan
from codegen.protocols import Wire
from llmdex_runtime import SCHEMA_VERSION
from llmdex_runtime.protocol import Protocol

_TEMPLATES = Path(__file__).parent / "templates"
_ENUM_NAMES = ("Kind", "Status")
_EXTRA_PROVIDER_KEYS = ("id", "name", "env", "npm", "api", "doc")


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a tree was generated from, as every file header states it."""

    source: str
    sha256: str
    patches: str = ""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["py"] = repr
    return env


def emit(
    plan: CatalogPlan,
    tables: AliasTables,
    provenance: Mapping[str, Mapping[str, tuple[str, str, str | None]]],
    inputs: Inputs,
    package_dir: Path,
) -> None:
    """Write the package into ``package_dir`` (which must not exist) and format it."""
    env = _environment()
    models_dir = package_dir / "models"
    models_dir.mkdir(parents=True)
    common = {"inputs": inputs}
    rows = [_provider_row(p) for p in plan.providers]
    files: dict[Path, str] = {
        package_dir / "py.typed": "",
        package_dir / "__init__.py": env.get_template("package_init.py.jinja").render(
            common,
            schema_version=SCHEMA_VERSION,
            provider_count=len(plan.providers),
            model_count=plan.model_count,
        ),
        package_dir / "__main__.py": env.get_template("main.py.jinja").render(common),
        package_dir / "client.py": env.get_template("client.py.jinja").render(common),
        package_dir / "providers.py": env.get_template("providers.py.jinja").render(
            common, providers=rows
        ),
        package_dir / "providers.pyi": env.get_template("providers.pyi.jinja").render(
            common, providers=rows
        ),
        package_dir / "_index.py": env.get_template("index.py.jinja").render(common, tables=tables),
        package_dir / "_aliases.py": env.get_template("aliases.py.jinja").render(
            common, tables=tables
        ),
        package_dir / "_provenance.py": env.get_template("provenance.py.jinja").render(
            common, provenance=sorted(provenance.items())
        ),
        models_dir / "__init__.py": env.get_template("models_init.py.jinja").render(
            common, modules=sorted(p.module for p in plan.providers)
        ),
    }
    for provider in plan.providers:
        files.update(_provider_files(env, provider, inputs, models_dir))
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    format_tree(package_dir)


def _provider_row(provider: ProviderPlan) -> dict[str, str]:
    data = provider.data
    args = [
        repr(provider.id),
        repr(data["name"]),
        repr(tuple(data["env"])),
        repr(data.get("npm")),
        repr(data.get("api")),
        repr(data.get("doc")),
        repr(provider.module),
        f"Protocol.{provider.wire.protocol.name}",
        repr(provider.wire.base_url),
    ]
    extra = {k: v for k, v in data.items() if k not in _EXTRA_PROVIDER_KEYS}
    if extra:
        args.append(repr(extra))
    keys = ", ".join(data["env"]) or "no key"
    doc = f"{data['name']} · {len(provider.models)} models · {keys}"
    return {"member": provider.member, "id": provider.id, "args": ", ".join(args), "doc": doc}


def _provider_files(
    env: jinja2.Environment, provider: ProviderPlan, inputs: Inputs, models_dir: Path
) -> dict[Path, str]:
    writer = Writer()
    shared, sources = writer.finish(
        [writer.model(provider.member, m.kind, m.data, _wire(m.wire)) for m in provider.models]
    )
    constants = [m.constant for m in provider.models]
    docstring = f"Models served by {provider.data['name']} (provider id {provider.id!r})."
    context: Mapping[str, Any] = {
        "inputs": inputs,
        "docstring": docstring,
        "constants": constants,
    }
    module = env.get_template("provider_module.py.jinja").render(
        context,
        names=writer.names,
        enum_names=sorted(writer.names & set(_ENUM_NAMES)),
        protocol="Protocol" in writer.names,
        model_names=sorted(
            writer.names - {*_ENUM_NAMES, "Decimal", "PartialDate", "Provider", "Protocol"}
        ),
        shared=shared,
        models=list(zip((m.constant for m in provider.models), sources, strict=True)),
    )
    stub = env.get_template("provider_module.pyi.jinja").render(
        context, models=[(m.constant, hover(m.data, m.kind)) for m in provider.models]
    )
    return {
        models_dir / f"{provider.module}.py": module,
        models_dir / f"{provider.module}.pyi": stub,
    }


def _wire(wire: Wire | None) -> tuple[Protocol, str | None] | None:
    return None if wire is None else (wire.protocol, wire.base_url)


def format_tree(directory: Path) -> None:
    """Sort imports and format every Python file under ``directory`` with the pinned ruff.

    ``--isolated`` with explicit settings: the result must not depend on where the tree is
    written or on any configuration file found above it.
    """
    settings = [
        "--isolated",
        "--line-length=100",
        "--target-version=py311",
        "--quiet",
        "--no-cache",
    ]
    ruff = [sys.executable, "-m", "ruff"]
    for command in (
        [*ruff, "check", "--select=I", "--fix", *settings, str(directory)],
        [*ruff, "format", *settings, str(directory)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise EmitError(
                f"ruff could not format the generated code in {directory}: "
                f"{(result.stdout + result.stderr).strip()}"
            )
