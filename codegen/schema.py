"""`make schema`: the payload's JSON Schema and validators, from the runtime's record types.

The runtime records (:mod:`llmdex.records.model`) are the one description of a models.dev
object. From their annotations this module writes ``data_sources/models_dev.schema.json``
(descriptions from the records' docstrings); datamodel-code-generator turns that schema into
the pydantic validators of ``codegen/upstream.py``. ``data_sources/patches.schema.json`` is
written from :class:`codegen.patch.PatchFile`, so editors validate and complete patch files.
"""

from __future__ import annotations

import ast
import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from llmdex.records import model as runtime
from llmdex.records import rates
from llmdex.records.payload import PayloadRecord, Shape, payload_fields

from .formatting import format_python

SCHEMA = Path("data_sources/models_dev.schema.json")
OUTPUT = Path("codegen/upstream.py")
SCHEMA_ID = "https://github.com/llmdex/llmdex/data_sources/models_dev.schema.json"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"

_ARGS = [
    "--input-file-type=jsonschema",
    "--output-model-type=pydantic_v2.BaseModel",
    "--target-python-version=3.11",
    "--disable-timestamp",
    # Unknown fields are kept, so the report can list them and records' extra can carry them.
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


def payload_schema() -> dict[str, Any]:
    """The JSON Schema of a models.dev payload, derived from the runtime's records."""
    docs = _docstrings(Path(runtime.__file__)) | _docstrings(Path(rates.__file__))
    definitions: dict[str, Any] = {
        "Price": {"description": "USD per million tokens.", "type": "number", "minimum": 0},
        "Date": {
            "description": "YYYY-MM or YYYY-MM-DD.",
            "type": "string",
            "pattern": DATE_PATTERN,
        },
    }
    pending: list[type[PayloadRecord]] = [runtime.ProviderInfo, runtime.Model]
    while pending:
        cls = pending.pop()
        name = cls.__name__
        if name in definitions:
            continue
        properties: dict[str, Any] = {}
        required: list[str] = []
        for spec in payload_fields(cls):
            prop = _type(spec.shape, definitions, pending)
            if spec.minimum is not None:
                prop["minimum"] = spec.minimum
            doc = docs.get((name, spec.name))
            if doc:
                prop["description"] = doc
            properties[spec.key] = prop
            if spec.required:
                required.append(spec.key)
        if cls is runtime.ProviderInfo:
            properties["models"] = {
                "type": "object",
                "additionalProperties": {"$ref": "#/$defs/Model"},
            }
            required.append("models")
        definitions[name] = {
            "title": name,
            "description": docs.get((name, ""), ""),
            "type": "object",
            "properties": properties,
            "additionalProperties": True,
            "required": required,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Payload",
        "description": (
            "The models.dev api.json payload: providers keyed by id. Objects allow fields this "
            "schema does not name; the generator keeps them. Written by `make schema` from "
            "src/llmdex/records/model.py; do not edit by hand."
        ),
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/ProviderInfo"},
        "$defs": dict(sorted(definitions.items())),
    }


def _type(shape: Shape, definitions: dict[str, Any], pending: list[type[PayloadRecord]]) -> Any:
    kind = shape.kind
    if kind == "scalar":
        names = {str: "string", int: "integer", float: "number", bool: "boolean"}
        return {"type": names[shape.target]} if shape.target in names else {}
    if kind == "decimal":
        return {"$ref": "#/$defs/Price"}
    if kind == "date":
        return {"$ref": "#/$defs/Date"}
    if kind == "enum":
        name = shape.target.__name__
        definitions.setdefault(
            name, {"title": name, "type": "string", "enum": [m.value for m in shape.target]}
        )
        return {"$ref": f"#/$defs/{name}"}
    if kind == "record":
        pending.append(shape.target)
        return {"$ref": f"#/$defs/{shape.target.__name__}"}
    if kind == "tuple":
        item = _type(shape.items[0], definitions, pending)
        if shape.items[0].optional:
            item = {"anyOf": [item, {"type": "null"}]}
        return {"type": "array", "items": item}
    if kind == "mapping":
        values = _type(shape.items[0], definitions, pending)
        return {"type": "object", "additionalProperties": values}
    return {"anyOf": [_type(branch, definitions, pending) for branch in shape.items]}


def _docstrings(path: Path) -> dict[tuple[str, str], str]:
    # (class, field) -> the docstring under the field; (class, "") -> the class's first line.
    found: dict[tuple[str, str], str] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        doc = ast.get_docstring(node)
        if doc:
            found[(node.name, "")] = doc.split("\n\n")[0].replace("\n", " ")
        body = node.body
        for statement, following in itertools.pairwise(body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                text = following.value.value.strip().split("\n\n")[0]
                found[(node.name, statement.target.id)] = " ".join(text.split())
    return found


def write_payload_schema(root: Path) -> Path:
    """Write the payload's JSON Schema; return its path."""
    path = root / SCHEMA
    path.write_text(json.dumps(payload_schema(), indent=2) + "\n", encoding="utf-8")
    return path


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
    format_python(root / OUTPUT)
    return root / OUTPUT


def write_patch_schema(root: Path) -> Path:
    """Write the JSON Schema of patch files; return its path."""
    from .patch import SCHEMA, PatchFile

    schema = PatchFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    path = root / SCHEMA
    path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
