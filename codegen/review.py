"""The security review of a regen: where each provider's key can go, and what changed there.

models.dev is edited by the public, and the client sends a provider's key to the base URL the
catalog gives, read from the variables the catalog names. So before anything is written:

- **Key variables** (on the patched payload): a provider may list a variable that
  ``data_sources/grants.json`` gives to other providers only if that file gives it to it
  too; otherwise the variable is withheld from it (``groq`` listing ``OPENAI_API_KEY`` never
  reads the OpenAI key). A variable no provider had before goes to those that list it.
- **Base URLs** (on the derived records): a provider's or model's base URL is ``https``, or
  ``http`` to a loopback host, or starts with a ``${VARIABLE}`` the user sets; a model's URL
  has its provider's host, or one ``data_sources/endpoints.json`` lists for that provider
  with a reason. Anything else is withheld: the record has no base URL, so the client asks
  the caller for one instead of sending the key there.

Each withheld value is a line of the regen report's security section, which also lists new
providers and changed base URLs and key variables against the history's previous payload.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import AnyUrl, Field

from llmdex.http.origins import is_private
from llmdex.records.record import replace

from .curated import Strict, read_curated
from .grants import GRANTS, Grants
from .normalize import CatalogPlan, ModelPlan, ProviderPlan

ENDPOINTS = Path("data_sources/endpoints.json")
_PLACEHOLDER = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")


class HostAllowance(Strict):
    """Hosts a provider's models may send its key to besides the provider's own."""

    provider: str = Field(min_length=1)
    hosts: list[str] = Field(min_length=1)
    """Host names; ``*`` stands for a ``${VARIABLE}`` part the user sets."""
    reason: str = Field(min_length=1)
    source: AnyUrl


class EndpointFile(Strict):
    """``data_sources/endpoints.json``."""

    comment: str | None = Field(default=None, alias="$comment")
    hosts: list[HostAllowance]


def load_endpoints(root: Path) -> dict[str, frozenset[str]]:
    """Provider id -> the extra hosts its models may use (a missing file allows none)."""
    allowed: dict[str, frozenset[str]] = {}
    if not (root / ENDPOINTS).exists():
        return allowed
    for entry in read_curated(root / ENDPOINTS, EndpointFile).hosts:
        allowed[entry.provider] = allowed.get(entry.provider, frozenset()) | set(entry.hosts)
    return allowed


@dataclass(frozen=True, slots=True)
class KeyReview:
    """The payload with withheld variables taken out, who holds each variable, and why."""

    payload: dict[str, Any]
    holders: dict[str, set[str]]
    """Key variable -> the providers that list it after the review."""
    findings: list[str]


def review_keys(payload: Mapping[str, Any], grants: Grants) -> KeyReview:
    """Withhold every key variable a provider lists that the grants give to others only."""
    listing: dict[str, set[str]] = {}
    for pid, provider in payload.items():
        for variable in provider.get("env") or ():
            listing.setdefault(variable, set()).add(pid)
    withheld: dict[str, set[str]] = {}
    findings = []
    for variable, pids in sorted(listing.items()):
        given = grants.key_variables.get(variable)
        if given is None:
            if grants.key_variables:  # the first regen gives every variable; say nothing
                findings.append(
                    f"key variable {variable!r} is new, given to {', '.join(sorted(pids))}"
                )
            continue
        for pid in sorted(pids - given):
            withheld.setdefault(pid, set()).add(variable)
            findings.append(
                f"withheld: {pid!r} lists the key variable {variable!r}, which is given to "
                f"{', '.join(sorted(given))}; if {pid!r} documents it, add {pid!r} to "
                f"/key_variables/{variable} in {GRANTS}"
            )
    reviewed = dict(payload)
    for pid, variables in withheld.items():
        env = [v for v in payload[pid]["env"] if v not in variables]
        reviewed[pid] = {**payload[pid], "env": env}
    holders = {
        variable: {pid for pid in pids if variable not in withheld.get(pid, set())}
        for variable, pids in listing.items()
    }
    return KeyReview(reviewed, holders, findings)


def review_endpoints(
    plan: CatalogPlan, allowed: Mapping[str, frozenset[str]]
) -> tuple[CatalogPlan, list[str]]:
    """The plan with every base URL the rules refuse withheld, and a line for each."""
    findings: list[str] = []
    providers = []
    for provider in plan.providers:
        info = provider.info
        if info.base_url is not None and (why := _unsafe(info.base_url)) is not None:
            findings.append(f"withheld: provider {info.id!r} base URL {info.base_url!r} {why}")
            info = replace(info, base_url=None)
        own = _host(info.base_url) if info.base_url is not None else None
        hosts = allowed.get(info.id, frozenset()) | ({own} if own is not None else set())
        models = []
        for entry in provider.models:
            model = entry.model
            url = model.base_url
            why = None if url is None else _unsafe(url)
            if url is not None and why is None and _host(url) not in hosts:
                why = (
                    f"sends the {info.id} key to {_host(url)!r}, not its provider's host; if "
                    f"that is right, list the host for {info.id!r} in {ENDPOINTS}"
                )
            if why is not None:
                findings.append(f"withheld: {model.spec!r} base URL {url!r} {why}")
                model = replace(model, base_url=None)
            models.append(ModelPlan(entry.constant, model))
        providers.append(ProviderPlan(provider.member, info, tuple(models)))
    return CatalogPlan(tuple(providers)), findings


def _unsafe(url: str) -> str | None:
    # Why a base URL may not carry a key, or None. A URL that starts with a placeholder is
    # the user's own setting, checked by the client when it fills it in.
    if url.startswith("${"):
        return None
    if any(char.isspace() or not char.isprintable() for char in url):
        return "holds spaces or control characters"
    filled = _PLACEHOLDER.sub("x", url)
    if "@" in urlsplit(filled).netloc:
        return "holds credentials"
    if is_private(filled):
        return None
    return "is not https (plain http is allowed only to a loopback host)"


def _host(url: str) -> str:
    # The host as a pattern: a ${VARIABLE} part is `*`.
    return (urlsplit(_PLACEHOLDER.sub("*", url)).hostname or "").lower()


def security_changes(
    before: Mapping[str, Mapping[str, Any]], payload: Mapping[str, Any]
) -> list[str]:
    """New providers, changed base URLs (of providers and of models) and changed key
    variables, against ``before``: the history's previous payload as entities (provider id,
    or ``provider:model``, -> its object); nothing when there is none."""
    if not before:
        return []
    found = []
    for pid, provider in sorted(payload.items()):
        old = before.get(pid)
        api, env = provider.get("api"), provider.get("env") or []
        if old is None:
            found.append(f"new provider {pid!r}: base URL {api!r}, key variables {env!r}")
        else:
            if old.get("api") != api:
                found.append(f"provider {pid!r} base URL changed: {old.get('api')!r} -> {api!r}")
            if (old.get("env") or []) != env:
                found.append(
                    f"provider {pid!r} key variables changed: {old.get('env') or []!r} -> {env!r}"
                )
        for mid, model in sorted(provider.get("models", {}).items()):
            url = _model_api(model)
            was = before.get(f"{pid}:{mid}")
            if url != (_model_api(was) if was is not None else None):
                old_url = _model_api(was) if was is not None else None
                found.append(f"model {pid}:{mid} base URL changed: {old_url!r} -> {url!r}")
    return found


def _model_api(model: Mapping[str, Any]) -> Any:
    override = model.get("provider")
    return override.get("api") if isinstance(override, Mapping) else None
