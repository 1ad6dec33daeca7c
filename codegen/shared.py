"""Values a provider module writes once and names, because sharing them measurably pays.

Dates, modalities, limits and reasoning options repeat across a provider's models; writing
each distinct one once saves building it again for every model (on the 2026-07 payload,
loading every model took 17% fewer instructions under callgrind). They live in one private
class, ``_Shared``, so that a module's namespace, and an editor's completions, hold its models
and not a hundred helper names. The name of a shared value follows from the value alone and
says what it is (``D_2024_05_13``, ``TEXT_IMAGE_TO_TEXT``, ``CONTEXT_128000_OUTPUT_16384``),
so a model's text never changes because other models came or went. A value a name cannot
describe exactly (one with ``extra`` fields, or values outside ASCII letters and digits) is
written inline.
"""

from __future__ import annotations

from llmdex.records.model import Limit, Modalities, ReasoningOption
from llmdex.records.partial_date import PartialDate

from .identifiers import words
from .literals import Namer


def date_name(value: PartialDate) -> str:
    """``D_2024_05`` or ``D_2024_05_13``."""
    return f"D_{words(str(value))}"


def modalities_name(value: Modalities) -> str | None:
    """``TEXT_IMAGE_TO_TEXT``."""
    if value.extra or not all(_plain(m) for m in (*value.input, *value.output)):
        return None
    return f"{'_'.join(value.input).upper()}_TO_{'_'.join(value.output).upper()}"


def limit_name(value: Limit) -> str | None:
    """``CONTEXT_400000_INPUT_272000_OUTPUT_128000``."""
    if value.extra:
        return None
    given = f"_INPUT_{value.input}" if value.input is not None else ""
    return f"CONTEXT_{value.context}{given}_OUTPUT_{value.output}"


def reasoning_name(value: ReasoningOption) -> str | None:
    """``REASONING_EFFORT_LOW_MEDIUM_HIGH``, ``REASONING_BUDGET_TOKENS_MIN_NEG1_MAX_32768``."""
    values = value.values or ()
    if value.extra or not _plain(value.type.replace("_", "")):
        return None
    if not all(v is None or _plain(v) for v in values):
        return None
    parts = [value.type.upper(), *("NULL" if v is None else v.upper() for v in values)]
    if value.values == ():
        parts.append("NO_VALUES")
    if value.min is not None:
        parts.append(f"MIN_{_number(value.min)}")
    if value.max is not None:
        parts.append(f"MAX_{_number(value.max)}")
    return "REASONING_" + "_".join(parts)


def _plain(text: str) -> bool:
    # Lower-case ASCII letters and digits only, so upper-casing loses nothing.
    return text.isascii() and text.isalnum() and text == text.lower()


def _number(value: int) -> str:
    return f"NEG{-value}" if value < 0 else str(value)


NAMESPACE = "_Shared"
"""The class of a provider module that holds its shared values."""

SHARED: dict[type, Namer] = {
    PartialDate: date_name,
    Modalities: modalities_name,
    Limit: limit_name,
    ReasoningOption: reasoning_name,
}
"""The shared types of a provider module, and how each value is named."""
