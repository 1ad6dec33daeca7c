"""What users write type-checks as it runs: under mypy --strict and pyright in strict mode.

The README's examples are checked as written; a typo in an llmdex name must fail.
"""

from __future__ import annotations

import dataclasses
import doctest
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.package.test_readme import PYTHON_BLOCKS, SERVER_BLOCK

USER_FILE = """\
import dataclasses

import requests

import llmdex
from llmdex import Model, PricedModel, Provider, find
from llmdex.models.openai import GPT_4O

x: int = GPT_4O.limit.context
price: float = float(GPT_4O.cost.input)
env: tuple[str, ...] = Provider.OPENAI.env
model: Model = find("openai:gpt-4o")
priced: PricedModel = llmdex.models.openai.GPT_4O
renamed: PricedModel = dataclasses.replace(GPT_4O, name="GPT-4o (mine)")
assumed: bool = llmdex.resolve("openai:gpt-9", assume_exists=True).assumed
version: str = llmdex.__version__
date: str = llmdex.catalog_info().date
client = llmdex.Client(session=requests.Session())  # a Session satisfies transport.Session
"""

WRONG_FILES = {
    "x: str = GPT_4O.limit.context": "Incompatible types",
    "llmdex.fnd('openai:gpt-4o')": 'has no attribute "fnd"',
    "llmdex.Provder.OPENAI": 'has no attribute "Provder"',
    "llmdex.models.opnai": 'has no attribute "opnai"',
    "Model.cost.input": 'Item "None" of "Cost | None" has no attribute "input"',
}
_IMPORTS = "import llmdex\nfrom llmdex import Model\nfrom llmdex.models.openai import GPT_4O\n"


def _readme_examples() -> str:
    parser = doctest.DocTestParser()
    lines = [ex.source for block in PYTHON_BLOCKS for ex in parser.get_examples(block)]
    return "".join(lines) + SERVER_BLOCK


# The README shows the committed catalog's data, so its check is a `data` test.
TEXTS = [
    pytest.param(USER_FILE, id="user"),
    pytest.param(_readme_examples(), id="readme", marks=pytest.mark.data),
]


def _check(tool: list[str], tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "user.py"
    path.write_text(text)
    return subprocess.run(
        [*tool, str(path)], cwd=tmp_path, capture_output=True, text=True, check=False
    )


def _mypy() -> list[str]:
    return [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]


def _pyright(tmp_path: Path, **rules: str) -> list[str]:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.skip("pyright is not installed (it comes with the dev extra)")
    config = {"typeCheckingMode": "strict", **rules}
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config))
    return [pyright, "--pythonpath", sys.executable]


@pytest.mark.parametrize("text", TEXTS)
def test_mypy_strict_accepts(tmp_path: Path, text: str) -> None:
    ok = _check(_mypy(), tmp_path, text)
    assert ok.returncode == 0, ok.stdout


@pytest.mark.parametrize("text", TEXTS)
def test_pyright_strict_accepts(tmp_path: Path, text: str) -> None:
    # The README's lines are doctest examples: a bare expression there shows its value, and
    # each block imports what it uses.
    rules = {"reportUnusedExpression": "none", "reportDuplicateImport": "none"}
    ok = _check(_pyright(tmp_path, **rules), tmp_path, text)
    assert ok.returncode == 0, ok.stdout


def test_mypy_rejects_wrong_types_and_misspelt_names(tmp_path: Path) -> None:
    # One file, so one mypy run; each wrong line is reported on its own line number.
    lines = list(WRONG_FILES)
    result = _check(_mypy(), tmp_path, _IMPORTS + "\n".join(lines) + "\n")
    assert result.returncode == 1
    for number, line in enumerate(lines, start=4):
        found = [out for out in result.stdout.splitlines() if f"user.py:{number}:" in out]
        assert found and WRONG_FILES[line] in found[0], (line, result.stdout)


def test_pyright_rejects_misspelt_names(tmp_path: Path) -> None:
    text = _IMPORTS + "llmdex.fnd('openai:gpt-4o')\nllmdex.Provder.OPENAI\n"
    result = _check(_pyright(tmp_path), tmp_path, text)
    assert result.returncode == 1
    assert '"fnd" is not a known attribute' in result.stdout
    assert '"Provder" is not a known attribute' in result.stdout


def _completions(source: str) -> list[str]:
    jedi = pytest.importorskip("jedi")
    lines = source.splitlines()
    return [c.name for c in jedi.Script(source).complete(len(lines), len(lines[-1]))]


def _public(names: list[str]) -> list[str]:
    # What an editor shows first: jedi lists public names, then _private, then __dunder__.
    return [n for n in names if not n.startswith("_")]


def test_jedi_offers_a_provider_modules_models_first_and_nothing_else_public() -> None:
    from llmdex.models import openai

    names = _completions("from llmdex.models.openai import ")
    public = _public(names)
    # The models listed, and those no longer listed (importable, deprecated in the stub).
    assert sorted(public) == sorted([*openai.__all__, *getattr(openai, "_RETIRED", {})])
    assert names[: len(public)] == public  # no helper name among or before the models
    (hover,) = _jedi().Script("from llmdex.models.openai import GPT_4O\nGPT_4O").help(2, 3)
    assert hover.docstring().startswith(f"{openai.GPT_4O.name} ({openai.GPT_4O.kind.value}) · ")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('import llmdex\nllmdex.find("openai:gpt-4o").', {"cost_of", "limit", "spec", "id"}),
        ("import llmdex\nllmdex.catalog().", {"where", "sort", "first", "specs"}),
        ("import llmdex\nllmdex.catalog().where(tools=True).", {"where", "sort"}),
    ],
)
def test_jedi_completes_the_public_names_of_what_lookups_return(
    source: str, expected: set[str]
) -> None:
    public = _public(_completions(source))
    assert expected <= set(public), public


def _jedi() -> Any:
    return pytest.importorskip("jedi")


def test_records_work_with_the_dataclasses_functions() -> None:
    from llmdex.models.openai import GPT_4O

    renamed = dataclasses.replace(GPT_4O, name="mine")
    assert (renamed.name, renamed.cost, type(renamed)) == ("mine", GPT_4O.cost, type(GPT_4O))
    assert dataclasses.is_dataclass(GPT_4O)
    assert [f.name for f in dataclasses.fields(GPT_4O)][:3] == ["provider", "id", "name"]
    assert dataclasses.asdict(GPT_4O.limit) == {
        "context": GPT_4O.limit.context,
        "input": GPT_4O.limit.input,
        "output": GPT_4O.limit.output,
        "extra": {},
    }


def test_type_checking_a_user_file_reads_neither_requests_nor_the_http_module(
    tmp_path: Path,
) -> None:
    # mypy follows every import statement it can reach; the client reaches HTTP by name so
    # that checking code which uses llmdex does not parse requests and urllib3.
    text = "import llmdex\nclient: llmdex.Client = llmdex.Client()\n"
    done = _check([*_mypy(), "--verbose"], tmp_path, text)
    assert done.returncode == 0, done.stdout
    parsed = [line for line in done.stderr.splitlines() if "Parsing" in line]
    assert parsed, "mypy --verbose no longer says what it parses"
    assert not [p for p in parsed if "requests" in p or "urllib3" in p or "/http.py" in p]
