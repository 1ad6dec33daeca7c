"""Stage 7: what a regen did, for the maintainer who ran it."""

from __future__ import annotations

import ast
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .grants import Grants
from .identifiers import model_constant, provider_member, provider_module
from .normalize import CatalogPlan

_SHOWN = 20


@dataclass(slots=True)
class Report:
    """Counts, changes against the tree that was there before, and anything worth a look."""

    source: str
    sha256: str
    providers: int = 0
    models: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unknown_fields: dict[str, int] = field(default_factory=dict)
    patches: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)
    history: str = ""
    """How the history stands: payloads, events, and what this regen added."""
    data_changes: str = ""
    """What the new payload changed (also prepended to CHANGELOG-data.md)."""
    warnings: list[str] = field(default_factory=list)
    security: list[str] = field(default_factory=list)
    """What a reviewer reads first: new providers, changed base URLs and key variables,
    values the review withheld, names newcomers got because an older id holds the plain one."""
    seconds: dict[str, float] = field(default_factory=dict)

    def text(self) -> str:
        """The report as lines for a terminal."""
        lines = [
            f"regen: {self.providers} providers, {self.models} models from {self.source}",
            f"  sha256 {self.sha256}",
        ]
        if self.security:
            lines.append(f"  security review ({len(self.security)}), read these first:")
            lines += [f"    {line}" for line in self.security]
        lines.append(
            f"  added {len(self.added)}, removed {len(self.removed)} models"
            " against the previous tree"
        )
        for label, items in (("+", self.added), ("-", self.removed)):
            lines += [f"    {label} {spec}" for spec in items[:_SHOWN]]
            if len(items) > _SHOWN:
                lines.append(f"    {label} ... {len(items) - _SHOWN} more")
        if self.unknown_fields:
            lines.append("  fields this schema does not know (kept in .extra):")
            lines += [f"    {path}: {n}" for path, n in sorted(self.unknown_fields.items())]
        lines.append(f"  patches: {', '.join(self.patches) or 'none'}")
        lines += [f"    {change}" for change in self.changes]
        lines.append(
            f"  aliases: {sum(self.aliases.values())} in {len(self.aliases)} providers"
            " (per provider in the report's JSON)"
        )
        lines.append(f"  history: {self.history}")
        if self.data_changes:
            lines += ["  " + line for line in self.data_changes.splitlines()]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        timing = ", ".join(f"{stage} {s:.2f}s" for stage, s in self.seconds.items())
        lines.append(f"  time: {timing}")
        return "\n".join(lines)

    def write_json(self, path: Path) -> None:
        """Write the full report (every added and removed spec) as JSON."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")


def specs_in_tree(package_dir: Path) -> set[str]:
    """Every ``provider:id`` of a data package, read from its ``_index`` shards without
    importing them."""
    found: set[str] = set()
    for shard in sorted((package_dir / "_index").glob("s*.py")):
        tree = ast.parse(shard.read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, ast.AnnAssign)
                and isinstance(node.target, ast.Name)
                and node.target.id == "OWNERS"
                and node.value is not None
            ):
                owners: dict[str, tuple[str, ...]] = ast.literal_eval(node.value)
                found |= {f"{pid}:{mid}" for mid, pids in owners.items() for pid in pids}
    return found


def specs_in_payload(payload: Mapping[str, Any]) -> set[str]:
    """Every ``provider:id`` of a payload."""
    return {f"{pid}:{mid}" for pid, provider in payload.items() for mid in provider["models"]}


def names_given(plan: CatalogPlan, given: Grants) -> list[str]:
    """Each name this regen gave a newcomer other than its plain one, and who holds that.

    A newcomer is an id ``given`` (the names recorded before) does not name.
    """
    found = []
    holders = {
        "Provider member": {**given.members(), **{p.id: p.member for p in plan.providers}},
        "module": {**given.modules(), **{p.id: p.module for p in plan.providers}},
    }
    for provider in plan.providers:
        if provider.id not in given.providers:
            for kind, name, plain in (
                ("Provider member", provider.member, provider_member(provider.id)),
                ("module", provider.module, provider_module(provider.id)),
            ):
                if name != plain:
                    found.append(
                        f"new provider {provider.id!r} has the {kind} {name}: {plain} "
                        + _holder(holders[kind], plain)
                    )
        recorded = given.constants(provider.id)
        constants = {**recorded, **{m.model.id: m.constant for m in provider.models}}
        for entry in provider.models:
            plain = model_constant(entry.model.id)
            if entry.constant != plain and entry.model.id not in recorded:
                found.append(
                    f"new model {entry.model.spec!r} is {entry.constant}: {plain} "
                    + _holder(constants, plain)
                )
    return found


def _holder(names: Mapping[str, str], name: str) -> str:
    owners = sorted(item for item, given in names.items() if given == name)
    return f"belongs to {owners[0]!r}" if owners else "is taken"


def impossible_dates(plan: CatalogPlan) -> list[str]:
    """Dates that have the right shape but name no calendar day, like ``2025-02-31``."""
    found = []
    for provider in plan.providers:
        for entry in provider.models:
            model = entry.model
            for key in ("knowledge", "release_date", "last_updated"):
                date = getattr(model, key)
                if date is not None and not date.is_valid:
                    found.append(f"{model.spec} {key} is {str(date)!r}, not a calendar date")
    return found


def count_unknown(unknown: Counter[str]) -> dict[str, int]:
    """Unknown fields as a plain, sorted dict."""
    return dict(sorted(unknown.items()))
