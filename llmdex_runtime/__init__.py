"""Hand-written runtime of the generated ``llmdex`` catalog.

The generated package imports this one and hands it its tables; this package never imports
the generated one.
"""

from llmdex_runtime.dates import PartialDate
from llmdex_runtime.enums import Kind, Status
from llmdex_runtime.errors import (
    AmbiguousModelError,
    APIConnectionError,
    APIError,
    AuthenticationError,
    BadRequestError,
    ClientConfigError,
    ClientError,
    DeprecatedModelWarning,
    IncompatibleRuntimeError,
    InvalidDateError,
    InvalidModelError,
    InvalidSpecError,
    InvalidUsageError,
    LlmdexError,
    MalformedResponseError,
    MissingAPIKeyError,
    ModelNotFoundError,
    PriceUnknownError,
    RateLimitError,
    ServerError,
    UnsupportedProtocolError,
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
from llmdex_runtime.protocol import Protocol
from llmdex_runtime.provider import ProviderEnum
from llmdex_runtime.record import replace
from llmdex_runtime.registry import Registry
from llmdex_runtime.resolution import Resolution, Rule
from llmdex_runtime.spec import ModelSpec

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from llmdex_runtime.compare import Comparison
    from llmdex_runtime.custom import CustomModel
    from llmdex_runtime.pricing import CallCost, Usage
    from llmdex_runtime.query import Selection

# PEP 562: types of features a process may never use are imported on first access.
_LAZY = {
    "Comparison": "llmdex_runtime.compare",
    "CustomModel": "llmdex_runtime.custom",
    "Selection": "llmdex_runtime.query",
    "Usage": "llmdex_runtime.pricing",
    "CallCost": "llmdex_runtime.pricing",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SCHEMA_VERSION = 1
"""Version of the contract between this runtime and generated catalogs."""

__all__ = [
    "SCHEMA_VERSION",
    "APIConnectionError",
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ClientConfigError",
    "ClientError",
    "MalformedResponseError",
    "MissingAPIKeyError",
    "RateLimitError",
    "ServerError",
    "UnsupportedProtocolError",
    "AmbiguousModelError",
    "CallCost",
    "Comparison",
    "Cost",
    "CostTier",
    "CustomModel",
    "DeprecatedModelWarning",
    "Experimental",
    "IncompatibleRuntimeError",
    "Interleaved",
    "InvalidDateError",
    "InvalidModelError",
    "InvalidSpecError",
    "InvalidUsageError",
    "Kind",
    "Limit",
    "LlmdexError",
    "Modalities",
    "Mode",
    "Model",
    "ModelNotFoundError",
    "ModelSpec",
    "PartialDate",
    "PriceUnknownError",
    "Protocol",
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
    "Usage",
    "replace",
]
