"""Hand-written runtime of the generated ``llmdex`` catalog.

The generated package imports this one and hands it its tables; this package never imports
the generated one.
"""

from llmdex_runtime.dates import PartialDate
from llmdex_runtime.enums import Kind, Status
from llmdex_runtime.errors import (
    AmbiguousModelError,
    IncompatibleRuntimeError,
    InvalidDateError,
    InvalidSpecError,
    LlmdexError,
    ModelNotFoundError,
)
from llmdex_runtime.model import (
    Cost,
    CostTier,
    Experimental,
    Interleaved,
    Limit,
    Modalities,
    Mode,
    Model,
    ProviderOverride,
    Rates,
    ReasoningOption,
    TierCondition,
)
from llmdex_runtime.provider import ProviderEnum
from llmdex_runtime.record import replace
from llmdex_runtime.registry import Registry

SCHEMA_VERSION = 1
"""Version of the contract between this runtime and generated catalogs."""

__all__ = [
    "SCHEMA_VERSION",
    "AmbiguousModelError",
    "Cost",
    "CostTier",
    "Experimental",
    "IncompatibleRuntimeError",
    "Interleaved",
    "InvalidDateError",
    "InvalidSpecError",
    "Kind",
    "Limit",
    "LlmdexError",
    "Modalities",
    "Mode",
    "Model",
    "ModelNotFoundError",
    "PartialDate",
    "ProviderEnum",
    "ProviderOverride",
    "Rates",
    "ReasoningOption",
    "Registry",
    "Status",
    "TierCondition",
    "replace",
]
