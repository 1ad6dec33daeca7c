"""``llmdex site OUT_DIR``: the installed catalog as a static site that needs no network.

Pages are rendered from the jinja2 templates beside this module (``llmdex[site]``); the
index's search, filters and sorting and the compare view are one small hand-written script
over ``data.js``, loaded with a ``<script>`` tag so the site works from ``file://`` as from any
static host. Model, provider and change pages are plain HTML and work without JavaScript. The
site is written to a temporary directory beside ``OUT_DIR`` and then put in its place, so a
failed build leaves the previous site as it was.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from llmdex.errors import LlmdexError
from llmdex.records.rates import RATE_NAMES
from llmdex.records.record import Record, record
from llmdex.site import chart, content
from llmdex.views.facts import CAPABILITIES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from llmdex.facade import Catalog
    from llmdex.past.log import History

HERE = Path(__file__).parent
STATIC = ("site.css", "index.js", "compare.js")
MARKER = ".llmdex-site"
"""A file in every site's directory: only such a directory is replaced by a new build."""


@record
class SiteReport(Record):
    """What :func:`build` wrote: the directory, page count, total bytes and seconds taken."""

    out: Path
    pages: int
    bytes: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.out}: {self.pages:,} pages, {self.bytes / 2**20:.1f} MiB, "
            f"built in {self.seconds:.1f} s; open {self.out / 'index.html'}"
        )


def build(catalog: Catalog, out_dir: str | os.PathLike[str]) -> SiteReport:
    """Write the site of ``catalog``'s catalog into ``out_dir`` (replacing what is there)."""
    started = time.perf_counter()
    try:
        import jinja2
    except ImportError:
        raise LlmdexError("the site needs jinja2: pip install 'llmdex[site]'") from None
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise LlmdexError(f"{out} is a file; give a directory for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        # The directory is replaced whole: never one that holds anything but an earlier site.
        raise LlmdexError(
            f"{out} is not empty and holds no llmdex site; give a new or empty directory"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise LlmdexError(f"{out}: cannot write the site there: {exc.strerror}") from None
    work.chmod(0o755)  # mkdtemp's 0700 would hide the site from a web server
    try:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
        pages = _write_pages(catalog, env, work)
        old = out.with_name(f".{out.name}-old")
        shutil.rmtree(old, ignore_errors=True)  # left by a build that was killed here
        if out.exists():
            out.rename(old)
        work.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise LlmdexError(f"{out}: cannot write the site: {exc.strerror}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return SiteReport(out=out, pages=pages, bytes=size, seconds=time.perf_counter() - started)


def _write_pages(catalog: Catalog, env: Any, out: Path) -> int:
    info = catalog.catalog_info()
    common = {"info": info}
    past = catalog.past_if_any()
    retired = content.retired_models(catalog)
    rows = content.index_rows(catalog, retired)
    for name in STATIC:
        shutil.copy(HERE / "static" / name, out / name)
    (out / MARKER).write_text(f"llmdex {info.llmdex_version}, data of {info.date}\n")
    data = {
        "date": info.date,
        "version": info.llmdex_version,
        "models": rows,
        "dialects": content.dialects(catalog),
        "providers": sorted({row["p"] for row in rows}),
    }
    (out / "data.js").write_text(
        "window.LLMDEX = " + json.dumps(data, separators=(",", ":")) + ";\n", encoding="utf-8"
    )
    pages = 0

    def page(path: str, template: str, **values: Any) -> None:
        nonlocal pages
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        root = "../" * path.count("/")
        html = env.get_template(template).render(root=root, **common, **values)
        target.write_text(html, encoding="utf-8")
        pages += 1

    providers = tuple(catalog.tables.providers.values())
    page(
        "index.html",
        "index.html.jinja",
        providers=[(p.id, p.display_name, content.provider_path(p.id)) for p in providers],
        kinds=sorted({row["k"] for row in rows}),
        modalities=sorted({m for row in rows for m in row["mi"]}),
        capabilities=[(name, cap.label) for name, cap in CAPABILITIES.items()],
        count=len(rows) - len(retired),
    )
    page("compare.html", "compare.html.jinja")
    names = content.other_names(catalog)
    for provider in providers:
        models = sorted(catalog.models_of(provider.id).values(), key=lambda m: m.id)
        page(
            content.provider_path(provider.id),
            "provider.html.jinja",
            provider=provider,
            facts=content.provider_facts(provider),
            models=[(m, content.model_path(m), *content.base_prices(m)) for m in models],
        )
        constants = catalog.tables.constants(provider.id)
        for model in models:
            listings = past.listings(model.provider, model.id) if past is not None else []
            page(
                content.model_path(model),
                "model.html.jinja",
                model=model,
                facts=content.fields(model),
                prices=content.price_table(model),
                components=RATE_NAMES,
                served=content.served_by(catalog, model),
                names=names.get(model.spec, []),
                provenance=sorted(catalog.provenance(model.spec).items()),
                constant=constants[model.id],
                module=provider.module,
                chart=chart.svg(listings, info.date, f"Price of {model.spec} over time"),
                provider_url=content.provider_path(model.provider),
                retired=None,
                successor=None,
            )
    for model in retired:
        timeline = past.timeline(model.provider, model.id) if past is not None else None
        page(
            content.model_path(model),
            "model.html.jinja",
            model=model,
            facts=content.fields(model),
            prices=content.price_table(model),
            components=RATE_NAMES,
            served=content.served_by(catalog, model),
            names=[],
            provenance=[],
            constant=None,
            module=None,
            retired=timeline,
            successor=past.successor(model.provider, model.id) if past is not None else None,
            chart=chart.svg(
                past.listings(model.provider, model.id) if past is not None else [],
                info.date,
                f"Price of {model.spec} over time",
            ),
            provider_url=None,
        )
    _changes(past, page)
    return pages


def _changes(past: History | None, page: Any) -> None:
    from llmdex.past.changes import diff

    snapshots: tuple[str, ...] = past.snapshots if past is not None else ()
    versions: list[tuple[str, Any]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for previous, date in itertools.pairwise(snapshots):
            old, new = past.entities_between(previous, date) if past is not None else ({}, {})
            changes = diff(old, new, previous, date)
            versions.append((date, changes))
            page(f"changes/{date}.html", "changes.html.jinja", changes=changes)
    page(
        "changes/index.html",
        "changes_index.html.jinja",
        versions=list(reversed(versions)),
        first=snapshots[0] if snapshots else None,
    )
