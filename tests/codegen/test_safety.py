"""Payload text can never become code, and any text round-trips exactly."""

from __future__ import annotations

import json
import keyword
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.identifiers import assign, model_constant, provider_member, provider_module
from codegen.kinds import derive_kind
from codegen.literals import Writer
from codegen.shared import SHARED
from llmdex.records import model as runtime
from llmdex.records import partial_date as dates
from llmdex.records import vocabulary as enums
from llmdex.records.payload import payload_fields
from llmdex.records.record import replace
from tests.conftest import RegenInto, model, provider, run_with_catalog

MARKER = "/tmp/llmdex-pwned-marker"
EVIL = f"__import__('os').system('touch {MARKER}')"
NASTY_TEXT = [
    "quote \" and ' both",
    '""" triple double',
    "''' triple single",
    "back\\slash\\",
    "new\nline\r\ttab",
    EVIL,
    "}}{{ jinja {% raw %}",
    "unicodé ✓ 模型 \u200b zero-width",
    "\x00nul and \x7f del",
    "# not a comment",
]


def hostile_payload() -> dict[str, Any]:
    models = [model(f"m{i}", name=text, family=text) for i, text in enumerate(NASTY_TEXT)]
    models += [
        model(EVIL),
        model("class"),
        model("None"),
        model("import"),
        model("gpt-4o"),
        model("gpt.4o"),
        model("GPT_4O"),
        model("gpt-4o-2"),
        model("4o"),
        model("日本語"),
        model("ﬁne"),
        model("x", **{"__class__": "extra", "weird key\n": [1, 2.5, None, {"a": EVIL}]}),
    ]
    return {
        "302ai": provider("302ai", *models, name=EVIL, doc='"""'),
        "import": provider("import", model("a"), env=[EVIL]),
        "con": provider("con", model("b"), api='https://x\n"y'),
        "a-b": provider("a-b", model("c")),
        "a_b": provider("a_b", model("d")),
    }


ROUND_TRIP = """
import importlib, json, os
import llmdex
payload = json.loads({payload!r})
for p in llmdex.Provider:
    raw = payload[p.value]
    assert p.to_dict() == {{k: v for k, v in raw.items() if k != "models"}}
    module = importlib.import_module("llmdex.models." + p.module)
    got = {{getattr(module, n).id: getattr(module, n).to_dict() for n in module.__all__}}
    assert got == raw["models"], p.value
    assert len(module.__all__) == len(raw["models"])
print("ok", os.path.exists({marker!r}))
"""


def test_hostile_payload_imports_runs_nothing_and_round_trips(regen_into: RegenInto) -> None:
    Path(MARKER).unlink(missing_ok=True)
    payload = hostile_payload()
    catalog = regen_into(payload)
    result = run_with_catalog(
        catalog, ROUND_TRIP.format(payload=json.dumps(payload), marker=MARKER)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ok", "False"]
    assert not Path(MARKER).exists()


IMPORT_EVERY_MODULE = """
import importlib, os, pathlib
import llmdex
root = pathlib.Path(llmdex.__file__).parent / "models"
for path in sorted(root.rglob("*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    parts = parts[:-1] if parts[-1] == "__init__" else parts
    importlib.import_module(".".join(("llmdex.models", *parts)))
for path in sorted(root.rglob("*.pyi")):
    compile(path.read_bytes(), str(path), "exec")
llmdex.history("openai:gpt-4o")
llmdex.find("openai:gpt-4o", at="2026-01-01")
print("ok", os.path.exists({marker!r}))
"""


def test_a_provider_name_that_ends_its_docstring_runs_nothing_in_any_module(
    regen_into: RegenInto,
) -> None:
    # The history and name tables are written for every provider; a name that closes a
    # triple-quoted docstring must stay text there as everywhere else.
    Path(MARKER).unlink(missing_ok=True)
    payload = {
        "openai": provider(
            "openai", model("gpt-4o"), name=f'OpenAI"""; {EVIL}; """', doc=f'x"""\n{EVIL}\n'
        ),
        "quotes": provider("quotes", model("a"), name='"""'),
        "slash": provider("slash", model("b"), name="ends in a backslash \\"),
        "lines": provider("lines", model("c"), name="one\r\ntwo\x0cthree \u202e"),
        '"""': provider('"""', model('"""'), name="triple quotes as an id"),
    }
    catalog = regen_into(payload)
    result = run_with_catalog(catalog, IMPORT_EVERY_MODULE.format(marker=MARKER))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ok", "False"]
    assert not Path(MARKER).exists()


def test_hostile_names_follow_the_documented_rule(regen_into: RegenInto) -> None:
    catalog = regen_into(hostile_payload())
    result = run_with_catalog(
        catalog,
        "from llmdex import Provider\n"
        "from llmdex.models import p_302ai, import_, con_, a_b, a_b_2\n"
        "print(Provider.P_302AI.module, Provider.IMPORT.module, Provider.A_B_2.value)\n"
        "print(p_302ai.CLASS.id, p_302ai.NONE.id, p_302ai.M_4O.id, p_302ai.GPT_4O.id)\n"
        "print(p_302ai.GPT_4O_2.id, p_302ai.GPT_4O_3.id, p_302ai.GPT_4O_4.id)\n"
        "print(p_302ai.M.id, p_302ai.NE.id)\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "p_302ai import_ a_b",
        # The real 302ai's gpt-4o holds GPT_4O (data_sources/grants.json, rule 5), so the
        # newcomer GPT_4O gets a suffix; gpt-4o-2 has GPT_4O_2 by rule 1, so it skips to _3.
        "class None 4o gpt-4o",
        "gpt-4o-2 GPT_4O gpt.4o",
        # Only ASCII survives: 日本語 leaves nothing (M), the ligature ﬁ is not "fi" (NE).
        "日本語 ﬁne",
    ]


# Any text a JSON string can hold, including lone surrogates and control characters.
_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
_number = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)
_json = st.recursive(
    st.none() | st.booleans() | _number | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)

