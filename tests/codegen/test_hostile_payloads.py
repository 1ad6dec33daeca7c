"""The hostile-payload suite: the attacks of an editor of models.dev, each built from the locked
payload, each refused with one line or regenerated into a catalog that runs nothing, keeps every
name with its id, and sends no key anywhere its provider does not.

Site slugs and CSV cells, the other two outputs a payload reaches, have their hostile cases
beside their code: tests/site/test_site.py and tests/db/test_db.py.
"""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from codegen.curated import AliasFile, read_curated
from codegen.errors import CuratedDataError
from codegen.pipeline import Options, regen
from codegen.report import Report
from tests.codegen.test_bad_input import regen_cli
from tests.codegen.test_safety import IMPORT_EVERY_MODULE
from tests.conftest import ROOT, face_copy, run_with_catalog, write_payload

MARKER = Path("/tmp/llmdex-hostile-marker")
EVIL = f"__import__('os').system('touch {MARKER}')"
KEPT = {"openai": ("gpt-4o", "gpt-4o-mini", "o3"), "groq": None, "lmstudio": None}
"""The providers of the locked payload each case starts from (None: all its models)."""


def real_payload() -> dict[str, Any]:
    """A few providers of the locked payload, as published."""
    (path,) = (ROOT / "data_sources").glob("api-*.json.gz")
    whole = json.loads(gzip.decompress(path.read_bytes()))
    payload = {}
    for pid, keep in KEPT.items():
        provider = copy.deepcopy(whole[pid])
        if keep is not None:
            provider["models"] = {mid: provider["models"][mid] for mid in keep}
        payload[pid] = provider
    return payload


def regen_report(tmp_path: Path, payload: dict[str, Any]) -> tuple[Path, Report]:
    """Regenerate ``payload`` with the shipped grants (no patches: they name models this subset
    lacks); the catalog and the report."""
    source = write_payload(tmp_path, payload)
    report = regen(
        Options(source=str(source), root=ROOT, no_patches=True, write_lock=False),
        out=face_copy(tmp_path),
    )
    return tmp_path, report


def check(catalog: Path, code: str) -> list[str]:
    """Run ``code`` against ``catalog`` in a fresh interpreter; its output lines."""
    MARKER.unlink(missing_ok=True)
    result = run_with_catalog(catalog, code)
    assert result.returncode == 0, result.stderr
    assert not MARKER.exists()
    return result.stdout.splitlines()


def test_text_that_closes_a_string_or_docstring_runs_nothing(tmp_path: Path) -> None:
    # Item 1: every text field reaches a docstring, a literal or a table of some module.
    payload = real_payload()
    openai = payload["openai"]
    openai["name"] = f'OpenAI"""; {EVIL}; """'
    openai["doc"] = f"x'''\n{EVIL}\n'''"
    openai["models"]["o3"]["name"] = f'o3"""\n{EVIL}\n"""'
    openai["models"]["o3"]["family"] = f"'); {EVIL}; ('"
    payload[f'x"""{EVIL}'] = {**payload["groq"], "id": f'x"""{EVIL}'}
    catalog, _report = regen_report(tmp_path, payload)
    assert check(catalog, IMPORT_EVERY_MODULE.format(marker=str(MARKER))) == ["ok False"]


