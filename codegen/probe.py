"""Run by :mod:`codegen.verify` as ``python -S probe.py ROOT PACKAGE SOURCE_ROOT EXPECTED``.

Imports the candidate package ``PACKAGE`` from ``ROOT`` (its data in ``PACKAGE.models``)
with the hand-written ``llmdex`` from ``SOURCE_ROOT``, compiles every file of it (stubs
included) and imports every module (the history and name tables too, which a plain lookup
never reads), and checks that every provider and model round-trips to the expected payload
and is found by ``find``. Standard library only; it prints the first problem and exits 1.
"""

import importlib
import json
import sys
from pathlib import Path


def main() -> int:
    candidate_root, package, source_root, expected_path = sys.argv[1:5]
    sys.path[:0] = [candidate_root, source_root]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    top = importlib.import_module(package)
    if not (top.__file__ or "").startswith(candidate_root):
        print(f"imported {package} from {top.__file__}, not from the candidate")
        return 1
    from llmdex.facade import Catalog

    catalog = Catalog(f"{package}.models")
    enum = importlib.import_module(f"{package}.models._provider_enum")
    providers = {p.value: p for p in enum.Provider}
    if set(providers) != set(expected):
        print(f"providers differ: {sorted(set(providers) ^ set(expected))[:10]}")
        return 1
    for pid, raw in expected.items():
        provider = providers[pid]
        fields = {k: v for k, v in raw.items() if k != "models"}
        if provider.to_dict() != fields:
            print(f"provider {pid!r} does not round-trip: {provider.to_dict()} != {fields}")
            return 1
        module = importlib.import_module(f"{package}.models.{provider.module}")
        constants = {getattr(module, name).id: getattr(module, name) for name in module.__all__}
        if set(constants) != set(raw["models"]) or len(module.__all__) != len(raw["models"]):
            print(f"provider {pid!r}: the module's constants do not match the payload's models")
            return 1
        for mid, model_raw in raw["models"].items():
            model = constants[mid]
            if model.to_dict() != model_raw:
                print(f"model {pid}:{mid} does not round-trip:\n{model.to_dict()}\n{model_raw}")
                return 1
            if catalog.find(f"{pid}:{mid}") is not model or catalog.find(mid, pid) is not model:
                print(f"find does not return the constant of {pid}:{mid}")
                return 1
    problem = _import_everything(Path(str(top.__file__)).parent, package)
    if problem:
        print(problem)
        return 1
    print(json.dumps({"providers": len(providers), "models": catalog.catalog_info().models}))
    return 0


def _import_everything(directory: Path, package: str) -> str | None:
    # Every file compiles and every module imports: a module no lookup reads yet still runs
    # in some user's process one day.
    for path in sorted([*directory.rglob("*.py"), *directory.rglob("*.pyi")]):
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            return f"{path.relative_to(directory)} does not compile: {exc}"
        if path.suffix == ".py":
            parts = path.relative_to(directory).with_suffix("").parts
            module = parts[:-1] if parts[-1] == "__init__" else parts
            name = ".".join((package, *module))
            importlib.import_module(name)
    return None


if __name__ == "__main__":
    sys.exit(main())
