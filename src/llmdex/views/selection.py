"""``llmdex.catalog()``: an immutable, chainable selection over the whole catalog."""

from __future__ import annotations

from llmdex.arguments import as_choice, as_flag, as_member, as_money, as_names, as_text, as_tokens
from llmdex.errors import InvalidArgumentError, InvalidDateError
from llmdex.records.partial_date import PartialDate
from llmdex.records.vocabulary import Kind, Status
from llmdex.views.facts import CAPABILITIES, SORT_KEYS, price

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from decimal import Decimal
    from typing import overload

    from llmdex.facade import Catalog
    from llmdex.records.model import Model

    Predicate = Callable[[Model], bool]


def _is(test: Callable[[Model], bool], wanted: bool) -> Predicate:
    return lambda model: test(model) is wanted


def _at_most(price: Callable[[Model], Decimal | None], bound: Decimal) -> Predicate:
    def test(model: Model) -> bool:
        value = price(model)
        return value is not None and value <= bound

    return test


def _date(parameter: str, value: object) -> PartialDate:
    date = None
    if isinstance(value, PartialDate):
        date = value
    elif isinstance(value, str):
        try:
            date = PartialDate.parse(value)
        except InvalidDateError:
            date = None
    if date is None or not date.is_valid:
        raise InvalidArgumentError(
            "where", parameter, value, "give a calendar month or day as YYYY-MM or YYYY-MM-DD"
        )
    return date


