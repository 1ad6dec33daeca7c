"""llmdex: every models.dev model as a typed constant, found without I/O.

This face is hand-written; the catalog's data is :mod:`llmdex.models`, which only the
generator writes. A name below is imported the first time a program reads it (PEP 562), so
``import llmdex`` costs almost nothing; type checkers see every name through the imports under
``TYPE_CHECKING``.

Example:
    >>> import llmdex
    >>> llmdex.find("openai:gpt-4o").limit.context
    128000
"""

from __future__ import annotations

from llmdex.facade import SHIPPED as _CATALOG
from llmdex.lazy import lazy_attributes as _lazy_attributes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from llmdex import models as models
    from llmdex.client import Client
    from llmdex.errors import (
        AmbiguousModelError,
        APIConnectionError,
        APIError,
        AuthenticationError,
        BadRequestError,
        ClientConfigError,
        ClientError,
        DatabaseError,
        DatabaseURLError,
        DeprecatedModelWarning,
        InvalidArgumentError,
        InvalidDateError,
        InvalidModelError,
        InvalidSpecError,
        InvalidUsageError,
        LlmdexError,
        MalformedResponseError,
        MissingAPIKeyError,
        ModelNotFoundError,
        ModelRetiredError,
        ModelRetiredWarning,
        PriceUnknownError,
        RateLimitError,
        RedirectError,
        ServerError,
        TooLargeError,
        UnsupportedProtocolError,
    )
    from llmdex.http.policy import HttpPolicy
    from llmdex.models._provider_enum import Provider
    from llmdex.past.log import Change, ModelHistory
    from llmdex.pricing.cost import CallCost
    from llmdex.pricing.usage import Usage
    from llmdex.records.about import CatalogInfo
    from llmdex.records.about import __version__ as __version__
    from llmdex.records.model import (
        Interleaved,
        Limit,
        Modalities,
        Model,
        PricedModel,
        ProviderInfo,
        ProviderOverride,
        ReasoningOption,
    )
    from llmdex.records.partial_date import PartialDate
    from llmdex.records.protocol import Protocol
    from llmdex.records.provenance import Provenance
    from llmdex.records.rates import Cost, CostTier, Experimental, Mode, Rates, TierCondition
    from llmdex.records.record import replace
    from llmdex.records.vocabulary import Kind, Status
    from llmdex.resolution.custom import CustomModel
    from llmdex.resolution.result import Resolution, Rule
    from llmdex.resolution.spec import ModelSpec
    from llmdex.views.comparison import Comparison
    from llmdex.views.reconciliation import Reconciliation
    from llmdex.views.selection import Selection

# The functions of the catalog this package ships; a catalog made by `llmdex regen` binds
# the same methods of its own.
all_models = _CATALOG.all_models
catalog = _CATALOG.catalog
catalog_info = _CATALOG.catalog_info
compare = _CATALOG.compare
explain = _CATALOG.explain
find = _CATALOG.find
history = _CATALOG.history
models_of = _CATALOG.models_of
parse_spec = _CATALOG.parse_spec
provenance = _CATALOG.provenance
resolve = _CATALOG.resolve


def reconcile(
    provider: str,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    client: Client | None = None,
) -> Reconciliation:
    """The catalog beside what ``provider``'s model-list API serves now (an HTTP call; needs
    ``llmdex[client]``): ids served but not listed, listed but not served, and prices and
    limits that differ where the API gives them.

    Example:
        >>> llmdex.reconcile("openai").live_only[:2]
        ('babbage-002', 'chatgpt-4o-latest')
    """
    from llmdex.views.reconciliation import reconcile as compared

    return compared(_CATALOG, provider, base_url=base_url, api_key=api_key, client=client)


