"""`make schema`: write :mod:`codegen.upstream` from ``data_sources/models_dev.schema.json``."""

from __future__ import annotations

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
    return root / OUTPUT
