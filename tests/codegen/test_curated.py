"""Our curated data (aliases, first-party table, dialects) and the tables built from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codegen.curated import AliasFile, check_references, load_aliases, load_first_party
from codegen.dialects import DialectFile, DialectName, load_dialects, provider_names
from codegen.errors import CuratedDataError
from codegen.tables import build_tables, derived_aliases, family_of
from tests.conftest import ROOT, model, provider, records, shared_payload


@pytest.mark.parametrize(
    ("model_id", "family"),
    [
        ("claude-3-5-sonnet-20241022", "claude-3-5-sonnet"),
        ("anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-haiku-4-5"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("claude-sonnet-4-5@20250929", "claude-sonnet-4-5"),
        ("claude-opus-4-6@default", "claude-opus-4-6"),
        ("command-r-plus-08-2024", "command-r-plus"),
        ("gemini-2.5-pro-preview-05-06", "gemini-2.5-pro-preview"),
        ("mistral-medium-2505", "mistral-medium"),
        ("kimi-k2-0905", "kimi-k2"),
        ("gpt-4o", None),
        ("gpt-4-1106-preview", None),
        ("llama-3.1-405b", None),
        ("qwen3-32b-1024", None),
    ],
)
def test_family_of(model_id: str, family: str | None) -> None:
    assert family_of(model_id) == family


def test_the_date_in_the_id_orders_a_family_not_the_release_date() -> None:
    models = records(
        {
            "p": provider(
                "p",
                model("m-2411", release_date="2024-11-18"),
                model("m-2512", release_date="2024-11-01"),  # upstream date is wrong
            )
        }
    )["p"]
    assert derived_aliases(models) == {"m": "m-2512", "m-latest": "m-2512"}


def test_an_undated_id_that_exists_is_never_an_alias() -> None:
    models = records({"p": provider("p", *(model(m) for m in ("m", "m-20250101", "m-latest")))})
    assert derived_aliases(models["p"]) == {}


def test_a_family_of_one_latest_id_answers_its_base_name() -> None:
    # Google lists gemini-flash-latest and no gemini-flash; Mistral lists codestral-latest.
    ids = ("gemini-flash-latest", "m-2512", "m-latest", "x")
    models = records({"p": provider("p", *(model(m) for m in ids))})["p"]
    assert derived_aliases(models) == {"gemini-flash": "gemini-flash-latest", "m": "m-2512"}


def _files(tmp_path: Path, aliases: object) -> Path:
    (tmp_path / "data_sources").mkdir()
    (tmp_path / "data_sources" / "aliases.json").write_text(json.dumps(aliases))
    return tmp_path


IDS = {"p": {"real-1"}}
URL = "https://example.com/docs"


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        (
            {"aliases": [{"provider": "p", "alias": "a", "target": "gone", "reason": "r"}]},
            "/aliases/0: target 'gone'",
        ),
        (
            {
                "aliases": [
                    {"provider": "p", "alias": "a", "target": "g", "reason": "r", "unlisted": True}
                ]
            },
            'an unlisted alias needs "source"',
        ),
        (
            {"aliases": [{"provider": "q", "alias": "a", "target": "real-1", "reason": "r"}]},
            "/aliases/0: no provider 'q'",
        ),
        (
            {"aliases": [{"provider": "p", "alias": "real-1", "target": "real-1", "reason": "r"}]},
            "already a model id",
        ),
        (
            {"aliases": [{"provider": "p", "alias": "a", "target": "real-1"}]},
            "at /aliases/0/reason: Field required",
        ),
        (
            {
                "aliases": [
                    {"provider": "p", "alias": "a", "target": "real-1", "reason": "r", "x": 1}
                ]
            },
            "at /aliases/0/x",
        ),
        ({"alias": []}, "at /aliases: Field required"),
    ],
)
def test_curated_aliases_errors_name_the_file_and_path(
    tmp_path: Path, aliases: object, message: str
) -> None:
    root = _files(tmp_path, aliases)
    with pytest.raises(CuratedDataError, match=r"aliases\.json") as caught:
        check_references(load_aliases(root), load_first_party(ROOT), IDS, root)
    assert message in str(caught.value)


def test_an_unlisted_alias_is_kept_apart_and_no_rule_derives_its_name() -> None:
    # Cohere documents command-r as the 03-2024 release; the catalog lists 08-2024 at Cohere
    # and at a router: neither derives command-r (nor cohere/command-r) as the newest.
    catalog = records(
        {
            "cohere": provider("cohere", model("command-r-08-2024")),
            "router": provider("router", model("cohere/command-r-08-2024")),
        }
    )
    entry = {"provider": "cohere", "alias": "command-r", "target": "command-r-03-2024"}
    curated = AliasFile.model_validate(
        {"aliases": [{**entry, "reason": "r", "source": URL, "unlisted": True}]}
    )
    tables = build_tables(catalog, curated, load_first_party(ROOT))
    assert tables.unlisted == {"cohere": {"command-r": ("command-r-03-2024", URL)}}
    assert tables.aliases["cohere"] == {"command-r-latest": ("command-r-08-2024", "dated_alias")}
    assert "cohere/command-r" not in tables.aliases["router"]
    assert "command-r" not in tables.aliases["router"]
    assert tables.aliases["router"]["cohere/command-r-latest"][0] == "cohere/command-r-08-2024"


@pytest.mark.data
def test_shipped_curated_data_matches_the_locked_payload() -> None:
    payload = records(json.loads(shared_payload("2026-07-02").read_text()))
    curated, first_party = load_aliases(ROOT), load_first_party(ROOT)
    assert curated.aliases and all(a.reason and a.source for a in curated.aliases)
    assert check_references(curated, first_party, payload, ROOT) == []
    assert provider_names(load_dialects(ROOT), set(payload), ROOT).warnings == []
    tables = build_tables(payload, curated, first_party)
    assert tables.makers["gpt-4o"] == ("openai",)
    assert tables.makers["glm-5"] == ("zai", "zhipuai")  # zai is listed before zhipuai


def test_makers_are_the_labs_the_payload_has_in_table_order() -> None:
    payload = records(
        {"azure": provider("azure", model("gpt-4o")), "x": provider("x", model("kimi-k9"))}
    )
    tables = build_tables(payload, AliasFile(aliases=[]), load_first_party(ROOT))
    assert "gpt-4o" not in tables.makers  # openai is not in this payload
    assert tables.owners == {"gpt-4o": ("azure",), "kimi-k9": ("x",)}


@pytest.mark.parametrize("pattern", ["gpt-*-mini", "gpt-?", "gpt-[45]", "*"])
def test_a_first_party_pattern_is_an_id_or_a_prefix(tmp_path: Path, pattern: str) -> None:
    # The runtime matches a name the catalog lacks by these patterns, without fnmatch.
    family = {"models": [pattern], "providers": ["openai"], "source": URL}
    (tmp_path / "data_sources").mkdir()
    path = tmp_path / "data_sources" / "first_party.json"
    path.write_text(json.dumps({"families": [family]}))
    with pytest.raises(CuratedDataError, match=r"first_party\.json: at /families/0/models/0"):
        load_first_party(tmp_path)


def test_vendor_less_names_at_an_aggregator() -> None:
    payload = records(
        {
            "agg": provider(
                "agg",
                model("anthropic/claude-3-haiku"),
                model("meta/llama-3-8b"),
                model("other/llama-3-8b"),
                model("workers-ai/@cf/meta/llama-3.1-8b"),
            )
        }
    )
    tables = build_tables(payload, AliasFile(aliases=[]), load_first_party(ROOT))
    aliases = tables.aliases["agg"]
    assert aliases["claude-3-haiku"] == ("anthropic/claude-3-haiku", "vendor_prefix")
    assert aliases["@cf/meta/llama-3.1-8b"][0] == "workers-ai/@cf/meta/llama-3.1-8b"
    assert aliases["llama-3.1-8b"][0] == "workers-ai/@cf/meta/llama-3.1-8b"
    assert "llama-3-8b" not in aliases
    assert tables.clashes["agg"]["llama-3-8b"] == ("meta/llama-3-8b", "other/llama-3-8b")
    assert tables.alias_owners["claude-3-haiku"] == ("agg",)


def _dialects(*names: dict[str, str]) -> DialectFile:
    return DialectFile(names=[DialectName.model_validate(n) for n in names], id_prefixes=[])


def test_dialect_names_compile_to_provider_ids() -> None:
    table = _dialects(
        {"library": "litellm", "name": "vertex_ai", "provider": "google-vertex", "source": URL},
        {"library": "rubyllm", "name": "vertexai", "provider": "google-vertex", "source": URL},
        {"library": "x", "name": "Google_Vertex", "provider": "google-vertex", "source": URL},
    )
    names = provider_names(table, {"google-vertex", "openai"}, ROOT)
    assert names.names == {
        "google-vertex": "google-vertex",
        "openai": "openai",
        "vertex-ai": "google-vertex",
        "vertexai": "google-vertex",
    }
    assert names.dialects == {"vertex-ai": "litellm", "vertexai": "rubyllm"}


def test_a_dialect_name_that_is_another_providers_id_is_refused() -> None:
    table = _dialects({"library": "ai-sdk", "name": "vercel", "provider": "v0", "source": URL})
    with pytest.raises(CuratedDataError, match=r"/names/0: 'vercel' already means 'vercel'"):
        provider_names(table, {"vercel", "v0"}, ROOT)


def test_a_dialect_name_with_two_providers_is_refused() -> None:
    table = _dialects(
        {"library": "a", "name": "meta", "provider": "llama", "source": URL},
        {"library": "b", "name": "meta", "provider": "openai", "source": URL},
    )
    with pytest.raises(CuratedDataError, match="/names/1: 'meta' already means 'llama'"):
        provider_names(table, {"llama", "openai"}, ROOT)


def test_a_dialect_of_a_provider_the_payload_lacks_is_a_warning() -> None:
    table = _dialects({"library": "a", "name": "meta", "provider": "llama", "source": URL})
    names = provider_names(table, {"openai"}, ROOT)
    assert "meta" not in names.names and "no provider 'llama'" in names.warnings[0]
