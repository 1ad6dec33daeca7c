"""Stage 5: write the ``llmdex`` package for a :class:`CatalogPlan`, formatted by ruff.

Templates hold data only; the records are written by one generic writer
(:mod:`codegen.literals`). Output depends only on the plan, so the same inputs give the same
bytes, and a model's text depends only on that model: a regen diff shows what changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from codegen.dialects import ProviderNames
from codegen.formatting import format_python
from codegen.history import History
from codegen.history_modules import history_files, retired_ids
from codegen.hover import hover
from codegen.literals import Writer, docstring
from codegen.normalize import CatalogPlan, ProviderPlan
from codegen.shared import NAMESPACE, SHARED
from codegen.tables import Tables
from llmdex_runtime import SCHEMA_VERSION
from llmdex_runtime.exports import REGISTRY_FUNCTIONS, RUNTIME_EXPORTS

_TEMPLATES = Path(__file__).parent / "templates"
PACKAGE_EXPORTS = {".client": ("Client",), ".providers": ("Provider",)}
SUBMODULES = ("db", "models")
"""The package's own modules that ``llmdex.<name>`` imports when first named."""
TYPED_SUBMODULES = ("models",)
"""Those of :data:`SUBMODULES` that ``import llmdex`` shows type checkers. ``llmdex.db`` is
not one: following it would make every user's type check read the database code; a program
using it writes ``import llmdex.db``."""
"""Names the generated package defines in its own modules, loaded on first use."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a tree was generated from: the payload's source, sha256 and date, and how many
    of our patches were applied."""

    source: str
    sha256: str
    date: str
    patches: int


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # Every value reaches the source through one of these two: a literal, or a docstring.
    env.filters["py"] = repr
    env.filters["doc"] = docstring
    return env


def emit(
    *,
    plan: CatalogPlan,
    tables: Tables,
    names: ProviderNames,
    provenance: Mapping[str, Mapping[str, tuple[str, str, str | None]]],
    inputs: Inputs,
    history: History,
    successors: Mapping[str, str],
    package_dir: Path,
) -> None:
    """Write the package into ``package_dir`` (which must not exist) and format it."""
    env = _environment()
    models_dir = package_dir / "models"
    models_dir.mkdir(parents=True)
    exported = sorted(
        {
            *REGISTRY_FUNCTIONS,
            *(n for group in RUNTIME_EXPORTS.values() for n in group if n[0] != "_"),
            *(n for group in PACKAGE_EXPORTS.values() for n in group),
        }
    )
    rows = [_provider_row(p) for p in plan.providers]
    files: dict[Path, str] = {
        package_dir / "py.typed": "",
        package_dir / "__init__.py": env.get_template("package_init.py.jinja").render(
            schema_version=SCHEMA_VERSION,
            about={
                "source": inputs.source,
                "sha256": inputs.sha256,
                "date": inputs.date,
                "providers": len(plan.providers),
                "models": plan.model_count,
                "patches": inputs.patches,
            },
            # A dunder is re-exported explicitly (`x as x`): __all__ does not list it.
            exports={
                module: [name if name[0] != "_" else f"{name} as {name}" for name in names]
                for module, names in RUNTIME_EXPORTS.items()
            },
            package_exports=PACKAGE_EXPORTS,
            submodules=SUBMODULES,
            typed_submodules=TYPED_SUBMODULES,
            functions=REGISTRY_FUNCTIONS,
            all_names=exported,
            modules={p.id: p.module for p in plan.providers},
        ),
        package_dir / "__main__.py": env.get_template("main.py.jinja").render(),
        package_dir / "client.py": env.get_template("client.py.jinja").render(),
        package_dir / "db.py": env.get_template("db.py.jinja").render(),
        package_dir / "_providers.py": _providers_table(env, plan, names),
        package_dir / "providers.py": env.get_template("providers.py.jinja").render(providers=rows),
        package_dir / "providers.pyi": env.get_template("providers.pyi.jinja").render(
            providers=rows
        ),
        package_dir / "_index.py": env.get_template("index.py.jinja").render(tables=tables),
        package_dir / "_aliases.py": env.get_template("aliases.py.jinja").render(tables=tables),
        package_dir / "_provenance.py": env.get_template("provenance.py.jinja").render(
            provenance=sorted(provenance.items())
        ),
        models_dir / "__init__.py": env.get_template("models_init.py.jinja").render(
            modules=sorted(p.module for p in plan.providers)
        ),
    }
    for provider in plan.providers:
        files.update(_provider_files(env, provider, models_dir))
    retired = retired_ids(history, plan)
    files.update(
        _names_files(
            env,
            plan=plan,
            tables=tables,
            names=names,
            retired=retired,
            directory=package_dir / "_names",
        )
    )
    (package_dir / "_history").mkdir()
    files.update(
        history_files(
            env,
            history=history,
            plan=plan,
            successors=successors,
            directory=package_dir / "_history",
        )
    )
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    format_python(package_dir)


