"""Bad input gives one clear error, a non-zero exit, and leaves the generated tree as it was.

Each regen writes into a tree of the test's own (``--out``), never the repository's.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.errors import FetchError, PayloadError
from codegen.fetch import fetch, source_label
from codegen.pipeline import Options, regen
from codegen.validate import validate
from llmdex.http.policy import HttpPolicy
from tests import fixture_catalog
from tests.conftest import ROOT, model, provider, tiny_payload, write_payload
from tests.http_server import Answer, serve

FAST = ["--connect-timeout=2", "--read-timeout=0.5", "--retries=1", "--backoff=0.05"]


BEFORE = "# the tree before the regen\n"


def _assert_untouched(tree: Path) -> None:
    assert [p.name for p in tree.iterdir()] == ["__init__.py"]
    assert (tree / "__init__.py").read_text() == BEFORE


def regen_cli(source: str, tree: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m codegen regen --source SOURCE --out TREE`` with short network bounds."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "codegen",
            "regen",
            "--source",
            source,
            "--out",
            str(tree),
            *FAST,
            *extra,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _assert_failed_cleanly(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1
    assert result.stderr.startswith("regen failed: ")
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("was left unchanged.")
    if "schema" not in result.stderr:  # a schema mismatch lists each value on a line
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A generated tree that a failed regen must leave as it was."""
    package = tmp_path / "generated" / "models"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(BEFORE)
    return package


def test_truncated_json_fails_and_leaves_generated_unchanged(tmp_path: Path, tree: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps(tiny_payload())[:-40])
    _assert_failed_cleanly(regen_cli(str(path), tree), str(path), "not valid JSON", "truncated")
    _assert_untouched(tree)


def test_wrong_type_names_provider_model_and_field(tmp_path: Path, tree: Path) -> None:
    payload = tiny_payload()
    payload["acme"]["models"]["rich-1"]["limit"]["context"] = "128k"
    result = regen_cli(str(write_payload(tmp_path, payload)), tree)
    _assert_failed_cleanly(
        result, "provider 'acme'", "model 'rich-1'", "field limit.context", "'128k'"
    )
    _assert_untouched(tree)


def _nested(text: str) -> str:
    return text[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_nested, "JSON nested deeper than 32 levels"),
        (lambda t: t.replace('"context": 1000000', '"context": ' + "9" * 5000), "more than 4300"),
        (lambda t: t.replace('"context": 1000000', '"context": 1e400'), "1e400 does not fit"),
        (lambda t: t.replace('"input": 1.25', '"input": 1e-400'), "1e-400 does not fit"),
        (lambda t: t[:-1] + ', "acme": {}}', "the key 'acme' appears twice"),
        (lambda t: t.replace('"rich-1"', '"' + "r" * 10240 + '"'), "10240 characters, over 256"),
        (lambda t: t.replace('"acme"', '"' + "a" * 10240 + '"'), "10240 characters, over 64"),
        (lambda t: t.replace('"rich-1"', '"rich\\u0000"'), "holds a control character"),
    ],
    ids=[
        "deep",
        "long-int",
        "overflow",
        "underflow",
        "duplicate",
        "long-model",
        "long-provider",
        "control",
    ],
)
def test_each_payload_limit_is_one_line_and_leaves_the_tree(
    tmp_path: Path,
    tree: Path,
    edit,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    text = json.dumps(tiny_payload())
    edited = edit(text)
    assert edited != text
    path = tmp_path / "api.json"
    path.write_text(edited)
    _assert_failed_cleanly(regen_cli(str(path), tree, "--no-patches"), message, str(path))
    _assert_untouched(tree)


def test_providers_left_with_no_models_are_kept_as_empty_modules(tmp_path: Path) -> None:
    # One provider the payload lists empty, one whose models a patch excludes: both are real
    # providers, so both stay, with no models.
    payload = fixture_catalog.payload()
    payload["empty"] = {**payload["acme"], "id": "empty", "models": {}}
    project = tmp_path / "project"
    shutil.copytree(fixture_catalog.PROJECT, project)
    (project / "data_sources" / "patches" / "90-none.json").write_text(
        json.dumps({"patches": [{"provider": "acme", "exclude": ["*"], "reason": "test"}]})
    )
    out = tmp_path / "out"
    source = str(write_payload(tmp_path, payload))
    regen(Options(source=source, root=project, write_lock=False), out=out, package="empty_dex")
    code = "import empty_dex as d; print(*(len(d.models_of(p)) for p in ('empty', 'acme')))"
    shown = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": f"{out}{os.pathsep}{ROOT / 'src'}", "PATH": ""},
    )
    assert shown.stdout.split() == ["0", "0"]


