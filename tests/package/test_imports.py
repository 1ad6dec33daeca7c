"""What ``import llmdex`` and a first ``find()`` load: only modules the design needs.

A fresh interpreter imports llmdex, finds one model, and lists the modules that appeared. Each
module allowed is named here with why; anything else (``typing``, ``dataclasses``, ``re``,
``json``, the history, the client, a database driver) fails the test. Not timed: the time is
``make bench``'s business.
"""

from __future__ import annotations

import ast
import subprocess
import sys

ALLOWED = {
    # The package, its data for the provider asked for, and the code a lookup runs.
    "llmdex": "the package",
    "llmdex.models": "the data package: provider modules and tables",
    "llmdex.models.openai": "the provider the spec names",
    "llmdex.records": "the package of record types",
    "llmdex.resolution": "the package of resolution rules",
    "llmdex.records.partial_date": "release dates are PartialDate values in every record",
    "llmdex.records.vocabulary": "Kind and Status, fields of every record",
    "llmdex.errors": "the catalog raises them",
    "llmdex.lazy": "the lazy attributes of the package",
    "llmdex.records.model": "the records",
    "llmdex.records.rates": "the price records, fields of every priced model",
    "llmdex.records.payload": "the records' models.dev mapping (their base class)",
    "llmdex.records.protocol": "a field of provider records",
    "llmdex.records.record": "the record decorator",
    "llmdex.records.inits": "the records' __init__s, written by `make schema` so none is compiled",
    "llmdex.facade": "find() and the other functions",
    "llmdex.resolution.tables": "the reader of the data package's tables",
    "llmdex.resolution.rules": "the resolution order, which the catalog is made with",
    "llmdex.resolution.result": "find() returns a model and can explain how",
    "llmdex.resolution.spec": "the spec grammar",
    # The standard library.
    "decimal": "prices are exact decimals in every priced record",
    "_decimal": "decimal's C implementation",
    "numbers": "imported by decimal",
    "enum": "Kind, Status, Protocol and Rule are enums: users iterate, match and type-check them",
    "types": "imported by enum",
    "functools": "imported by enum",
    "_functools": "imported by functools",
    "operator": "imported by enum",
    "_operator": "imported by operator",
    "collections": "imported by functools and decimal",
    "_collections": "imported by collections",
    "collections.abc": "imported by collections",
    "keyword": "imported by collections",
    "itertools": "imported by collections",
    "reprlib": "imported by collections",
    "__future__": "every module has `from __future__ import annotations`",
}

FORBIDDEN = (
    "typing",
    "dataclasses",
    "re",
    "json",
    "inspect",
    "importlib",
    "warnings",
    "requests",
    "sqlite3",
    "psycopg",
)


def test_import_and_a_first_find_load_only_allowed_modules() -> None:
    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import llmdex\n"
        "llmdex.find('openai:gpt-4o')\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(done.stdout))
    assert sorted(loaded - set(ALLOWED)) == []
    assert not {name for name in loaded if name.split(".")[0] in FORBIDDEN}
    assert not {name for name in loaded if "history" in name or "client" in name}