def _names_files(
    env: jinja2.Environment,
    *,
    plan: CatalogPlan,
    tables: Tables,
    names: ProviderNames,
    retired: Mapping[str, set[str]],
    directory: Path,
) -> dict[Path, str]:
    # One module per provider with aliases, clashing names or ids no longer listed, so that a
    # lookup within one provider never reads the tables of the whole catalog.
    directory.mkdir()
    modules = {
        p.id: p.module
        for p in plan.providers
        if p.id in tables.aliases or p.id in tables.clashes or p.id in retired
    }
    files = {
        directory / "__init__.py": env.get_template("names_init.py.jinja").render(
            modules=sorted(modules.items()), names=names
        )
    }
    for pid, module in modules.items():
        files[directory / f"{module}.py"] = env.get_template("names_module.py.jinja").render(
            docstring=(
                f"Names besides model ids for the provider {pid!r}: curated, dated families and"
                " vendor prefixes;\nand the ids it once listed and no longer does."
            ),
            aliases=tables.aliases.get(pid, {}),
            clashes=tables.clashes.get(pid, {}),
            retired=sorted(retired.get(pid, ())),
        )
    # The union of the retired ids above, for bare ids (as ALIAS_OWNERS is for the aliases).
    files[directory.parent / "_retired.py"] = env.get_template("retired.py.jinja").render(
        retired=sorted(set().union(*retired.values()))
    )
    return files


def _provider_row(provider: ProviderPlan) -> dict[str, str]:
    info = provider.info
    keys = ", ".join(info.env) or "no key"
    doc = f"{info.display_name} · {len(provider.models)} models · {keys}"
    return {"member": provider.member, "id": provider.id, "doc": doc}


def _providers_table(env: jinja2.Environment, plan: CatalogPlan, names: ProviderNames) -> str:
    writer = Writer()
    table = writer.source({p.id: p.info for p in plan.providers})
    return env.get_template("providers_table.py.jinja").render(
        imports=_imports(writer), providers=table, names=names
    )


def _provider_files(
    env: jinja2.Environment, provider: ProviderPlan, models_dir: Path
) -> dict[Path, str]:
    writer = Writer(SHARED, NAMESPACE)
    # constant, its class, its source, its hover text
    models = [
        (m.constant, type(m.model).__name__, writer.source(m.model), hover(m.model))
        for m in provider.models
    ]
    name = provider.info.display_name
    context: Mapping[str, Any] = {
        "docstring": f"Models served by {name} (provider id {provider.id!r}).",
        "models": models,
    }
    module = env.get_template("provider_module.py.jinja").render(
        context,
        imports=_imports(writer),
        namespace=NAMESPACE,
        constants=sorted(writer.constants.items()),
    )
    stub = env.get_template("provider_module.pyi.jinja").render(
        context, types=sorted({type(m.model).__name__ for m in provider.models})
    )
    return {
        models_dir / f"{provider.module}.py": module,
        models_dir / f"{provider.module}.pyi": stub,
    }


def _imports(writer: Writer) -> dict[str, list[str]]:
    return {module: sorted(names) for module, names in sorted(writer.imports.items())}