_NAMESPACE = {
    name: getattr(runtime, name)
    for name in dir(runtime)
    if isinstance(getattr(runtime, name), type)
} | {
    "Decimal": Decimal,
    "PartialDate": dates.PartialDate,
    "Kind": enums.Kind,
    "Status": enums.Status,
}


_KNOWN = {spec.key for spec in payload_fields(runtime.Model)}
"""Keys the payload gives a meaning to: an unknown key (``extra``) is none of them."""


@settings(max_examples=300, deadline=None)
@given(
    model_id=_text.filter(bool),
    name=_text,
    family=_text,
    price=_number,
    extra=st.dictionaries(_text.filter(lambda k: k not in _KNOWN), _json, max_size=3),
    modality=st.lists(_text, max_size=3),
)
def test_any_text_renders_to_source_that_round_trips(
    model_id: str, name: str, family: str, price: float, extra: dict[str, Any], modality: list[str]
) -> None:
    raw = model(model_id, name=name, family=family, cost={"input": price, "output": price})
    raw["modalities"] = {"input": modality, "output": ["text"], **{"k": extra}}
    raw.update({k: v for k, v in extra.items() if k not in {"provider", "kind"}})
    record = runtime.Model.from_dict(raw, provider="x", kind=enums.Kind.CHAT)
    writer = Writer(SHARED)
    source = writer.source(replace(record, kind=derive_kind(record)))
    namespace = dict(_NAMESPACE)
    for constant, value in writer.constants.items():  # under test: the source is only data
        namespace[constant] = eval(value, namespace)
    built = eval(source, namespace)
    assert built.to_dict() == raw
    assert json.dumps(built.to_dict(), sort_keys=True) == json.dumps(raw, sort_keys=True)


@given(st.lists(_text, max_size=20))
def test_any_ids_get_distinct_valid_names(ids: list[str]) -> None:
    for natural, upper in (
        (model_constant, True),
        (provider_member, True),
        (provider_module, False),
    ):
        names = assign(ids, natural)
        assert set(names) == set(ids)
        assert len(set(names.values())) == len(set(ids))
        for name in names.values():
            assert name.isidentifier() and name.isascii()
            assert not keyword.iskeyword(name)
            assert name == (name.upper() if upper else name.lower())


TEMPLATES = Path(__file__).resolve().parents[2] / "codegen" / "templates"
WRITERS = ("py", "doc", "ident", "code", "dotted", "comment")
"""The filters of codegen/emit.py: each writes a value as safe Python text (or checks it is a
name), so a template never puts a payload's text into source as it is."""


def test_every_template_value_goes_through_a_writer() -> None:
    import re

    for path in sorted(TEMPLATES.glob("*.jinja")):
        for expression in re.findall(r"{{(.*?)}}", path.read_text(encoding="utf-8"), re.S):
            last = expression.split("|")[-1].strip()
            written = last in WRITERS or (last == 'join(", ")' and 'map("ident")' in expression)
            assert written, f"{path.name}: {{{{{expression}}}}} is not written by a filter"
