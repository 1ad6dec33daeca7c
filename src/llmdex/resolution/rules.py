"""The resolution order of today's catalog: one order, on tables only.

The order (README, "Resolution"):

1. Within a provider, the first of: the exact id; a curated alias (one documented for a
   model the catalog lacks stops here, not found); a dated alias (a dated
   family's base name or ``base-latest`` -> its newest release); a vendor prefix (at a
   provider whose ids are ``vendor/model``, ``model`` -> that id); an id prefix the
   provider's API accepts (Bedrock ``us.``, Vertex ``publishers/*/models/``), taken off; a
   snapshot (a dated id the provider does not list -> the listed model it is a snapshot
   of, unless a provider pricing that model alike lists the snapshot at another price:
   :class:`AmbiguousModelError`); another spelling of one id (``spelling``: aliases the
   generator derives, and a version tag taken off: :mod:`llmdex.resolution.spellings`); the
   id or alias ignoring case.
2. A bare id, among the providers that serve it by rule 1: the first of ``prefer=`` that
   serves it; else the provider that makes the model (``data_sources/first_party.json``,
   or the vendor a ``vendor/model`` name starts with), unless the name is a vendor's
   namespace (``qwen/``) that hosts list open weights under, priced apart from the maker's
   (the one such host, or :class:`AmbiguousModelError`); else, where the maker no longer
   lists it, :class:`RetiredByMakerError` (a ``ModelRetiredError`` from the facade), or
   documents the name for a model the catalog lacks, :class:`ModelNotFoundError`; else
   the one provider that lists it exactly, or the only one that serves it at all; else
   :class:`AmbiguousModelError`.
3. Nothing: :class:`ModelNotFoundError` with up to five close specs, the provider's (for a
   bare name, its maker's by the first-party patterns) first.

Every table comes from :class:`~llmdex.resolution.tables.CatalogTables`; a provider's module
is imported only once a model of it is returned.
"""

from __future__ import annotations

from decimal import Context

from llmdex.errors import (
    AmbiguousModelError,
    InvalidArgumentError,
    InvalidSpecError,
    ModelNotFoundError,
    RetiredByMakerError,
    warn_deprecated,
)
from llmdex.records.model import Model
from llmdex.records.record import Record, record
from llmdex.resolution.result import Resolution, Rule
from llmdex.resolution.spec import ModelSpec, provider_key, split_spec

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from decimal import Decimal

    from llmdex.records.model import ProviderInfo
    from llmdex.resolution.suggest import NameScan, Suggester
    from llmdex.resolution.tables import CatalogTables

_SUGGESTIONS = 5
_QUALITY = {  # how directly a rule names a model: candidates are listed best first
    Rule.EXACT: 0,
    Rule.CURATED_ALIAS: 1,
    Rule.DATED_ALIAS: 2,
    Rule.VENDOR_PREFIX: 3,
    Rule.ID_PREFIX: 4,
    Rule.SNAPSHOT: 5,
    Rule.SPELLING: 6,
    Rule.CASE_INSENSITIVE: 7,
}


@record
class _Hit(Record):
    """What rule 1 found in one provider: the model id, the rules that fired, and why."""

    target: str
    rules: tuple[Rule, ...]
    steps: tuple[str, ...]

    def then(self, rule: Rule, step: str) -> _Hit:
        """This hit, reached by one more rule first."""
        return _Hit(target=self.target, rules=(rule, *self.rules), steps=(step, *self.steps))


