"""History on a small series of our own: three dated payloads, backfilled, then regenerated.

The series: ``acme:m-1`` changes price twice; ``acme:new-1`` appears in the second payload;
``acme:old-2024-06-01`` and ``beta:m-1`` are gone from the third, where a newer release of the
``old`` family appears; ``structured_output`` enters the schema in the second payload; the
provider ``gamma`` appears in the third.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from codegen.history import HISTORY, SCHEMA_FIELD, EventLog
from codegen.pipeline import Options, backfill, regen
from tests.conftest import ROOT
from tests.fixture_catalog import model, provider
from tests.history_series import DATES
from tests.history_series import build as _build
from tests.history_series import project as _project
from tests.history_series import series as _series


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path, Path]:
    return _build(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def dex(built: tuple[ModuleType, Path, Path]) -> ModuleType:
    return built[0]


def test_prices_on_either_side_of_each_change(dex: ModuleType) -> None:
    prices = {
        day: dex.find("acme:m-1", at=day).cost.input
        for day in (
            "2025-01-05",
            "2025-02-01",
            "2025-02-02",
            "2025-03-01",
            "2025-03-02",
            "2030-01-01",
        )
    }
    assert [str(p) for p in prices.values()] == ["1", "1", "2", "2", "3", "3"]
    usage = {"prompt_tokens": 1_000_000, "completion_tokens": 0}
    assert dex.find("acme:m-1", at="2025-01-20").cost_of(usage).total == Decimal("1")
    assert dex.find("acme:m-1").cost_of(usage).total == Decimal("3")


def test_dates_and_datetimes_and_bad_dates(dex: ModuleType) -> None:
    import datetime as dt

    assert dex.find("acme:m-1", at=dt.date(2025, 2, 10)).cost.input == 2
    assert dex.find("acme:m-1", at=dt.datetime(2025, 2, 10, 23, 59)).cost.input == 2
    with pytest.raises(dex.InvalidDateError):
        dex.find("acme:m-1", at="2025-13-01")


def test_before_the_history_and_before_a_model_existed(dex: ModuleType) -> None:
    with pytest.raises(dex.ModelNotFoundError, match="acme:m-1 was first listed 2025-01-05"):
        dex.find("acme:m-1", at="2024-12-31")
    with pytest.raises(dex.ModelNotFoundError, match="acme:new-1 was first listed 2025-02-02"):
        dex.find("acme:new-1", at="2025-01-20")
    assert dex.find("acme:new-1", at="2025-02-02").id == "new-1"


def test_a_retired_model_says_when_what_replaces_it_and_who_still_lists_it(dex: ModuleType) -> None:
    with pytest.raises(dex.ModelRetiredError) as caught:
        dex.find("acme:old-2024-06-01")
    assert str(caught.value) == (
        "acme:old-2024-06-01 is no longer listed: last listed 2025-02-02; its successor is "
        "acme:old-2025-02-01. Pass at='YYYY-MM-DD' to find it as it was."
    )
    assert isinstance(caught.value, dex.ModelNotFoundError)
    assert caught.value.last_seen == "2025-02-02"
    with pytest.raises(dex.ModelRetiredError, match="still listed by acme"):
        dex.find("beta:m-1")
    assert dex.find("acme:old-2024-06-01", at="2025-02-10").cost.input == 1


def _fresh(dex: ModuleType, code: str) -> subprocess.CompletedProcess[str]:
    # A fresh interpreter importing the catalog package ``dex``.
    env = {**os.environ, "PYTHONPATH": str(Path(dex.__file__).parent.parent)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )


def test_a_retired_models_constant_still_imports_with_a_warning_naming_its_successor(
    built: tuple[ModuleType, Path, Path],
) -> None:
    dex, _, _ = built
    # In a fresh interpreter: the warning comes once, at the first use, from the user's line.
    code = (
        "import warnings\n"
        "warnings.simplefilter('always')\n"
        f"with warnings.catch_warnings(record=True) as seen:\n"
        f"    from {dex.__name__}.models.acme import OLD_2024_06_01\n"
        f"    from {dex.__name__}.models.acme import OLD_2024_06_01 as again\n"
        "print(OLD_2024_06_01.spec, OLD_2024_06_01.cost.input, again is OLD_2024_06_01)\n"
        "print(len(seen), seen[0].category.__name__, seen[0].filename)\n"
        "print(seen[0].message)\n"
    )
    result = _fresh(dex, code)
    assert result.returncode == 0, result.stderr
    spec, count, message = result.stdout.splitlines()
    assert spec == "acme:old-2024-06-01 1 True"
    assert count == "1 ModelRetiredWarning <string>"
    assert message == (
        f"{dex.__name__}.models.acme.OLD_2024_06_01 is acme:old-2024-06-01 as last listed on "
        "2025-02-02: acme no longer lists it; its successor is acme:old-2025-02-01"
    )
    stub = (Path(dex.__file__).parent / "models" / "acme.pyi").read_text(encoding="utf-8")
    assert 'OLD_2024_06_01: Final[Model]\n"""Deprecated: old-2024-06-01 is no longer' in stub
    with pytest.raises(AttributeError, match="has no attribute 'NOT_A_MODEL'"):
        dex.models.acme.NOT_A_MODEL  # noqa: B018 - the read is the test


