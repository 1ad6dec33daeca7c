"""data_sources/grants.json: names and key variables given once, kept, and checked on read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen.errors import CuratedDataError
from codegen.grants import GRANTS, Grants, load_grants


def write(root: Path, grants: dict[str, object]) -> None:
    (root / GRANTS).parent.mkdir(parents=True, exist_ok=True)
    (root / GRANTS).write_text(json.dumps(grants), encoding="utf-8")


def test_grants_round_trip_and_extend_without_moving_a_name(tmp_path: Path) -> None:
    grants = Grants(
        providers={"openai": ("OPENAI", "openai")},
        models={"openai": {"gpt-4o": "GPT_4O"}},
        key_variables={"OPENAI_API_KEY": frozenset({"openai"})},
    )
    plan = Grants(providers={"OpenAI": ("OPENAI_2", "openai_2")}, models={"OpenAI": {}})
    extended = grants.extended(
        plan, {"openai": {"gpt-4o", "GPT-4O"}}, {"OPENAI_API_KEY": {"openai"}, "NEW_KEY": {"x"}}
    )
    assert extended.providers == {
        "openai": ("OPENAI", "openai"),
        "OpenAI": ("OPENAI_2", "openai_2"),
    }
    assert extended.models == {"openai": {"gpt-4o": "GPT_4O", "GPT-4O": "GPT_4O_2"}}
    assert extended.key_variables == {
        "OPENAI_API_KEY": frozenset({"openai"}),
        "NEW_KEY": frozenset({"x"}),
    }
    extended.write(tmp_path / "grants.json")
    write(tmp_path, json.loads((tmp_path / "grants.json").read_text()))
    assert load_grants(tmp_path) == extended


@pytest.mark.parametrize(
    ("grants", "says"),
    [
        (
            {"providers": {}, "models": {"p": {"a": "A", "b": "A"}}, "key_variables": {}},
            "at /models/p: 'a' and 'b' have the same constant 'A'",
        ),
        (
            {"providers": {}, "models": {"p": {"a": "import os"}}, "key_variables": {}},
            "at /models/p/a: 'import os' is not an upper-case Python name",
        ),
        (
            {
                "providers": {"x": {"member": "X", "module": "class"}},
                "models": {},
                "key_variables": {},
            },
            "'class' is a Python keyword",
        ),
        (
            {
                "providers": {"x": {"member": "X", "module": "x; import os"}},
                "models": {},
                "key_variables": {},
            },
            "at /providers/x/module",
        ),
        ({"providers": {}, "models": {}}, "at /key_variables: Field required"),
    ],
)
def test_a_bad_grants_file_is_one_line_naming_the_entry(
    tmp_path: Path, grants: dict[str, object], says: str
) -> None:
    write(tmp_path, grants)
    with pytest.raises(CuratedDataError) as caught:
        load_grants(tmp_path)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)
