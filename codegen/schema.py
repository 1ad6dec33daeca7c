"""`make schema`: the pydantic models of the payload, and the JSON Schema of patch files.

``codegen/upstream.py`` is generated from ``data_sources/models_dev.schema.json`` by
datamodel-code-generator; ``data_sources/patches.schema.json`` is written from
:class:`codegen.patch.PatchFile`, so editors validate and complete patch files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCHEMA = Path("data_sources/models_dev.schema.json")
OUTPUT = Path("codegen/upstream.py")

_ARGS = [
    "--input-file-type=jsonschema",
    "--output-model-type=pydantic_v2.BaseModel",
    "--target-python-version=3.11",
    "--disable-timestamp",
    # Unknown fields are kept, so the report can list them and Model.extra can carry them.
    "--extra-fields=allow",
    # No coercion: "128k" must not become a number, nor true a 1.
    "--strict-types",
    "str",
    "int",
    "float",
    "bool",
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-double-quotes",
    "--use-schema-description",
    "--use-field-description",
    "--formatters",
    "ruff-format",
]


def write_upstream_models(root: Path) -> Path:
    """Run datamodel-code-generator on the schema and return the path it wrote."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            f"--input={root / SCHEMA}",
            f"--output={root / OUTPUT}",
            *_ARGS,
        ],
        check=True,
    )
    # datamodel-codegen leaves imports unsorted; make the file lint-clean on its own.
    ruff = [sys.executable, "-m", "ruff"]
    settings = ["--isolated", "--line-length=100", "--target-version=py311"]
    subprocess.run(
        [*ruff, "check", "--select=I", "--fix", "--quiet", *settings, str(root / OUTPUT)],
        check=True,
    )
    subprocess.run([*ruff, "format", "--quiet", *settings, str(root / OUTPUT)], check=True)
    return root / OUTPUT


def write_patch_schema(root: Path) -> Path:
    """Write the JSON Schema of patch files; return its path."""
    from codegen.patch import SCHEMA, PatchFile

    schema = PatchFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    path = root / SCHEMA
    path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