def test_a_provider_no_longer_listed_keeps_its_module_of_retired_constants(
    tmp_path: Path,
) -> None:
    payloads = _series()
    for payload in payloads[:2]:
        payload["delta"] = provider("delta", model("d-1", cost={"input": 4, "output": 4}))
    dex, _, _ = _build(tmp_path, payloads)
    code = (
        "import warnings\n"
        "warnings.simplefilter('always')\n"
        "with warnings.catch_warnings(record=True) as seen:\n"
        f"    from {dex.__name__}.models.delta import D_1\n"
        f"import {dex.__name__}.models as models\n"
        "print(D_1.spec, D_1.cost.input, 'delta' in models.__all__)\n"
        "print(seen[0].message)\n"
    )
    result = _fresh(dex, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "delta:d-1 4 False",
        f"{dex.__name__}.models.delta.D_1 is delta:d-1 as last listed on {DATES[1]}: delta no "
        "longer lists it",
    ]
    stub = (Path(dex.__file__).parent / "models" / "delta.pyi").read_text(encoding="utf-8")
    assert 'D_1: Final[Model]\n"""Deprecated: d-1 is no longer listed' in stub


def test_history_of_a_model(dex: ModuleType) -> None:
    history = dex.history("acme:m-1")
    assert (history.first_seen, history.last_seen, history.listed) == (DATES[0], DATES[2], True)
    assert [(c.date, c.path, c.old, c.new) for c in history.changes if c.kind == "~"] == [
        ("2025-02-02", "cost.input", 1, 2),
        ("2025-03-02", "cost.input", 2, 3),
    ]
    gone = dex.history("acme:old-2024-06-01")
    assert (gone.last_seen, gone.listed, gone.changes[-1].kind) == ("2025-02-02", False, "R")


def test_a_new_schema_field_is_one_appearance_not_a_change_per_model(
    dex: ModuleType, built: tuple[ModuleType, Path, Path]
) -> None:
    history = EventLog.read(built[1] / HISTORY)
    appeared = [r for r in history.rows if r[1] == SCHEMA_FIELD]
    assert appeared == [("2025-02-02", SCHEMA_FIELD, "model", ("structured_output",), None, None)]
    assert all(c.path != "structured_output" for c in dex.history("acme:m-1").changes)
    assert dex.find("acme:m-1", at="2025-01-10").structured_output is None
    assert dex.find("acme:m-1", at="2025-02-10").structured_output is True


def test_catalogs_of_the_past_and_retired_models(dex: ModuleType) -> None:
    assert sorted(m.spec for m in dex.catalog(at="2025-01-10")) == [
        "acme:m-1",
        "acme:old-2024-06-01",
        "beta:m-1",
    ]
    assert sorted(m.spec for m in dex.catalog().where(retired=True)) == [
        "acme:old-2024-06-01",
        "beta:m-1",
    ]
    cheap = dex.catalog(at="2025-02-10").where(max_input_price=1)
    assert sorted(m.spec for m in cheap) == ["acme:new-1", "acme:old-2024-06-01"]