class Rules:
    """Today's resolution order over one catalog's tables.

    Example:
        >>> Rules(CatalogTables("llmdex.models")).explain("gpt-4o", None, None, 0).model.spec
        'openai:gpt-4o'
    """

    __slots__ = ("_scans", "_suggester", "_tables")

    def __init__(self, tables: CatalogTables) -> None:
        self._tables = tables
        self._suggester: Suggester | None = None
        self._scans: dict[str, NameScan] = {}
        """Provider id -> its names and aliases, ready to suggest from."""

    # -- providers -------------------------------------------------------------------------

    def provider(self, name: object, argument: tuple[str, str] | None = None) -> ProviderInfo:
        """The provider ``name`` names: its id ignoring case and ``_``/``-``, or a dialect name.

        ``argument`` (function, parameter) names where a caller gave ``name`` alone, for the
        error; without it ``name`` came inside a spec.
        """
        pid = self.provider_id(name) if isinstance(name, str) else None
        if pid is not None:
            return self._tables.providers[pid]
        if argument is not None:
            close = self._close_providers(name) if isinstance(name, str) else ()
            hint = f"; did you mean {', '.join(close)}?" if close else "; ids look like 'openai'"
            if not isinstance(name, str):
                hint = "; give a provider id such as 'openai'"
            raise InvalidArgumentError(*argument, name, f"no such provider{hint}")
        raise InvalidSpecError(
            name, "unknown_provider", f"no provider {name!r}", self._close_providers(str(name))
        )

    def provider_id(self, name: str) -> str | None:
        """The id of the provider ``name`` names, or ``None``."""
        name = name.strip()
        if name in self._tables.modules:
            return name
        return self._tables.provider_keys.get(provider_key(name))

    def models_of(self, provider: str) -> Mapping[str, Model]:
        """Every model of the provider ``provider`` names, by id (imports its module once)."""
        models = self._tables.loaded(provider) if isinstance(provider, str) else None
        if models is None:
            models = self._tables.models_of(self.provider(provider, ("models_of", "provider")).id)
        return models

    # -- resolution ------------------------------------------------------------------------

    def explain(
        self, spec: object, provider: str | None, prefer: Sequence[str] | None, depth: int
    ) -> Resolution:
        """The model ``spec`` names today, with the rules that fired.

        ``depth`` is the number of frames from here to the user's call, for the warning a
        deprecated model reached by an alias gives (0: no warning).
        """
        if isinstance(spec, Model) and provider is None:
            return Resolution(requested=spec.spec, model=spec, rules=(Rule.EXACT,), steps=())
        if prefer is not None:
            from llmdex.arguments import as_names

            prefer = as_names("find", "prefer", prefer)
        if provider is not None:
            self.provider(provider, ("find", "provider"))
        parsed, named = (
            self.split(spec) if provider is None else self._with_provider(spec, provider)
        )
        if parsed.provider is None:
            resolution = self._bare(parsed.id, prefer)
        else:
            hit = self._within(parsed.provider, parsed.id)
            if hit is None:
                raise self._not_found(parsed.id, parsed.provider)
            rules = tuple(r for r in hit.rules if r is not Rule.EXACT) or (Rule.EXACT,)
            steps = hit.steps
            if named is not None and self._is_dialect(named, parsed.provider):
                rules = (Rule.DIALECT, *rules)
                steps = (self._dialect_step(named, parsed.provider), *steps)
            model = self.models_of(parsed.provider)[hit.target]
            resolution = Resolution(requested=str(parsed), model=model, rules=rules, steps=steps)
        if depth and resolution.model.is_deprecated and not resolution.exact:
            spec = resolution.model.spec
            why = f"{resolution.requested!r} resolved to {spec}, which is deprecated"
            warn_deprecated(spec, f"{why}; name a current model", stacklevel=depth)
        return resolution

    def split(self, spec: object) -> tuple[ModelSpec, str | None]:
        """The parsed spec, and the provider name as written where the spec names one."""
        try:
            return split_spec(spec, self.provider_id, self._is_name)
        except InvalidSpecError as exc:
            if exc.code != "unknown_provider":
                raise
            name = spec[0] if isinstance(spec, tuple) else str(spec).strip().partition(":")[0]
            close = self._close_providers(str(name))
            if not close:
                raise
            raise InvalidSpecError(spec, exc.code, f"no provider {name!r}", close) from None

    def _with_provider(self, spec: object, provider: str) -> tuple[ModelSpec, str | None]:
        if not isinstance(spec, str):
            raise InvalidSpecError(spec, "invalid_format", "with provider=, the spec is an id")
        parsed, _ = self.split((provider, spec))
        return parsed, provider

    def _within(
        self, pid: str, name: str, *, derived: bool = True, move: bool = True
    ) -> _Hit | None:
        """Rule 1 in one provider, on tables only: no provider module is imported here."""
        # A provider whose module is loaded answers from it; others from the owners table.
        loaded = self._tables.loaded(pid)
        listed = name in loaded if loaded is not None else pid in self._tables.owners.get(name, ())
        if listed:
            return _Hit(target=name, rules=(Rule.EXACT,), steps=())
        names = self._tables.names_of(pid)
        entry = names.aliases.get(name)
        if entry is not None:
            return _alias_hit(pid, name, entry)
        if name in names.unlisted:
            # The provider says which model the name means, and the catalog lacks it: no
            # rule may guess another release (the not-found says so).
            return None
        clash = names.clashes.get(name)
        if clash is not None:
            from llmdex.resolution.dated_ids import split_dated

            dated = all((split_dated(t) or ("",))[0] == name for t in clash)
            why = (
                f"releases of {name!r} are priced differently, so a name without their date"
                f" could mean any; {name}-latest means the newest"
                if dated
                else f"several ids of {pid} end with it"
            )
            raise AmbiguousModelError(name, [f"{pid}:{t}" for t in clash], why)
        if not derived:
            return None
        for prefix in self._tables.id_prefixes.get(pid, ()):
            rest = _strip_prefix(prefix, name)
            found = None if rest is None else self._within(pid, rest, derived=False)
            if found is not None:
                assumed = self._priced_alike(pid, name, prefix, found.target)
                step = f"{pid}: takes the prefix {prefix!r} off{assumed}"
                return found.then(Rule.ID_PREFIX, step)
        snapshot = self._snapshot(pid, name) or self._latest(pid, name)
        if snapshot is not None:
            return snapshot
        from llmdex.resolution.spellings import untagged, version_moved

        bare = untagged(name)
        found = None if bare is None else self._within(pid, bare, derived=False)
        # Only onto an id listed as such: a tag taken off must not reach an alias's guess.
        if found is not None and bare is not None and found.rules == (Rule.EXACT,):
            step = f"{pid}: lists {name!r} without its version tag, as {bare!r}"
            return found.then(Rule.SPELLING, step)
        for moved in version_moved(name) if move else ():
            # One move per lookup: a hostile name of many versions must not branch on.
            found = self._within(pid, moved, move=False)
            if found is not None:
                step = f"{pid}: {name!r} is {moved!r}, its version after the model's name"
                return found.then(Rule.SPELLING, step)
        canonical = self._case_of(pid, name)
        if canonical is not None:
            found = self._within(pid, canonical, derived=False)
            if found is not None:
                step = f"{pid}: {name!r} matches {canonical!r} ignoring case"
                return found.then(Rule.CASE_INSENSITIVE, step)
        return None

    def _priced_alike(self, pid: str, name: str, prefix: str, target: str) -> str:
        # A geography the provider does not list for this model (Bedrock's apac.) may be priced
        # on its own (LiteLLM: Nova Pro in eu. at +31%, global. below the bare id): its prefix
        # is only taken off where the provider lists the model in another geography, and every
        # such listing costs what the bare id does. Returns what the answer assumed, for
        # explain().
        if prefix not in self._tables.regional_prefixes.get(pid, ()):
            return ""
        models = self._tables.models_of(pid)
        base = models[target]
        variants = [
            f"{other}{target}"
            for other in self._tables.id_prefixes.get(pid, ())
            if "*" not in other and f"{other}{target}" in models
        ]
        differ = [v for v in variants if models[v].cost != base.cost]
        if differ or not variants:
            why = (
                f"and {', '.join(differ)} is priced otherwise than {target}"
                if differ
                else f"nor {target} in another geography: a geography may be priced on its own"
            )
            raise AmbiguousModelError(
                name,
                [f"{pid}:{target}", *(f"{pid}:{v}" for v in variants)],
                f"{pid} lists no {prefix!r} variant of it, {why}",
            )
        return f", assumed priced as {target} ({pid} lists {', '.join(variants)} at its price)"

    def _snapshot(self, pid: str, name: str) -> _Hit | None:
        # A dated id the provider does not list -> the undated model it lists (or lists
        # behind a vendor prefix); never another dated release.
        from llmdex.resolution.dated_ids import split_dated

        dated = split_dated(name)
        if dated is None:
            return None
        found = self._within(pid, dated[0], derived=False)
        if found is None or found.rules not in {(Rule.EXACT,), (Rule.VENDOR_PREFIX,)}:
            return None
        if self._dated_after_the_catalog(dated[1], self._tables.models_of(pid)[found.target]):
            return None
        self._snapshot_priced_alike(pid, name, dated[0], found.target)
        step = (
            f"{pid}: {name!r} is a snapshot of {found.target!r}, assumed priced as it (no "
            f"provider that prices the model as {pid} does lists the snapshot at another price)"
        )
        return found.then(Rule.SNAPSHOT, step)

    def _latest(self, pid: str, name: str) -> _Hit | None:
        # "gpt-5-chat-latest" at a provider that lists gpt-5-chat and no dated release of it
        # (a family would have made -latest an alias): the one release it serves.
        base = name.removesuffix("-latest")
        found = None if base in ("", name) else self._within(pid, base, derived=False)
        if found is None or found.rules != (Rule.EXACT,):
            return None
        self._snapshot_priced_alike(pid, name, base, found.target)
        step = f"{pid}: lists {base!r} and no dated release of it, so {name!r} is it"
        return found.then(Rule.SPELLING, step)

    def _dated_after_the_catalog(self, date: tuple[int, int, int], base: Model | None) -> str:
        # A snapshot dated after the payload is a release the catalog cannot describe
        # (deepseek-v4-pro-0813 beside a deepseek-v4-pro of April, in a July catalog): the
        # undated model's price is an older release's. A date without its year (-MMDD) is
        # the first such day on or after the undated model's release. Returns the date, or "".
        year, month, day = date
        released = str(base.release_date or "") if base is not None else ""
        if not year:
            if len(released) < 10 or not month:
                return ""
            year = int(released[:4]) + ((month, day) < (int(released[5:7]), int(released[8:10])))
        stated = f"{year:04}-{month or 1:02}-{day or 1:02}"
        return stated if stated > str(self._tables.about["date"]) else ""

    def _not_found(self, name: str, pid: str | None) -> ModelNotFoundError:
        from llmdex.resolution.dated_ids import split_dated

        dated = split_dated(name)
        after = ""
        if dated is not None:
            hit = None if pid is None else self._within(pid, dated[0], derived=False)
            base = None if hit is None or pid is None else self._tables.models_of(pid)[hit.target]
            after = self._dated_after_the_catalog(dated[1], base)
        reason = (
            f"(its id is dated {after}, after the catalog's data of {self._tables.about['date']}:"
            " a regen from a newer payload may list it)"
            if after
            else ""
        )
        # A bare name is suggested from, and may be documented by, the lab that makes it.
        named = pid or self._maker_of(name)
        if named is not None and name in self._tables.names_of(named).unlisted:
            reason = self._unlisted_reason(named, name)
        spec = name if pid is None else f"{pid}:{name}"
        return ModelNotFoundError(spec, self.suggest(name, named), reason)

    def _maker_of(self, name: str) -> str | None:
        # The lab a name the catalog lacks would be made by (gpt-4oo: openai), whose names
        # are suggested first: five close ones there spare building the catalog-wide index.
        from llmdex.resolution.makers import makers_by_pattern

        makers = makers_by_pattern(name.rpartition("/")[2], self._tables.maker_patterns)
        return makers[0] if makers else None

    def _unlisted_reason(self, pid: str, name: str, listed: Sequence[str] = ()) -> str:
        target, source = self._tables.names_of(pid).unlisted[name]
        also = f"; {', '.join(listed)} may be another release" if listed else ""
        return (
            f"({pid} documents {name!r} as an alias of {target!r}, which the catalog does not"
            f" list{also}: name a listed model as provider:id, or regen from a payload that"
            f" lists it; {source})"
        )

    def _snapshot_priced_alike(self, pid: str, name: str, base: str, target: str) -> None:
        # A provider that lists both the model, at this provider's price, and the snapshot, at
        # another, shows the snapshot was priced otherwise (Azure: gpt-3.5-turbo at OpenAI's
        # $0.5/$1.5, gpt-3.5-turbo-0613 at $3/$4): then the rule would guess the price, and
        # refuses. A reseller whose prices are its own (a markup, a free tier) shows nothing.
        mine = base_prices(self._tables.models_of(pid)[target])
        for other, snapshot in self._listings(name):
            if other == pid or snapshot.cost is None or base_prices(snapshot) == mine:
                continue
            try:
                hit = self._within(other, base, derived=False)
                theirs = [] if hit is None else [hit.target]
            except AmbiguousModelError as several:  # releases priced apart: any of them
                theirs = [c.partition(":")[2] for c in several.candidates]
            models = self._tables.models_of(other)
            for alike in (t for t in theirs if t != name and base_prices(models[t]) == mine):
                raise AmbiguousModelError(
                    name,
                    [f"{pid}:{target}", f"{other}:{snapshot.id}"],
                    f"{pid} lists no {name!r}, and {other} prices {snapshot.id} otherwise "
                    f"than {alike}, which it prices as {pid}:{target}",
                )

    def _listings(self, name: str) -> list[tuple[str, Model]]:
        # Every provider that lists ``name`` as an id or an alias, with the model it means.
        found = []
        for pid in self._tables.owners.get(name, ()):
            found.append((pid, self._tables.models_of(pid)[name]))
        for pid in self._tables.alias_owners.get(name, ()):
            target = self._tables.names_of(pid).aliases[name][0]
            found.append((pid, self._tables.models_of(pid)[target]))
        return found

    def _bare(self, name: str, prefer: Sequence[str] | None) -> Resolution:
        makers_of = self._tables.makers
        candidates = self._candidates(name)
        makers = makers_of.get(name, ())
        head, slash, tail = name.partition("/")
        vendor = self.provider_id(head) if slash and tail else None
        if vendor is not None:
            # "anthropic/claude-3.5-sonnet": the vendor named first makes the model.
            makers = (vendor, *makers)
        if not makers:
            from llmdex.resolution.dated_ids import split_dated

            base = split_dated(name)
            folded = self._tables.folded(name.lower())
            for other in (base[0] if base else None, folded):
                makers = makers or makers_of.get(other or "", ())
        if prefer is not None:
            for wanted in prefer:
                pid = self.provider(wanted, ("find", "prefer")).id
                hit = candidates.get(pid) or self._within(pid, name)
                if hit is None and pid == vendor:
                    hit = self._vendor_named(pid, head, tail)
                if hit is not None:
                    return self._chosen(
                        name,
                        pid,
                        hit,
                        Rule.PREFERRED,
                        f"{pid} is the first of prefer= that serves it",
                    )
        for pid in makers:
            hit = candidates.get(pid) or self._within(pid, name)
            if hit is None and pid == vendor:
                hit = self._vendor_named(pid, head, tail)
                # A vendor's namespace (qwen/), not LiteLLM's provider/ (deepseek/), is how a
                # host writes its own id.
                hosted = (
                    self._hosted_apart(name, pid, hit.target, candidates)
                    if hit is not None and head.strip().lower() != pid
                    else None
                )
                if hosted is not None:
                    return hosted
            if hit is not None:
                others = len(candidates | {pid: hit})
                why = f"{pid} makes it" + (
                    f" (of {others} providers serving it)" if others > 1 else ""
                )
                return self._chosen(name, pid, hit, Rule.FIRST_PARTY, why)
        for pid in makers:
            # The maker stopped listing it: a reseller's listing is not what the user named.
            own = tail if pid == vendor else name
            if candidates and own in self._tables.names_of(pid).retired:
                listed = sorted(f"{p}:{h.target}" for p, h in candidates.items())
                raise RetiredByMakerError(name, f"{pid}:{own}", listed)
            if own in self._tables.names_of(pid).unlisted:
                # The maker says which model the name means: a reseller's same name may be
                # another release (nano-gpt's cohere/command-r), so it is not chosen.
                listed = sorted(f"{p}:{h.target}" for p, h in candidates.items())
                reason = self._unlisted_reason(pid, own, listed)
                raise ModelNotFoundError(name, self.suggest(own, pid), reason)
        if makers and candidates and self._proxied(candidates, makers):
            # A closed model its maker does not list (dall-e-3 at OpenAI), that resellers list
            # as the maker's (openai/dall-e-3): a proxy of the maker's API at a price of its
            # own, not what the user named.
            listed = sorted(f"{p}:{h.target}" for p, h in candidates.items())
            own = tail if makers[0] == vendor else name
            why = f"{makers[0]} makes it and lists no {own!r}; a reseller's price may be its own"
            raise AmbiguousModelError(name, listed, why)
        exact = [pid for pid, hit in candidates.items() if hit.rules == (Rule.EXACT,)]
        if len(exact) == 1 or len(candidates) == 1:
            pid = exact[0] if exact else next(iter(candidates))
            why = f"only {pid} lists {name!r}" if exact else f"only {pid} serves {name!r}"
            return self._chosen(name, pid, candidates[pid], Rule.ONLY_PROVIDER, why)
        if not candidates:
            raise self._not_found(name, None)
        ordered = sorted(candidates.items(), key=lambda item: (_QUALITY[item[1].rules[0]], item[0]))
        raise AmbiguousModelError(name, [f"{pid}:{hit.target}" for pid, hit in ordered])

    def _vendor_named(self, pid: str, head: str, tail: str) -> _Hit | None:
        # "qwen/qwen3-32b" at Alibaba, the vendor "qwen" names: qwen3-32b.
        hit = self._within(pid, tail)
        step = f"{pid}: the vendor prefix {head + '/'!r} names it"
        return None if hit is None else hit.then(Rule.ID_PREFIX, step)

    def _hosted_apart(
        self, name: str, maker: str, target: str, candidates: Mapping[str, _Hit]
    ) -> Resolution | None:
        # Open weights listed under the very name by hosts (groq's qwen/qwen3-32b), priced
        # otherwise than the maker's own qwen3-32b: each host prices its own deployment, so
        # the maker's price is not assumed for the host's id. A closed model's reseller is a
        # proxy of the maker's API, and the maker stays the answer.
        mine = base_prices(self._tables.models_of(maker)[target])
        hosts = [p for p, hit in candidates.items() if hit.rules == (Rule.EXACT,)]
        if not any(
            (listing := self._tables.models_of(p)[name]).open_weights
            and base_prices(listing) != mine
            for p in hosts
        ):
            return None
        if len(hosts) == 1:
            why = f"only {hosts[0]} lists {name!r}, open weights priced apart from {maker}"
            return self._chosen(name, hosts[0], candidates[hosts[0]], Rule.ONLY_PROVIDER, why)
        raise AmbiguousModelError(
            name,
            [*(f"{p}:{name}" for p in hosts), f"{maker}:{target}"],
            f"open weights: {', '.join(hosts)} list {name!r} as their own id, priced apart "
            f"from {maker}:{target}",
        )

    def _proxied(self, candidates: Mapping[str, _Hit], makers: Sequence[str]) -> bool:
        # Whether every listing names a maker as its vendor (openai/..., ~anthropic/...) and
        # is of a model without open weights (a host of open weights serves its own
        # deployment, and is how such a model is reached).
        for pid, hit in candidates.items():
            head, slash, _ = hit.target.lstrip("~").partition("/")
            if not slash or self.provider_id(head) not in makers:
                return False
            if self._tables.models_of(pid)[hit.target].open_weights:
                return False
        return True

    def _candidates(self, name: str) -> dict[str, _Hit]:
        # The providers that serve a bare name by rule 1, found through the indexes.
        owners, alias_owners = self._tables.owners, self._tables.alias_owners
        exact = _Hit(target=name, rules=(Rule.EXACT,), steps=())
        found = dict.fromkeys(owners.get(name, ()), exact)
        for pid in alias_owners.get(name, ()):
            if pid not in found:
                found[pid] = _alias_hit(pid, name, self._tables.names_of(pid).aliases[name])
        if found:
            return found
        from llmdex.resolution.dated_ids import split_dated

        base = split_dated(name)
        folded = self._tables.folded(name.lower())
        others = (base[0] if base else None, folded)
        pids = [*self._tables.id_prefixes]
        for other in others:
            if other:
                pids += [*owners.get(other, ()), *alias_owners.get(other, ())]
        for pid in dict.fromkeys(pids):
            hit = self._within(pid, name)
            if hit is not None:
                found[pid] = hit
        return found

    def _chosen(self, name: str, pid: str, hit: _Hit, rule: Rule, why: str) -> Resolution:
        rules = tuple(r for r in hit.rules if r is not Rule.EXACT) or (Rule.EXACT,)
        model = self.models_of(pid)[hit.target]
        return Resolution(
            requested=name, model=model, rules=(*rules, rule), steps=(*hit.steps, why)
        )

    # -- names ---------------------------------------------------------------------------

    def _is_name(self, text: str) -> bool:
        # Whether a text names a model by itself: an id or alias, or an id behind a prefix
        # a provider's API accepts (Bedrock's "us.amazon.nova-pro-v1:0").
        if text in self._tables.owners or text in self._tables.alias_owners:
            return True
        try:
            return any(self._within(pid, text) is not None for pid in self._tables.id_prefixes)
        except AmbiguousModelError:
            return True

    def _is_dialect(self, named: str, pid: str) -> bool:
        return named.strip() != pid and provider_key(named) in self._tables.dialects

    def _dialect_step(self, named: str, pid: str) -> str:
        libraries = self._tables.dialects[provider_key(named)]
        return f"{named.strip()!r} is the name {libraries} use(s) for {pid}"

    def _case_of(self, pid: str, name: str) -> str | None:
        # The id (else alias) of one provider that ``name`` is, written in another case, from
        # the generated FOLDED table: no provider module is imported to compare its names.
        names = self._tables.names_of(pid)
        lower = name.lower()
        written = names.folded.get(lower)
        if written is None and lower != name:
            loaded = self._tables.loaded(pid)
            listed = (
                lower in loaded if loaded is not None else pid in self._tables.owners.get(lower, ())
            )
            written = lower if listed or lower in names.aliases else None
        return None if written == name else written

    def _names_in(self, pid: str) -> list[str]:
        # Every name one provider answers to as written: its aliases, then its ids.
        names = self._tables.names_of(pid)
        return [*names.aliases, *names.ids]

    def _close_providers(self, name: str) -> list[str]:
        from llmdex.resolution.suggest import closest

        keys = self._tables.provider_keys
        return list(
            dict.fromkeys(keys[key] for key in closest(provider_key(name), keys, _SUGGESTIONS))
        )

    def suggest(self, name: str, pid: str | None) -> list[str]:
        """Close names in the provider ``pid`` first, then close ids anywhere, each id's
        maker first."""
        from llmdex.resolution.suggest import NameScan, Suggester

        found: list[str] = []
        if pid is not None:
            scan = self._scans.get(pid)
            if scan is None:
                scan = self._scans[pid] = NameScan(self._names_in(pid))
            found = [f"{pid}:{close}" for close in scan.closest(name, _SUGGESTIONS)]
            if len(found) >= _SUGGESTIONS:
                # The provider's own names fill the list: the catalog-wide index would add
                # nothing that is shown.
                return found
        ids, alias_owners = self._tables.owners, self._tables.alias_owners
        makers_of = self._tables.makers
        suggester = self._suggester
        if suggester is None:
            suggester = self._suggester = Suggester(self._tables.names_with)
        for close in suggester.closest(name, _SUGGESTIONS):
            owners = ids.get(close) or alias_owners.get(close, ())
            makers = makers_of.get(close, ())
            found += [f"{p}:{close}" for p in sorted(owners, key=lambda p: p not in makers)]
        return list(dict.fromkeys(found))[:_SUGGESTIONS]