class Selection:
    """Models matching every filter so far; each method returns a new selection.

    Nothing is loaded until the selection is iterated, and then only the provider modules
    it needs.

    Example:
        >>> cheap = llmdex.catalog().where(provider="openai", tools=True, max_input_price=1)
        >>> cheap.sort("input_price").first().spec
        'openai:gpt-5-nano'
    """

    __slots__ = ("_at", "_catalog", "_order", "_predicates", "_providers", "_retired", "_reverse")

    def __init__(
        self,
        catalog: Catalog,
        *,
        providers: tuple[str, ...] | None = None,
        predicates: tuple[Predicate, ...] = (),
        order: str | None = None,
        reverse: bool = False,
        at: str | None = None,
        retired: bool = False,
    ) -> None:
        self._catalog = catalog
        self._providers = providers
        self._predicates = predicates
        self._order = order
        self._reverse = reverse
        self._at = at
        """A date: the models listed then (from the history), not today's."""
        self._retired = retired
        """The models no longer listed, as last listed, instead of today's."""

    def _with(self, **changes: object) -> Selection:
        state: dict[str, object] = {
            "providers": self._providers,
            "predicates": self._predicates,
            "order": self._order,
            "reverse": self._reverse,
            "at": self._at,
            "retired": self._retired,
        }
        state.update(changes)
        return Selection(self._catalog, **state)  # type: ignore[arg-type]

    def where(
        self,
        *,
        provider: str | tuple[str, ...] | None = None,
        family: str | None = None,
        kind: Kind | str | None = None,
        vision: bool | None = None,
        tools: bool | None = None,
        reasoning: bool | None = None,
        structured_output: bool | None = None,
        attachments: bool | None = None,
        open_weights: bool | None = None,
        input_modality: str | None = None,
        output_modality: str | None = None,
        min_context: int | None = None,
        max_input_price: Decimal | float | str | None = None,
        max_output_price: Decimal | float | str | None = None,
        status: Status | str | None = None,
        released_after: str | PartialDate | None = None,
        released_before: str | PartialDate | None = None,
        deprecated: bool | None = None,
        retired: bool | None = None,
    ) -> Selection:
        """Keep models matching every given filter (``None`` leaves a filter out).

        Capabilities (``vision``, ``tools``, ...) are booleans to require or exclude; prices
        are USD per 1M tokens and exclude models with no price; ``status="ga"`` means no
        status; dates are ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive. ``retired=True`` selects
        the models the catalog no longer lists, as they were last listed (from the history).
        """
        # Each capability is a keyword of its own (for type checkers and completion), read
        # here by the names CAPABILITIES defines.
        given = locals()
        tests: list[Predicate] = [
            _is(capability.test, wanted)
            for name, capability in CAPABILITIES.items()
            if (wanted := as_flag("where", name, given[name])) is not None
        ]
        family = as_text("where", "family", family)
        if family is not None:
            tests.append(lambda m: m.family == family)
        wanted_kind = as_member("where", "kind", kind, Kind)
        if wanted_kind is not None:
            tests.append(lambda m: m.kind is wanted_kind)
        input_modality = as_text("where", "input_modality", input_modality)
        if input_modality is not None:
            tests.append(lambda m: input_modality in m.modalities.input)
        output_modality = as_text("where", "output_modality", output_modality)
        if output_modality is not None:
            tests.append(lambda m: output_modality in m.modalities.output)
        least = as_tokens("where", "min_context", min_context)
        if least is not None:
            tests.append(lambda m: m.limit.context >= least)
        for name, component in (("max_input_price", "input"), ("max_output_price", "output")):
            bound = as_money("where", name, given[name])
            if bound is not None:
                tests.append(_at_most(price(component), bound))
        if status is not None:
            statuses = ("ga", *(option.value for option in Status))
            chosen_status = as_choice("where", "status", status, statuses)
            wanted_status = None if chosen_status == "ga" else Status(chosen_status)
            tests.append(lambda m: m.status is wanted_status)
        deprecated = as_flag("where", "deprecated", deprecated)
        if deprecated is not None:
            tests.append(lambda m: m.is_deprecated is deprecated)
        if released_after is not None:
            after = _date("released_after", released_after)
            tests.append(lambda m: m.release_date >= after)
        if released_before is not None:
            before = _date("released_before", released_before)
            tests.append(lambda m: m.release_date <= before)
        retired = as_flag("where", "retired", retired)
        providers = self._providers
        names = as_names("where", "provider", provider)
        if names is not None:
            rules = self._catalog.rules
            chosen = tuple(rules.provider(name, ("where", "provider")).id for name in names)
            providers = chosen if providers is None else tuple(p for p in providers if p in chosen)
        changes: dict[str, object] = {"providers": providers}
        if retired is not None:
            changes["retired"] = retired
        return self._with(predicates=(*self._predicates, *tests), **changes)

    def filter(self, predicate: Predicate) -> Selection:
        """Keep models for which ``predicate(model)`` is true."""
        return self._with(predicates=(*self._predicates, predicate))

    def sort(self, by: str, *, reverse: bool = False) -> Selection:
        """Order by ``input_price``, ``output_price``, ``context`` or ``release_date``
        (``reverse=True``: largest first, as ``sorted`` says it).

        Models without that value (no price) come last either way.
        """
        by = as_choice("sort", "by", by, SORT_KEYS)
        return self._with(order=by, reverse=bool(as_flag("sort", "reverse", reverse)))

    def __iter__(self) -> Iterator[Model]:
        found = [model for model in self._source() if all(test(model) for test in self._predicates)]
        if self._order is not None:
            key = SORT_KEYS[self._order]
            known = [m for m in found if key(m) is not None]
            unknown = [m for m in found if key(m) is None]
            known.sort(key=key, reverse=self._reverse)  # type: ignore[arg-type]
            found = known + unknown
        return iter(found)

    def _source(self) -> Iterator[Model]:
        # Today's models, the models listed on a date, or the ones no longer listed.
        wanted = self._providers
        if self._retired:
            past = self._catalog.past.log
            for model in past.retired_models():
                if wanted is None or model.provider in wanted:
                    yield model
            return
        if self._at is not None:
            past = self._catalog.past.log
            for pid in past.providers_at(self._at):
                if wanted is None or pid in wanted:
                    yield from past.models_at(pid, self._at).values()
            return
        pids = wanted if wanted is not None else tuple(self._catalog.tables.providers)
        for pid in pids:
            yield from self._catalog.models_of(pid).values()

    def __len__(self) -> int:
        return sum(1 for _ in self)

    if TYPE_CHECKING:

        @overload
        def __getitem__(self, index: int) -> Model: ...

        @overload
        def __getitem__(self, index: slice) -> list[Model]: ...

        def __getitem__(self, index: int | slice) -> Model | list[Model]:
            """The models in order, by position or slice: ``selection[0]``, ``[:5]``."""

    else:

        def __getitem__(self, index):
            return list(self)[index]

    def first(self) -> Model | None:
        """The first model, or ``None`` when nothing matches."""
        return next(iter(self), None)

    def specs(self) -> list[str]:
        """Every matching model as a ``provider:id`` spec."""
        return [model.spec for model in self]