def test_squatters_get_suffixed_names_and_the_report_says_so(tmp_path: Path) -> None:
    # Item 2: a provider `OpenAI` and a model `GPT-4O`, both pointing at another host.
    payload = real_payload()
    squatter = copy.deepcopy(payload["openai"])
    squatter.update(id="OpenAI", api="https://collect.example/v1")
    payload["OpenAI"] = squatter
    lookalike = {**payload["openai"]["models"]["gpt-4o"], "id": "GPT-4O"}
    lookalike["provider"] = {"npm": "@ai-sdk/openai", "api": "https://collect.example/v1"}
    payload["openai"]["models"]["GPT-4O"] = lookalike
    catalog, report = regen_report(tmp_path, payload)
    lines = check(
        catalog,
        "import llmdex\n"
        "from llmdex import Provider\n"
        "from llmdex.models import openai, openai_2\n"
        "print(Provider.OPENAI.value, Provider.OPENAI_2.value, openai_2.GPT_4O.provider)\n"
        "print(openai.GPT_4O.id, openai.GPT_4O_2.id, openai.GPT_4O_2.base_url)\n"
        "print(llmdex.find('OPENAI:gpt-4o').provider, Provider.OPENAI.base_url)\n",
    )
    assert lines == [
        "openai OpenAI OpenAI",
        "gpt-4o GPT-4O None",
        "openai https://api.openai.com/v1",
    ]
    security = "\n".join(report.security)
    assert "new provider 'OpenAI' has the Provider member OPENAI_2: OPENAI belongs to 'openai'" in (
        security
    )
    assert "new provider 'OpenAI' has the module openai_2: openai belongs to 'openai'" in security
    assert "new model 'openai:GPT-4O' is GPT_4O_2: GPT_4O belongs to 'gpt-4o'" in security
    assert "new provider 'OpenAI': base URL 'https://collect.example/v1'" in security
    assert "withheld: 'openai:GPT-4O' base URL 'https://collect.example/v1'" in security
    # Security comes first in what the maintainer reads.
    text = report.text().splitlines()
    assert text[2].startswith("  security review")


def test_a_key_variable_of_another_provider_is_withheld(tmp_path: Path) -> None:
    # Item 3: groq claiming OPENAI_API_KEY would read the OpenAI key and send it to groq.
    payload = real_payload()
    payload["groq"]["env"] = ["GROQ_API_KEY", "OPENAI_API_KEY"]
    catalog, report = regen_report(tmp_path, payload)
    lines = check(
        catalog,
        "import llmdex\nprint(llmdex.Provider('groq').env, llmdex.Provider('openai').env)\n",
    )
    assert lines == ["('GROQ_API_KEY',) ('OPENAI_API_KEY',)"]
    assert any(
        line.startswith("withheld: 'groq' lists the key variable 'OPENAI_API_KEY', which is given")
        for line in report.security
    )
    assert "provider 'groq' key variables changed" in "\n".join(report.security)


BASE_URLS = {
    "http://api.groq.example/openai/v1": False,
    "https://user:pw@api.groq.com/openai/v1": False,
    "https://api.groq.com/openai/v1\r\nX-Evil: 1": False,
    "ftp://api.groq.com/v1": False,
    "http://127.0.0.1:8080/v1": True,
    "http://localhost:1234/v1": True,
    "http://[::1]:1234/v1": True,
    "https://api.groq.com/openai/v1": True,
    "${GROQ_BASE_URL}/v1": True,
}
"""Base URLs a provider might be given, and whether a key may be sent there."""


def test_a_base_url_must_be_https_or_loopback(tmp_path: Path) -> None:
    payload = real_payload()
    for n, api in enumerate(BASE_URLS):
        payload[f"groq{n}"] = {**payload["groq"], "id": f"groq{n}", "api": api}
    catalog, report = regen_report(tmp_path, payload)
    lines = check(
        catalog,
        "import llmdex\n"
        f"for n in range({len(BASE_URLS)}):\n"
        "    print(repr(llmdex.Provider(f'groq{n}').base_url))\n",
    )
    assert lines == [repr(api) if kept else "None" for api, kept in BASE_URLS.items()]
    # (Each copy also loses GROQ_API_KEY, which grants.json gives to groq alone.)
    withheld = {
        line.split("'")[1] for line in report.security if line.startswith("withheld: provider")
    }
    assert withheld == {f"groq{n}" for n, kept in enumerate(BASE_URLS.values()) if not kept}


def test_a_model_may_not_send_its_providers_key_to_another_host(tmp_path: Path) -> None:
    payload = real_payload()
    models = payload["openai"]["models"]
    models["o3"]["provider"] = {"api": "https://collect.example/v1"}
    models["gpt-4o-mini"]["provider"] = {"npm": "@ai-sdk/anthropic"}  # the default host
    catalog, report = regen_report(tmp_path, payload)
    lines = check(
        catalog,
        "from llmdex.models import openai\n"
        "print(openai.O3.base_url, openai.GPT_4O_MINI.base_url, openai.GPT_4O.base_url)\n",
    )
    assert lines == ["None None None"]
    withheld = [line for line in report.security if line.startswith("withheld:")]
    assert len(withheld) == 2
    assert "sends the openai key to 'api.anthropic.com'" in withheld[0]


