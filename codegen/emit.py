"""Stage 5: write a catalog's data package for a :class:`CatalogPlan`, formatted by ruff.

The data package is ``llmdex.models`` for the shipped catalog (``generated/models``), or
``NAME.models`` for a catalog a user makes with ``llmdex regen`` (:func:`emit_face` writes its
small ``NAME`` face). It holds data only: one module per provider and the tables lookups read.
Templates lay the files out; every value in them is written by one of two writers
(:mod:`codegen.literals`: a literal, or a docstring), and a template may place an identifier
only through the ``ident`` filter, which refuses anything else. Output depends only on the
plan, so the same inputs give the same bytes, and a model's text depends only on that model: a
regen diff shows what changed.
"""

from __future__ import annotations

import keyword
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from llmdex.resolution.shards import shard_of
from llmdex.resolution.suggest import name_grams

from .dialects import ProviderNames
from .formatting import format_python
from .grants import Grants
from .history import EventLog
from .history_modules import history_files, retired_ids
from .hover import hover
from .literals import Writer, docstring
from .normalize import CatalogPlan, ModelPlan, ProviderPlan
from .shared import NAMESPACE, SHARED
from .tables import Tables

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a tree was generated from: the payload's source, sha256 and date, and how many
    of our patches were applied."""

    source: str
    sha256: str
    date: str
    patches: int


INDEX_SHARDS = 64
"""Shards of ``_index``: about a hundred names each, so one imports in a tenth of a millisecond."""
GRAM_SHARDS = 64
"""Shards of the trigram index: a query's dozen trigrams fall in at most this many."""

SHIPPED_ORIGIN = ("make regen", "data_sources/models_dev.lock.json")
"""How the shipped catalog is made, and what records its inputs, for each file's header."""
USER_ORIGIN = ("llmdex regen", "this package's catalog_info()")
"""The same for a catalog a user makes."""


