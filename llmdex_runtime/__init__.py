"""Hand-written runtime of the generated ``llmdex`` catalog.

The generated package imports this one and hands it its tables; this package never imports
the generated one.
"""

from llmdex_runtime.compare import Comparison
from llmdex_runtime.custom import CustomModel
from llmdex_runtime.dates import PartialDate
from llmdex_runtime.enums import Kind, Status
from llmdex_runtime.errors import (
    AmbiguousModelError,
    IncompatibleRuntimeError,
    InvalidDateError,
    InvalidModelError,
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
from llmdex_runtime.query import Selection
from llmdex_runtime.record import replace
from llmdex_runtime.registry import Registry
from llmdex_runtime.resolution import Resolution, Rule
from llmdex_runtime.spec import ModelSpec

SCHEMA_VERSION = 1
"""Version of the contract between this runtime and generated catalogs."""

__all__ = [
    "SCHEMA_VERSION",
    "AmbiguousModelError",
    "Comparison",
    "Cost",
    "CostTier",
    "CustomModel",
    "Experimental",
    "IncompatibleRuntimeError",
    "Interleaved",
    "InvalidDateError",
    "InvalidModelError",
    "InvalidSpecError",
    "Kind",
    "Limit",
    "LlmdexError",
    "Modalities",
    "Mode",
    "Model",
    "ModelNotFoundError",
    "ModelSpec",
    "PartialDate",
    "ProviderEnum",
    "ProviderOverride",
    "Rates",
    "ReasoningOption",
    "Registry",
    "Resolution",
    "Rule",
    "Selection",
    "Status",
    "TierCondition",
    "replace",
]