@pytest.mark.parametrize(
    "source",
    ["x'; touch {marker}; echo '", 'x"; touch {marker}; echo "', "$(shell touch {marker})"],
)
def test_make_regen_runs_nothing_a_source_holds(tmp_path: Path, source: str) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    marker = tmp_path / "INJECTED"
    before = sorted(p.stat().st_mtime_ns for p in (ROOT / "generated").rglob("*.py*"))
    result = subprocess.run(
        ["make", "--no-print-directory", "regen", f"SOURCE={source.format(marker=marker)}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "cannot read" in result.stderr
    assert not marker.exists()
    assert sorted(p.stat().st_mtime_ns for p in (ROOT / "generated").rglob("*.py*")) == before


def test_server_error_is_retried_then_reported(tree: Path) -> None:
    with serve([Answer(status=500, body=b"boom")]) as server:
        result = regen_cli(server.url + "/api.json", tree)
        assert server.requests == 2
    _assert_failed_cleanly(result, "HTTP 500, given up after 2 attempts", "SOURCE=")
    _assert_untouched(tree)


def test_stalled_response_times_out(tree: Path) -> None:
    body = json.dumps(tiny_payload()).encode()
    with serve([Answer(body=body, stall=3)]) as server:
        result = regen_cli(server.url + "/api.json", tree)
    _assert_failed_cleanly(result, "timed out", "after 2 attempt(s)")
    _assert_untouched(tree)


def test_a_500_then_success_is_fetched() -> None:
    body = json.dumps(tiny_payload()).encode()
    with serve([Answer(status=503), Answer(body=body)]) as server:
        fetched = fetch(server.url, HttpPolicy(max_retries=2, backoff=0.01))
        assert server.requests == 2
    assert fetched.sha256 == hashlib.sha256(body).hexdigest()
    assert fetched.payload == tiny_payload()


def test_a_404_is_not_retried() -> None:
    with serve([Answer(status=404)]) as server:
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch(server.url, HttpPolicy(max_retries=2, backoff=0.01))
        assert server.requests == 1


def test_an_oversized_response_is_refused() -> None:
    with (
        serve([Answer(body=b"{" + b" " * 5000 + b"}")]) as server,
        pytest.raises(FetchError, match="cap"),
    ):
        fetch(server.url, HttpPolicy(max_bytes=1000))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "expected a JSON object"),
        ('{"a": NaN}', "NaN is not valid JSON"),
        ("\xff\xfe", "not UTF-8"),
    ],
)
def test_malformed_payload_text(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "api.json"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(PayloadError, match=message):
        fetch(str(path))


def test_a_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"cannot read .*nope\.json"):
        fetch(str(tmp_path / "nope.json"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(reasoning="yes"), "field reasoning"),
        (lambda m: m["limit"].update(output=4096.0), "field limit.output"),
        (lambda m: m.update(release_date="May 2024"), "field release_date"),
        (lambda m: m.update(status="retired"), "field status"),
        (lambda m: m.update(cost={"input": "1.5"}), "field cost.input"),
        (lambda m: m.update(cost={"input": True}), "field cost.input"),
        (lambda m: m.pop("limit"), "field limit"),
        (lambda m: m.update(id="other"), "has id 'other'"),
    ],
)
def test_each_wrong_value_is_named(change, message: str) -> None:  # type: ignore[no-untyped-def]
    payload = {"p": provider("p", model("m"))}
    change(payload["p"]["models"]["m"])
    with pytest.raises(PayloadError, match=message) as caught:
        validate(payload, "api.json")
    assert "api.json" in str(caught.value)


def test_unknown_fields_are_listed_with_where_they_sit() -> None:
    payload = {
        "p": provider(
            "p", model("m", pricing_note="x", cost={"input": 1, "output": 2, "surcharge": 2})
        )
    }
    payload["p"]["region"] = "eu"
    assert validate(payload, "api.json") == {
        "provider.region": 1,
        "model.pricing_note": 1,
        "model.cost.surcharge": 1,
    }


def test_credentials_in_the_source_reach_no_generated_file(tmp_path: Path) -> None:
    body = json.dumps(tiny_payload()).encode()
    out = tmp_path / "out" / "models"
    with serve([Answer(body=body)]) as server:
        port = server.url.rsplit(":", 1)[1]
        source = f"http://user:hunter2@127.0.0.1:{port}/api.json?token=SECRET-TOKEN"
        result = regen_cli(source, out, "--no-patches")
    assert result.returncode == 0, result.stderr
    assert "hunter2" not in result.stdout + result.stderr
    for path in out.rglob("*.py"):
        text = path.read_text()
        assert "hunter2" not in text and "SECRET-TOKEN" not in text, path
    assert source_label(source) == f"http://127.0.0.1:{port}/api.json"