def test_the_client_never_sends_a_key_to_a_withheld_endpoint(tmp_path: Path) -> None:
    payload = real_payload()
    payload["groq"]["api"] = "http://collect.example/v1"
    catalog, _report = regen_report(tmp_path, payload)
    lines = check(
        catalog,
        "import os\n"
        "os.environ['GROQ_API_KEY'] = 'gsk-secret'\n"
        "from llmdex.client import Client\n"
        "from llmdex.errors import ClientConfigError\n"
        "import llmdex\n"
        "model = next(m for m in llmdex.models_of('groq').values() if m.kind.value == 'chat')\n"
        "try:\n"
        "    Client().complete(model, 'hi')\n"
        "except ClientConfigError as exc:\n"
        "    print(str(exc).split(': ', 1)[1])\n",
    )
    assert lines == ["no base URL is known; give one with resolve(spec, base_url=...)"]


def test_an_explicit_null_in_an_optional_field_reads_as_absent(tmp_path: Path) -> None:
    # Item 7: models.dev writes `null` for "not given" now and then.
    payload = real_payload()
    gpt = payload["openai"]["models"]["gpt-4o"]
    gpt.update(family=None, knowledge=None)
    gpt["cost"]["cache_read"] = None
    payload["openai"]["doc"] = None
    catalog, _report = regen_report(tmp_path, payload)
    lines = check(
        catalog,
        "from llmdex.models import openai\n"
        "import llmdex\n"
        "m = openai.GPT_4O\n"
        "print(m.family, m.knowledge, m.cost.cache_read, llmdex.Provider('openai').doc)\n",
    )
    assert lines == ["None None None None"]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("nested.json", b"[" * 100_000 + b"]" * 100_000, "nested deeper than 32 levels"),
        ("latin1.json", b'{"openai": "\xff"}', "not UTF-8 text (byte 12 is b'\\xff')"),
        ("bom16.json", b"\xff\xfe{\x00}\x00", "not UTF-8 text"),
        ("truncated.json", b'{"openai": {"id": "op', "not valid JSON"),
        ("list.json", b"[1, 2]", "expected a JSON object at the top level"),
        ("schema.json", json.dumps({"x": {"id": "x"}}).encode(), "at provider 'x'"),
    ],
)
def test_every_refusal_of_a_payload_is_one_line(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = regen_cli(str(path), tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"regen failed: {path}")
    assert says in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{" + b'"a":[' * 50 + b"]" * 50 + b"}", "nested deeper than 32 levels"),
        (b'{"aliases": "\xff"}', "not UTF-8 text"),
        (b"{" + b" " * (9 * 2**20) + b"}", "over the 8 MiB a file of data_sources/ may hold"),
        (b'{"aliases": [], "aliases": []}', "appears twice"),
    ],
)
def test_a_curated_file_is_bounded_and_refused_in_one_line(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "aliases.json"
    path.write_bytes(content)
    with pytest.raises(CuratedDataError) as caught:
        read_curated(path, AliasFile)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_report_counts_what_a_payload_adds_and_removes(tmp_path: Path) -> None:
    # Item 6: the counts a reviewer relies on to see what a payload brought in.
    out = face_copy(tmp_path)
    payload = real_payload()
    first = write_payload(tmp_path, payload, "first.json")
    regen(Options(source=str(first), root=ROOT, no_patches=True, write_lock=False), out=out)
    del payload["openai"]["models"]["o3"]
    payload["openai"]["models"]["o3-new"] = {
        **real_payload()["openai"]["models"]["o3"],
        "id": "o3-new",
    }
    second = write_payload(tmp_path, payload, "second.json")
    report = regen(
        Options(source=str(second), root=ROOT, no_patches=True, write_lock=False), out=out
    )
    assert (report.added, report.removed) == (["openai:o3-new"], ["openai:o3"])
    assert "  added 1, removed 1 models against the previous tree" in report.text().splitlines()
