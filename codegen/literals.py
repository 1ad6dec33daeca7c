"""Python source for runtime values, built from payload objects.

Every string goes through ``repr``, so no payload text can become code. Known fields become
constructor arguments; the rest go to ``extra``. Which fields are known is read from the
runtime dataclasses, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from codegen.identifiers import words
from llmdex_runtime import model as runtime
from llmdex_runtime.dates import PartialDate
from llmdex_runtime.enums import Kind, Status
from llmdex_runtime.protocol import Protocol
from llmdex_runtime.record import fields


def _known(cls: type[Any], *, rename: Mapping[str, str] | None = None) -> frozenset[str]:
    names = set(fields(cls)) - {"extra"}
    for payload_name, field_name in (rename or {}).items():
        names.discard(field_name)
        names.add(payload_name)
    return frozenset(names)


DERIVED = frozenset({"kind", "protocol", "base_url"})
"""Model fields llmdex derives at regen; they are not payload fields."""

_MODEL_KNOWN = _known(runtime.Model, rename={"provider": "provider_override"}) - DERIVED


def decimal(value: int | float) -> str:
    """``Decimal("...")`` source whose exponent records whether the JSON had an int."""
    if isinstance(value, int):
        return f'Decimal("{value}")'
    text = format(Decimal(repr(value)), "f")
    if "." not in text:
        text += ".0"
    return f'Decimal("{text}")'


class Writer:
    """Renders payload objects as constructor calls and remembers which names they use.

    Values that models of one module share (dates, modalities, limits, reasoning options)
    are written once as a private module constant when used twice or more; see :meth:`finish`.
    """

    def __init__(self) -> None:
        self.names: set[str] = set()
        self._shared: dict[str, list[Any]] = {}  # source -> [hint, uses, placeholder]

    def _share(self, hint: str, source: str) -> str:
        entry = self._shared.get(source)
        if entry is None:
            entry = self._shared[source] = [hint, 0, f"\x00{len(self._shared)}\x00"]
        entry[1] += 1
        return str(entry[2])

    def finish(self, sources: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
        """Name the values used twice or more and inline the rest.

        Returns the ``(name, source)`` definitions, sorted by name, and ``sources`` with
        every placeholder replaced.
        """
        taken: set[str] = set()
        replacements: dict[str, str] = {}
        definitions = []
        for source, (hint, uses, placeholder) in sorted(
            self._shared.items(), key=lambda item: (item[1][0], item[0])
        ):
            if uses < 2:
                replacements[placeholder] = source
                continue
            name, suffix = hint, 2
            while name in taken:
                name, suffix = f"{hint}_{suffix}", suffix + 1
            taken.add(name)
            replacements[placeholder] = name
            definitions.append((name, source))
        pattern = re.compile("\x00\\d+\x00")
        done = [pattern.sub(lambda m: replacements[m.group(0)], text) for text in sources]
        return sorted(definitions), done

    def _call(self, cls: str, args: list[tuple[str, str]]) -> str:
        self.names.add(cls)
        return f"{cls}({', '.join(f'{key}={value}' for key, value in args)})"

    def _extra(self, raw: Mapping[str, Any], known: frozenset[str]) -> list[tuple[str, str]]:
        extra = {key: value for key, value in raw.items() if key not in known}
        return [("extra", repr(extra))] if extra else []

    def _rates_args(self, raw: Mapping[str, Any]) -> list[tuple[str, str]]:
        args = []
        for name in fields(runtime.Rates):
            if name in raw and name != "extra":
                self.names.add("Decimal")
                args.append((name, decimal(raw[name])))
        return args

    def rates(self, raw: Mapping[str, Any]) -> str:
        """``Rates(...)`` for a price set."""
        return self._call("Rates", self._rates_args(raw) + self._extra(raw, _known(runtime.Rates)))

    def cost(self, raw: Mapping[str, Any]) -> str:
        """``Cost(...)`` for a model's ``cost`` object."""
        args = self._rates_args(raw)
        if "tiers" in raw:
            args.append(("tiers", self._tuple([self._tier(tier) for tier in raw["tiers"]])))
        if "context_over_200k" in raw:
            args.append(("context_over_200k", self.rates(raw["context_over_200k"])))
        return self._call("Cost", args + self._extra(raw, _known(runtime.Cost)))

    def _tier(self, raw: Mapping[str, Any]) -> str:
        condition = raw["tier"]
        tier = self._call(
            "TierCondition",
            [("type", repr(condition["type"])), ("size", repr(condition["size"]))]
            + self._extra(condition, _known(runtime.TierCondition)),
        )
        args = [*self._rates_args(raw), ("tier", tier)]
        return self._call("CostTier", args + self._extra(raw, _known(runtime.CostTier)))

    def _tuple(self, items: list[str]) -> str:
        # No trailing comma after several items: ruff would then put each on its own line.
        if len(items) == 1:
            return f"({items[0]},)"
        return f"({', '.join(items)})"

    def _optional(self, raw: Mapping[str, Any], names: tuple[str, ...]) -> list[tuple[str, str]]:
        return [(name, repr(raw[name])) for name in names if name in raw]

    def _reasoning_option(self, raw: Mapping[str, Any]) -> str:
        args = [("type", repr(raw["type"]))]
        if "values" in raw:
            args.append(("values", self._tuple([repr(v) for v in raw["values"]])))
        args += self._optional(raw, ("min", "max"))
        return self._call(
            "ReasoningOption", args + self._extra(raw, _known(runtime.ReasoningOption))
        )

    def _mode(self, raw: Mapping[str, Any]) -> str:
        args = []
        if "cost" in raw:
            args.append(("cost", self.rates(raw["cost"])))
        args += self._optional(raw, ("provider",))
        return self._call("Mode", args + self._extra(raw, _known(runtime.Mode)))

    def _experimental(self, raw: Mapping[str, Any]) -> str:
        args = []
        if "modes" in raw:
            modes = ", ".join(f"{name!r}: {self._mode(m)}" for name, m in raw["modes"].items())
            args.append(("modes", f"{{{modes}}}"))
        return self._call("Experimental", args + self._extra(raw, _known(runtime.Experimental)))

    def _date(self, text: str) -> str:
        date = PartialDate.parse(text)
        self.names.add("PartialDate")
        day = "" if date.day is None else f", {date.day}"
        return self._share(f"_D_{words(text)}", f"PartialDate({date.year}, {date.month}{day})")

    def model(
        self,
        provider_member: str,
        kind: Kind,
        raw: Mapping[str, Any],
        wire: tuple[Protocol, str | None] | None = None,
    ) -> str:
        """``Model(...)`` for one payload model object of the provider ``provider_member``.

        ``wire`` is the model's own protocol and base URL, where they are not its provider's.
        """
        self.names.update({"Provider", "Kind"})
        args = [
            ("provider", f"Provider.{provider_member}"),
            ("id", repr(raw["id"])),
            ("name", repr(raw["name"])),
            ("kind", f"Kind.{kind.name}"),
        ]
        args += self._optional(raw, ("family", "attachment", "reasoning", "tool_call"))
        args += self._optional(raw, ("structured_output", "temperature", "open_weights"))
        if "knowledge" in raw:
            args.append(("knowledge", self._date(raw["knowledge"])))
        args.append(("release_date", self._date(raw["release_date"])))
        args.append(("last_updated", self._date(raw["last_updated"])))
        modalities = raw["modalities"]
        source = self._call(
            "Modalities",
            [
                ("input", self._tuple([repr(m) for m in modalities["input"]])),
                ("output", self._tuple([repr(m) for m in modalities["output"]])),
            ]
            + self._extra(modalities, _known(runtime.Modalities)),
        )
        flow = f"{' '.join(modalities['input'])} to {' '.join(modalities['output'])}"
        args.append(("modalities", self._share(f"_{words(flow).upper()}", source)))
        limit = raw["limit"]
        source = self._call(
            "Limit",
            self._optional(limit, ("context", "input", "output"))
            + self._extra(limit, _known(runtime.Limit)),
        )
        sizes = " ".join(str(limit.get(key, "")) for key in ("context", "input", "output"))
        args.append(("limit", self._share(f"_LIMIT_{words(sizes)}", source)))
        if "cost" in raw:
            args.append(("cost", self.cost(raw["cost"])))
        if "interleaved" in raw:
            value = raw["interleaved"]
            if isinstance(value, bool):
                args.append(("interleaved", repr(value)))
            else:
                interleaved = self._call(
                    "Interleaved",
                    [("field", repr(value["field"]))]
                    + self._extra(value, _known(runtime.Interleaved)),
                )
                args.append(("interleaved", interleaved))
        if "reasoning_options" in raw:
            options = [self._reasoning_option(o) for o in raw["reasoning_options"]]
            hint = " ".join(str(v) for o in raw["reasoning_options"] for v in o.values())
            hint = f"_REASONING_{words(hint).upper()}"[:60].rstrip("_")
            args.append(("reasoning_options", self._share(hint, self._tuple(options))))
        if "status" in raw:
            self.names.add("Status")
            args.append(("status", f"Status.{Status(raw['status']).name}"))
        if "provider" in raw:
            override = raw["provider"]
            args.append(
                (
                    "provider_override",
                    self._call(
                        "ProviderOverride",
                        self._optional(override, ("npm", "api", "shape"))
                        + self._extra(override, _known(runtime.ProviderOverride)),
                    ),
                )
            )
        if "experimental" in raw:
            args.append(("experimental", self._experimental(raw["experimental"])))
        if wire is not None:
            self.names.add("Protocol")
            args.append(("protocol", f"Protocol.{wire[0].name}"))
            args.append(("base_url", repr(wire[1])))
        return self._call("Model", args + self._extra(raw, _MODEL_KNOWN))