_RULES = {rule.value: rule for rule in Rule}


def base_prices(model: Model) -> tuple[Decimal, Decimal] | None:
    """What a wrong pick would change first: the input and output prices, to 9 digits (a
    payload's 0.39999999999999997 is the 0.4 it was meant to be)."""
    cost = model.cost
    return None if cost is None else (_NINE.plus(cost.input), _NINE.plus(cost.output))


_NINE = Context(prec=9)


def _alias_hit(pid: str, name: str, entry: tuple[str, str]) -> _Hit:
    target, rule = entry[0], _RULES[entry[1]]
    return _Hit(
        target=target, rules=(rule,), steps=(f"{pid}: {rule.value} {name!r} -> {target!r}",)
    )


def _strip_prefix(prefix: str, name: str) -> str | None:
    """``name`` without ``prefix``, where ``*`` in the prefix is one ``/``-separated segment."""
    if "*" not in prefix:
        rest = name[len(prefix) :] if name.startswith(prefix) else ""
        return rest or None
    want = prefix.split("/")
    got = name.split("/", len(want) - 1)
    if len(got) != len(want) or not got[-1]:
        return None
    matched = all(w == g or (w == "*" and g) for w, g in zip(want[:-1], got[:-1], strict=True))
    return got[-1] if matched else None