def test_as_of_resolution_uses_the_models_listed_then(dex: ModuleType) -> None:
    # The "old" family's newest release then, not today's.
    assert dex.find("acme:old", at="2025-01-10").id == "old-2024-06-01"
    assert dex.find("acme:old").id == "old-2025-02-01"
    assert dex.find("acme:M-1", at="2025-01-10").id == "m-1"
    assert dex.find("new-1", at="2025-02-10").spec == "acme:new-1"
    with pytest.raises(dex.AmbiguousModelError):
        dex.find("m-1", at="2025-01-10")  # acme and beta both listed it then
    assert dex.find("m-1", at="2025-01-10", prefer=["beta"]).spec == "beta:m-1"


def test_every_model_on_every_date_is_its_payload_object(tmp_path: Path) -> None:
    # With patches off, the history gives back each payload exactly.
    dex, _, _ = _build(tmp_path, no_patches=True)
    for date, payload in zip(DATES, _series(), strict=True):
        listed = {m.spec: m.to_dict() for m in dex.catalog(at=date)}
        expected = {
            f"{pid}:{mid}": obj for pid, p in payload.items() for mid, obj in p["models"].items()
        }
        assert listed == expected, date


def test_a_backfill_is_byte_identical_when_repeated(
    tmp_path: Path, built: tuple[ModuleType, Path, Path]
) -> None:
    _, root, series = built
    again, _ = backfill(root, series)
    assert again.text() == (root / HISTORY).read_text(encoding="utf-8")


def test_a_regen_extends_the_history_with_its_payload(tmp_path: Path) -> None:
    root, series = _project(tmp_path, _series())
    (series / f"api-{DATES[-1]}.json").rename(tmp_path / f"api-{DATES[-1]}.json")
    two, _ = backfill(root, series)
    two.write(root / HISTORY)
    before = (root / HISTORY).read_text()
    regen(Options(source=str(tmp_path / f"api-{DATES[-1]}.json"), root=root))
    after = (root / HISTORY).read_text()
    assert after.startswith(before.splitlines()[0][:-2])  # the header gains one payload
    assert after.splitlines()[1:][: len(before.splitlines()) - 1] == before.splitlines()[1:]
    shutil.copy(tmp_path / f"api-{DATES[-1]}.json", series)
    whole, _ = backfill(root, series)
    assert whole.text() == after
    changelog = (root / "CHANGELOG-data.md").read_text()
    assert "## 2025-02-02 -> 2025-03-02 (api-2025-03-02.json): 2 added, 2 retired" in changelog
    # What a reviewer must see first: the new provider and where its key goes.
    section = changelog.split("\n## ")[1]
    assert section.splitlines()[2:4] == [
        "### Security review: read this first (1)",
        "- `` new provider 'gamma': base URL None, key variables ['GAMMA_API_KEY'] ``",
    ]


def test_diff_and_history_on_the_command_line(built: tuple[ModuleType, Path, Path]) -> None:
    dex = built[0]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(dex.__file__).parent.parent), str(ROOT)]),
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", dex.__name__, *args],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )

    shown = cli("diff", DATES[0], DATES[2], "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["added"] == ["acme:new-1", "acme:old-2025-02-01", "gamma:g-1"]
    assert data["retired"] == ["acme:old-2024-06-01", "beta:m-1"]
    assert data["new_providers"] == ["gamma"]
    assert {
        "spec": "acme:m-1",
        "component": "input",
        "old": "1",
        "new": "3",
        "percent": "200",
    } in data["prices"]
    text = cli("history", "acme:m-1")
    assert text.returncode == 0, text.stderr
    assert (
        text.stdout.splitlines()[0] == "acme:m-1: first listed 2025-01-05, last 2025-03-02 (listed)"
    )
    assert "cost.input" in text.stdout
    old = cli("show", "acme:m-1", "--at", "2025-01-10", "--json")
    assert json.loads(old.stdout)["model"]["cost"]["input"] == "1"
    retired = cli("show", "beta:m-1")
    assert retired.returncode == 1 and "no longer listed: last listed 2025-02-02" in retired.stderr


def test_the_changes_between_two_payloads_are_the_diff_of_their_catalogs(dex: ModuleType) -> None:
    from llmdex.past.changes import diff

    past = dex._CATALOG.past.log
    for before, after in itertools.pairwise(DATES):
        whole = diff(past.entities_at(before), past.entities_at(after), before, after)
        assert diff(*past.entities_between(before, after), before, after) == whole
        assert whole.added or whole.retired or whole.prices
