"""Patch semantics, one behaviour per case, on small fixture payloads."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import llmdex
from codegen.errors import CuratedDataError, PatchError
from codegen.patch import apply_patches
from codegen.pipeline import PACKAGE, Options, regen
from llmdex import Kind
from tests.conftest import ROOT, face_copy, model, run_with_catalog, tiny_payload, write_payload


def _patch_dir(tmp_path: Path, *files: list[dict[str, Any]], raw: str | None = None) -> Path:
    directory = tmp_path / "patches"
    directory.mkdir(parents=True, exist_ok=True)
    for n, entries in enumerate(files):
        (directory / f"{n:02d}.json").write_text(json.dumps({"patches": entries}))
    if raw is not None:
        (directory / "99-raw.json").write_text(raw)
    return directory


def _apply(tmp_path: Path, *files: list[dict[str, Any]]) -> dict[str, Any]:
    return apply_patches(tiny_payload(), _patch_dir(tmp_path, *files)).payload


def _rich(payload: dict[str, Any]) -> dict[str, Any]:
    return payload["acme"]["models"]["rich-1"]


R = {"reason": "test"}


def test_set_deep_merges_objects(tmp_path: Path) -> None:
    rich = _rich(
        _apply(
            tmp_path, [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 9}}, **R}]
        )
    )
    assert rich["cost"]["input"] == 9 and rich["cost"]["output"] == 10


def test_set_replaces_lists(tmp_path: Path) -> None:
    entry = {
        "provider": "acme",
        "model": "rich-1",
        "set": {"modalities": {"input": ["audio"]}},
        **R,
    }
    assert _rich(_apply(tmp_path, [entry]))["modalities"] == {
        "input": ["audio"],
        "output": ["text"],
    }


def test_null_removes_a_field(tmp_path: Path) -> None:
    entry = {
        "provider": "acme",
        "model": "rich-1",
        "set": {"family": None, "cost": {"tiers": None}},
        **R,
    }
    rich = _rich(_apply(tmp_path, [entry]))
    assert "family" not in rich and "tiers" not in rich["cost"] and "input" in rich["cost"]


def test_set_on_a_provider(tmp_path: Path) -> None:
    payload = _apply(
        tmp_path, [{"provider": "acme", "set": {"api": "https://new.example/v1"}, **R}]
    )
    assert payload["acme"]["api"] == "https://new.example/v1"


def test_add_a_provider(tmp_path: Path) -> None:
    new = {"name": "NewCo", "env": ["NEWCO_KEY"], "models": {"n1": model("n1")}}
    payload = _apply(tmp_path, [{"provider": "newco", "add": new, **R}])
    assert payload["newco"]["id"] == "newco" and "n1" in payload["newco"]["models"]


def test_add_a_model(tmp_path: Path) -> None:
    payload = _apply(tmp_path, [{"provider": "acme", "model": "m9", "add": model("m9"), **R}])
    assert payload["acme"]["models"]["m9"]["id"] == "m9"


def test_rename_moves_the_model_and_keeps_the_old_id_as_alias(tmp_path: Path) -> None:
    patched = apply_patches(
        tiny_payload(),
        _patch_dir(tmp_path, [{"provider": "acme", "model": "rich-1", "rename": "rich-one", **R}]),
    )
    models = patched.payload["acme"]["models"]
    assert "rich-1" not in models and models["rich-one"]["id"] == "rich-one"
    assert patched.renamed == {"acme": {"rich-1": "rich-one"}}


def test_exclude_exact_ids_in_one_provider(tmp_path: Path) -> None:
    payload = _apply(tmp_path, [{"provider": "acme", "exclude": ["acme-2.0"], **R}])
    assert (
        "acme-2.0" not in payload["acme"]["models"] and "acme-2.0" in payload["beta-labs"]["models"]
    )


def test_exclude_globs_are_anchored_and_global(tmp_path: Path) -> None:
    payload = _apply(tmp_path, [{"exclude": ["acme-*"], **R}])
    assert set(payload["acme"]["models"]) == {"rich-1"}
    assert payload["beta-labs"]["models"] == {}
    with pytest.raises(PatchError, match="matches nothing"):
        _apply(tmp_path / "b", [{"exclude": ["*-2"], **R}])  # "acme-2.0" does not end in -2


def test_kind_sets_the_derived_kind(tmp_path: Path) -> None:
    patched = apply_patches(
        tiny_payload(), _patch_dir(tmp_path, [{"model": "acme-*", "kind": "rerank", **R}])
    )
    assert patched.kinds == {
        "acme:acme-2.0": Kind.RERANK,
        "acme:acme-embed-1": Kind.RERANK,
        "beta-labs:acme-2.0": Kind.RERANK,
    }


@pytest.mark.parametrize(
    "entry",
    [
        {"provider": "acme", "model": "gone", "set": {"name": "x"}},
        {"provider": "nope", "set": {"name": "x"}},
        {"provider": "acme", "model": "gone", "rename": "x"},
        {"provider": "acme", "exclude": ["gone-*"]},
        {"model": "gone-*", "kind": "chat"},
        {"provider": "acme", "model": "rich-1", "add": model("rich-1")},
    ],
)
def test_a_stale_patch_fails_unless_if_present(tmp_path: Path, entry: dict[str, Any]) -> None:
    with pytest.raises(PatchError, match=r"00\.json: /patches/0 .*stale.*if_present"):
        _apply(tmp_path, [{**entry, **R}])
    _apply(tmp_path / "ok", [{**entry, **R, "if_present": True}])


def test_conflicting_patches_name_both_files(tmp_path: Path) -> None:
    first = [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 1}}, **R}]
    second = [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 2}}, **R}]
    with pytest.raises(PatchError, match=r"00\.json#0 sets acme:rich-1 cost\.input.*01\.json#0"):
        _apply(tmp_path, first, second)


def test_overlapping_patches_conflict(tmp_path: Path) -> None:
    first = [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 1}}, **R}]
    second = [{"provider": "acme", "model": "rich-1", "set": {"cost": None}, **R}]
    with pytest.raises(PatchError, match="conflicting patches"):
        _apply(tmp_path, first, second)


def test_the_same_value_twice_is_no_conflict(tmp_path: Path) -> None:
    entry = [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 1}}, **R}]
    assert _rich(_apply(tmp_path, entry, entry))["cost"]["input"] == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"patches": [', "99-raw.json: not valid JSON"),
        (
            '{"patches": [{"provider": "acme", "sett": {}, "reason": "r"}]}',
            "99-raw.json: at /patches/0/sett",
        ),
        (
            '{"patches": [{"provider": "acme", "set": {}}]}',
            "99-raw.json: at /patches/0/reason: Field required",
        ),
        (
            '{"patches": [{"provider": "acme", "set": {}, "exclude": ["x"], "reason": "r"}]}',
            "exactly one of",
        ),
        ('{"patches": [{"model": "x", "rename": "y", "reason": "r"}]}', "rename needs a provider"),
        (
            '{"patches": [{"provider": "acme", "set": {"models": {}}, "reason": "r"}]}',
            "cannot touch 'models'",
        ),
        ('{"patches": [{"model": "x", "kind": "sofa", "reason": "r"}]}', "at /patches/0/kind"),
        ('{"patches": [], "extra": 1}', "at /extra"),
    ],
)
def test_an_invalid_file_names_the_file_and_path(tmp_path: Path, raw: str, message: str) -> None:
    with pytest.raises(CuratedDataError) as caught:
        apply_patches(tiny_payload(), _patch_dir(tmp_path, raw=raw))
    assert message in str(caught.value)


def _project(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    """A data root with our curated files and one patch file, and a committed tree in it."""
    root = tmp_path / "project"
    shutil.copytree(
        ROOT / "data_sources", root / "data_sources", ignore=shutil.ignore_patterns("patches")
    )
    (root / "data_sources" / "aliases.json").write_text('{"aliases": []}')
    (root / "data_sources" / "patches").mkdir()
    (root / "data_sources" / "patches" / "50-test.json").write_text(
        json.dumps({"patches": entries})
    )
    return root


def test_regen_reflects_patches_and_records_provenance(tmp_path: Path) -> None:
    entry = {
        "provider": "acme",
        "model": "rich-1",
        "set": {"cost": {"input": 0.5}},
        "reason": "negotiated",
        "source": "https://acme.example/contract",
    }
    root = _project(tmp_path, [entry, {"model": "acme-embed-*", "kind": "embedding", **R}])
    source = write_payload(tmp_path, tiny_payload())
    catalog = tmp_path / "catalog"
    report = regen(Options(source=str(source), root=root, write_lock=False), out=face_copy(catalog))
    assert any(
        "50-test.json#0 set: acme:rich-1 cost.input (negotiated)" in c for c in report.changes
    )
    result = run_with_catalog(
        catalog,
        "import llmdex\n"
        "print(llmdex.find('acme:rich-1').cost.input)\n"
        "p = llmdex.provenance('acme:rich-1')\n"
        "print(sorted(p), p['cost.input'].patch, p['cost.input'].reason, p['cost.input'].source)\n"
        "print(llmdex.find('acme:acme-embed-1').kind, llmdex.provenance('acme:acme-2.0'))\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "0.5",
        "['cost.input'] 50-test.json#0 negotiated https://acme.example/contract",
        "embedding {}",
    ]


def test_a_patch_that_breaks_the_schema_fails_regen_and_changes_nothing(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        [{"provider": "acme", "model": "rich-1", "set": {"limit": {"context": "big"}}, **R}],
    )
    (root / PACKAGE).mkdir(parents=True)
    (root / PACKAGE / "marker").write_text("old tree")
    source = write_payload(tmp_path, tiny_payload())
    with pytest.raises(Exception, match="after data_sources/patches") as caught:
        regen(Options(source=str(source), root=root))
    assert "model 'rich-1', field limit.context" in str(caught.value)
    assert [p.name for p in (root / PACKAGE).iterdir()] == ["marker"]


# The JSON Schema, and the patches we ship


def _schema() -> dict[str, Any]:
    return json.loads((ROOT / "data_sources" / "patches.schema.json").read_text())


def test_the_schema_validates_every_shipped_patch_file() -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    files = sorted((ROOT / "data_sources" / "patches").glob("*.json"))
    assert files
    for path in files:
        data = json.loads(path.read_text())
        assert data["$schema"] == "../patches.schema.json"
        validator.validate(data)
        for entry in data["patches"]:
            assert entry["reason"] and entry["source"], path


@pytest.mark.parametrize(
    "broken",
    [
        {"patches": [{"provider": "a", "set": {}}]},
        {"patches": [{"provider": "a", "set": {}, "reason": "r", "colour": 1}]},
        {"patches": [{"model": "a", "kind": "sofa", "reason": "r"}]},
        {"patch": []},
    ],
)
def test_the_schema_rejects_broken_files(broken: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, _schema())


EMBEDDINGS = [
    "openai:text-embedding-3-large",
    "openai:text-embedding-3-small",
    "openai:text-embedding-ada-002",
    "google:gemini-embedding-001",
    "google-vertex:gemini-embedding-001",
    "mistral:mistral-embed",
    "azure:cohere-embed-v-4-0",
    "azure:cohere-embed-v3-english",
    "vercel:voyage/voyage-3.5",
    "vercel:voyage/voyage-code-3",
    "nvidia:baai/bge-m3",
    "cloudflare-ai-gateway:workers-ai/@cf/baai/bge-large-en-v1.5",
    "stackit:intfloat/e5-mistral-7b-instruct",
]


@pytest.mark.data
@pytest.mark.parametrize("spec", EMBEDDINGS)
def test_embedding_models_are_embeddings(spec: str) -> None:
    assert llmdex.find(spec).kind is Kind.EMBEDDING


@pytest.mark.data
def test_every_embedding_model_of_the_named_labs_is_an_embedding() -> None:
    for pid in ("openai", "google", "mistral", "cohere"):
        for m in llmdex.models_of(pid).values():
            if "embed" in m.id:
                assert m.kind is Kind.EMBEDDING, m.spec
    voyage = [m for m in llmdex.models_of("vercel").values() if m.id.startswith("voyage/voyage-")]
    assert voyage and all(m.kind is Kind.EMBEDDING for m in voyage)
    assert llmdex.find("vercel:voyage/rerank-2.5").kind is Kind.RERANK


@pytest.mark.data
def test_shipped_date_fixes_are_in_the_catalog_with_provenance() -> None:
    assert str(llmdex.find("scaleway:qwen3-embedding-8b").release_date) == "2025-11-25"
    assert str(llmdex.find("azure:claude-haiku-4-5").knowledge) == "2025-02-28"
    assert llmdex.provenance("azure:claude-haiku-4-5")["knowledge"].patch == "10-dates.json#1"
    assert llmdex.provenance("openai:gpt-4o") == {}
    assert all(m.release_date.is_valid for m in llmdex.all_models())


# A user's own patches (llmdex regen --patches DIR)


def test_a_users_patches_go_on_from_ours_and_win(tmp_path: Path) -> None:
    ours = _patch_dir(
        tmp_path / "ours",
        [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 1}}, **R}],
    )
    theirs = _patch_dir(
        tmp_path / "theirs",
        [{"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 2}}, **R}],
    )
    patched = apply_patches(tiny_payload(), ours)
    patched = apply_patches(patched.payload, theirs, after=patched, label="theirs/")
    assert _rich(patched.payload)["cost"]["input"] == 2
    assert patched.provenance["acme:rich-1"]["cost.input"][0] == "theirs/00.json#0"
    assert [c.where for c in patched.changes] == ["00.json#0", "theirs/00.json#0"]


def test_in_a_users_catalog_ours_may_match_nothing_but_theirs_must(tmp_path: Path) -> None:
    stale = {"provider": "acme", "model": "gone", "set": {"name": "x"}, **R}
    root = _project(tmp_path, [stale])
    theirs = _patch_dir(tmp_path / "user", [stale])
    source = write_payload(tmp_path, tiny_payload())
    options = Options(source=str(source), root=root, write_lock=False, own=True, patches=theirs)
    with pytest.raises(PatchError, match=r"user/patches/00\.json: /patches/0 .* stale"):
        regen(options, out=tmp_path / "out", package="mine")
    assert not (tmp_path / "out" / "mine").exists()
    with pytest.raises(CuratedDataError, match="no such directory of patch files"):
        regen(replace(options, patches=tmp_path / "nope"), out=tmp_path / "out", package="mine")
    good = {"provider": "acme", "model": "rich-1", "set": {"cost": {"input": 0.25}}, **R}
    (theirs / "00.json").write_text(json.dumps({"patches": [good]}))
    report = regen(options, out=tmp_path / "out", package="mine")
    assert any(c.startswith("50-test.json#0 set: nothing") for c in report.changes), report.changes
    assert any(
        c.startswith(f"{theirs}/00.json#0 set: acme:rich-1 cost.input") for c in report.changes
    )
    shown = run_with_catalog(
        tmp_path / "out", "import mine; print(mine.find('acme:rich-1').cost.input)"
    )
    assert shown.stdout.strip() == "0.25", shown.stderr