def _environment(origin: tuple[str, str]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # Every value reaches the source through one of these: a literal, a docstring, or an
    # identifier checked to be one; `code` marks source the literal writer made.
    env.filters["py"] = repr
    env.filters["doc"] = docstring
    env.filters["ident"] = _identifier
    env.filters["code"] = str
    env.filters["dotted"] = _dotted
    env.filters["comment"] = _comment
    env.globals.update(command=origin[0], origin=origin[1])
    return env


def emit(
    *,
    grants: Grants,
    plan: CatalogPlan,
    tables: Tables,
    names: ProviderNames,
    provenance: Mapping[str, Mapping[str, tuple[str, str, str | None]]],
    inputs: Inputs,
    history: EventLog,
    successors: Mapping[str, str],
    data_dir: Path,
    origin: tuple[str, str] = SHIPPED_ORIGIN,
) -> None:
    """Write the data package into ``data_dir`` (which must not exist) and format it."""
    env = _environment(origin)
    data_dir.mkdir(parents=True)
    rows = [_provider_row(p) for p in plan.providers]
    files: dict[Path, str] = {
        data_dir / "__init__.py": env.get_template("models_init.py.jinja").render(
            about={
                "source": inputs.source,
                "sha256": inputs.sha256,
                "date": inputs.date,
                "providers": len(plan.providers),
                "models": plan.model_count,
                "patches": inputs.patches,
            },
            modules=sorted((p.id, p.module) for p in plan.providers),
        ),
        data_dir / "_providers.py": _providers_table(env, plan, names),
        data_dir / "_provider_enum.py": env.get_template("providers.py.jinja").render(
            providers=rows
        ),
        data_dir / "_provider_enum.pyi": env.get_template("providers.pyi.jinja").render(
            providers=rows
        ),
        data_dir / "_provenance.py": env.get_template("provenance.py.jinja").render(
            provenance=sorted(provenance.items())
        ),
    }
    retired = retired_ids(history, plan)
    for provider in plan.providers:
        name = provider.info.display_name
        files.update(
            _provider_files(
                env,
                pid=provider.id,
                module=provider.module,
                docstring=f"Models served by {name} (provider id {provider.id!r}).",
                models=provider.models,
                path=data_dir,
                retired=_constants_of(grants, provider.id, retired),
            )
        )
    # A provider the catalog no longer lists keeps its module, of retired constants only.
    listed, modules = {p.id for p in plan.providers}, grants.modules()
    for pid in sorted(set(retired) - listed):
        gone = _constants_of(grants, pid, retired)
        if gone and pid in modules:
            doc = (
                f"Models of provider {pid!r}, which the catalog no longer lists: each constant"
                " imports as the model was last listed, with a ModelRetiredWarning."
            )
            files.update(
                _provider_files(
                    env,
                    pid=pid,
                    module=modules[pid],
                    docstring=doc,
                    models=(),
                    path=data_dir,
                    retired=gone,
                )
            )
    files.update(
        _names_files(
            env,
            plan=plan,
            tables=tables,
            names=names,
            retired=retired,
            directory=data_dir / "_names",
        )
    )
    files.update(_index_files(env, tables=tables, retired=retired, directory=data_dir / "_index"))
    (data_dir / "_history").mkdir()
    files.update(
        history_files(
            env,
            history=history,
            plan=plan,
            successors=successors,
            directory=data_dir / "_history",
        )
    )
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    format_python(data_dir)


def emit_face(package_dir: Path, *, functions: tuple[str, ...], names: tuple[str, ...]) -> None:
    """Write the face of a user's catalog package ``package_dir`` around its ``models``.

    ``functions`` are the catalog functions ``llmdex`` exports (bound here to this catalog's
    own), ``names`` the other public names, which the face takes from ``llmdex``.
    """
    env = _environment(USER_ORIGIN)
    package = package_dir.name
    files = {
        package_dir / "py.typed": "",
        package_dir / "__init__.py": env.get_template("face_init.py.jinja").render(
            package=package, functions=functions, names=names
        ),
        package_dir / "__main__.py": env.get_template("face_main.py.jinja").render(package=package),
        package_dir / "db.py": env.get_template("face_db.py.jinja").render(package=package),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    format_python(package_dir / "__init__.py")
    format_python(package_dir / "__main__.py")
    format_python(package_dir / "db.py")


def _dotted(value: object) -> str:
    # A module path: identifiers joined by dots.
    if not isinstance(value, str) or not all(_identifier(part) for part in value.split(".")):
        raise ValueError(f"not a dotted module name: {value!r}")
    return value


def _comment(value: object) -> str:
    # Text inside a `#` comment: one line of printable characters.
    if not isinstance(value, str) or not value.isprintable():
        raise ValueError(f"not one printable line: {value!r}")
    return value


def _identifier(value: object) -> str:
    # A template places a name only if it is one: no payload text becomes code this way.
    if not isinstance(value, str) or not value.isidentifier() or keyword.iskeyword(value):
        raise ValueError(f"not a Python identifier: {value!r}")
    return value


def _names_files(
    env: jinja2.Environment,
    *,
    plan: CatalogPlan,
    tables: Tables,
    names: ProviderNames,
    retired: Mapping[str, set[str]],
    directory: Path,
) -> dict[Path, str]:
    # One module per provider, so that a lookup within one provider never reads the tables
    # of the whole catalog, and a failed one suggests from its names without importing its
    # models.
    directory.mkdir()
    modules = {p.id: p.module for p in plan.providers}
    ids = {p.id: sorted(m.model.id for m in p.models) for p in plan.providers}
    files = {
        directory / "__init__.py": env.get_template("names_init.py.jinja").render(
            modules=sorted(modules.items()), names=names
        )
    }
    for pid, module in modules.items():
        files[directory / f"{module}.py"] = env.get_template("names_module.py.jinja").render(
            docstring=(
                f"The names of the provider {pid!r}: its ids; its aliases (curated, dated families"
                " and\nvendor prefixes); and the ids it once listed and no longer does."
            ),
            ids=ids[pid],
            aliases=tables.aliases.get(pid, {}),
            clashes=tables.clashes.get(pid, {}),
            unlisted=tables.unlisted.get(pid, {}),
            folded=tables.folded.get(pid, {}),
            retired=sorted(retired.get(pid, ())),
        )
    return files


def _index_files(
    env: jinja2.Environment,
    *,
    tables: Tables,
    retired: Mapping[str, set[str]],
    directory: Path,
) -> dict[Path, str]:
    # The catalog-wide tables of bare names, split by shard_of so that a lookup imports one
    # shard.
    directory.mkdir()
    gone = set().union(*retired.values())
    tables_of: dict[str, Mapping[str, object]] = {
        "owners": tables.owners,
        "alias_owners": tables.alias_owners,
        "makers": tables.makers,
        "folded": tables.folded_everywhere,
        "retired": dict.fromkeys(gone),
    }
    shards: list[dict[str, list[tuple[str, object]]]] = [
        {table: [] for table in tables_of} for _ in range(INDEX_SHARDS)
    ]
    for table, rows in tables_of.items():
        for name in sorted(rows):
            shards[shard_of(name, INDEX_SHARDS)][table].append((name, rows[name]))
    # The trigram index of every name, for a failed lookup's suggestions: names by position
    # in one module, the positions of each trigram in GRAM_SHARDS modules.
    names = list(dict.fromkeys([*tables.owners, *tables.alias_owners]))
    grams: list[list[tuple[str, tuple[int, ...]]]] = [[] for _ in range(GRAM_SHARDS)]
    for gram, positions in sorted(name_grams(names).items()):
        grams[shard_of(gram, GRAM_SHARDS)].append((gram, tuple(positions)))
    files = {
        directory / "__init__.py": env.get_template("index_init.py.jinja").render(
            shards=INDEX_SHARDS, gram_shards=GRAM_SHARDS, maker_patterns=tables.maker_patterns
        ),
        directory / "names.py": env.get_template("index_names.py.jinja").render(names=names),
    }
    for number, postings in enumerate(grams):
        files[directory / f"g{number:02}.py"] = env.get_template("index_grams.py.jinja").render(
            number=number, grams=postings
        )
    for number, shard in enumerate(shards):
        files[directory / f"s{number:02}.py"] = env.get_template("index_shard.py.jinja").render(
            number=number,
            owners=shard["owners"],
            alias_owners=shard["alias_owners"],
            makers=shard["makers"],
            folded=shard["folded"],
            retired=[name for name, _ in shard["retired"]],
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


def _constants_of(grants: Grants, pid: str, retired: Mapping[str, set[str]]) -> dict[str, str]:
    # Constant -> id of each model the provider once listed and no longer does.
    names_of = grants.constants(pid)
    return {names_of[mid]: mid for mid in retired.get(pid, ()) if mid in names_of}


def _provider_files(
    env: jinja2.Environment,
    *,
    pid: str,
    module: str,
    docstring: str,
    models: Sequence[ModelPlan],
    path: Path,
    retired: Mapping[str, str],
) -> dict[Path, str]:
    writer = Writer(SHARED, NAMESPACE, private=True)
    docs = [hover(m.model) for m in models]
    # constant, its class (as the module names it), its source, its hover text
    rows = [
        (m.constant, writer.name_of(type(m.model)), writer.source(m.model), doc)
        for m, doc in zip(models, docs, strict=True)
    ]
    gone = sorted(retired.items())
    source = env.get_template("provider_module.py.jinja").render(
        docstring=docstring,
        pid=pid,
        models=rows,
        retired=gone,
        imports=_imports(writer),
        namespace=NAMESPACE,
        constants=sorted(writer.constants.items()),
    )
    stub = env.get_template("provider_module.pyi.jinja").render(
        docstring=docstring,
        models=[
            (m.constant, type(m.model).__name__, doc) for m, doc in zip(models, docs, strict=True)
        ],
        types=sorted({type(m.model).__name__ for m in models} | ({"Model"} if gone else set())),
        retired=gone,
    )
    return {path / f"{module}.py": source, path / f"{module}.pyi": stub}


def _imports(writer: Writer) -> dict[str, list[str]]:
    return {module: sorted(names) for module, names in sorted(writer.imports.items())}
