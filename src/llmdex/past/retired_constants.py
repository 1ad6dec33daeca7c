"""Constants of models a provider no longer lists: still importable, with a warning.

A data release that drops a model must not break ``from llmdex.models.google import
GEMINI_1_5_PRO``. Each provider module lists the constants of its retired models and, on
first use of one (PEP 562 ``__getattr__``), asks this module for the model as the history
last listed it; it warns once with :class:`~llmdex.errors.ModelRetiredWarning` and keeps the
answer in the module, so later reads cost an attribute lookup.
"""

from __future__ import annotations

import sys
import warnings

from llmdex.errors import ModelRetiredWarning
from llmdex.lazy import import_module

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from llmdex.facade import Catalog
    from llmdex.records.model import Model


def retired_constant(module: str, pid: str, retired: Mapping[str, str], name: str) -> Model:
    """The model ``name`` names in ``module``, provider ``pid``'s (one the catalog may no
    longer list), as last listed; raises ``AttributeError`` for a name it never had."""
    mid = retired.get(name)
    if mid is None:
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    package = module.rpartition(".models.")[0]
    catalog: Catalog = import_module(package)._CATALOG
    log = catalog.past.log
    gone = log.retired(pid, mid)
    model = None if gone is None else log.model(pid, mid, gone.last_seen)
    if gone is None or model is None:
        raise AttributeError(f"{module}.{name}: the history of {pid}:{mid} is missing")
    successor = f"; its successor is {gone.successor}" if gone.successor else ""
    warnings.warn(
        ModelRetiredWarning(
            f"{module}.{name} is {pid}:{mid} as last listed on {gone.last_seen}: {pid} no "
            f"longer lists it{successor}"
        ),
        stacklevel=3,
    )
    setattr(sys.modules[module], name, model)  # later reads are plain attribute reads
    return model