_LAZY = {
    "llmdex.client": ("Client",),
    "llmdex.errors": (
        "APIConnectionError",
        "APIError",
        "AmbiguousModelError",
        "AuthenticationError",
        "BadRequestError",
        "ClientConfigError",
        "ClientError",
        "DatabaseError",
        "DatabaseURLError",
        "DeprecatedModelWarning",
        "InvalidArgumentError",
        "InvalidDateError",
        "InvalidModelError",
        "InvalidSpecError",
        "InvalidUsageError",
        "LlmdexError",
        "MalformedResponseError",
        "MissingAPIKeyError",
        "ModelNotFoundError",
        "ModelRetiredError",
        "ModelRetiredWarning",
        "PriceUnknownError",
        "RateLimitError",
        "RedirectError",
        "ServerError",
        "TooLargeError",
        "UnsupportedProtocolError",
    ),
    "llmdex.http.policy": ("HttpPolicy",),
    "llmdex.models._provider_enum": ("Provider",),
    "llmdex.past.log": ("Change", "ModelHistory"),
    "llmdex.pricing.cost": ("CallCost",),
    "llmdex.pricing.usage": ("Usage",),
    "llmdex.records.about": ("CatalogInfo", "__version__"),
    "llmdex.records.model": (
        "Interleaved",
        "Limit",
        "Modalities",
        "Model",
        "PricedModel",
        "ProviderInfo",
        "ProviderOverride",
        "ReasoningOption",
    ),
    "llmdex.records.rates": ("Cost", "CostTier", "Experimental", "Mode", "Rates", "TierCondition"),
    "llmdex.records.partial_date": ("PartialDate",),
    "llmdex.records.protocol": ("Protocol",),
    "llmdex.records.provenance": ("Provenance",),
    "llmdex.records.record": ("replace",),
    "llmdex.records.vocabulary": ("Kind", "Status"),
    "llmdex.resolution.custom": ("CustomModel",),
    "llmdex.resolution.result": ("Resolution", "Rule"),
    "llmdex.resolution.spec": ("ModelSpec",),
    "llmdex.views.comparison": ("Comparison",),
    "llmdex.views.reconciliation": ("Reconciliation",),
    "llmdex.views.selection": ("Selection",),
}
"""Where each public name that is not a function is defined; read on first use."""

__all__ = [
    "APIConnectionError",
    "APIError",
    "AmbiguousModelError",
    "AuthenticationError",
    "BadRequestError",
    "CallCost",
    "CatalogInfo",
    "Change",
    "Client",
    "ClientConfigError",
    "ClientError",
    "Comparison",
    "Cost",
    "CostTier",
    "CustomModel",
    "DatabaseError",
    "DatabaseURLError",
    "DeprecatedModelWarning",
    "Experimental",
    "HttpPolicy",
    "Interleaved",
    "InvalidArgumentError",
    "InvalidDateError",
    "InvalidModelError",
    "InvalidSpecError",
    "InvalidUsageError",
    "Kind",
    "Limit",
    "LlmdexError",
    "MalformedResponseError",
    "MissingAPIKeyError",
    "Modalities",
    "Mode",
    "Model",
    "ModelHistory",
    "ModelNotFoundError",
    "ModelRetiredError",
    "ModelRetiredWarning",
    "ModelSpec",
    "PartialDate",
    "PriceUnknownError",
    "PricedModel",
    "Protocol",
    "Provenance",
    "Provider",
    "ProviderInfo",
    "ProviderOverride",
    "RateLimitError",
    "Rates",
    "ReasoningOption",
    "Reconciliation",
    "RedirectError",
    "Resolution",
    "Rule",
    "Selection",
    "ServerError",
    "Status",
    "TierCondition",
    "TooLargeError",
    "UnsupportedProtocolError",
    "Usage",
    "all_models",
    "catalog",
    "catalog_info",
    "compare",
    "explain",
    "find",
    "history",
    "models_of",
    "parse_spec",
    "provenance",
    "reconcile",
    "replace",
    "resolve",
]

# `llmdex.db` is imported when first named, but not shown to type checkers here: following it
# would make every user's type check read the database code (`import llmdex.db` does).
if not TYPE_CHECKING:
    __getattr__, __dir__ = _lazy_attributes(__name__, _LAZY, ("db", "models"))
