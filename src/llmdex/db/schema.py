"""The tables ``llmdex db sync`` writes, and the migrations that build them, version by version.

The schema is described once, here: each :class:`Table` lists its columns with a logical type
(:data:`TYPES`) and the schema version that added it. The DDL of both databases and every
migration follow from that: migration *N* creates the tables added in version *N* and adds the
columns added in version *N* to older tables. A database records the versions applied in
``llmdex_schema``; a newer llmdex upgrades it in place, inside the sync's transaction.

Every table the catalog fills has an ``origin`` column: ``'llmdex'`` on the rows a sync
writes, ``'user'`` (the default) on rows anyone else inserts. A sync only ever changes its own
rows, so rows and columns a user adds are left alone.
"""

from __future__ import annotations

from llmdex.records.rates import RATE_NAMES
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

SCHEMA_VERSION = 2
"""The schema version this llmdex writes; a database at an older one is migrated."""

OWN = "llmdex"
"""The ``origin`` of rows a sync writes."""

TYPES = {
    # logical type: (SQLite, PostgreSQL)
    "text": ("TEXT", "text"),
    "int": ("INTEGER", "bigint"),
    "bool": ("INTEGER", "boolean"),
    # SQLite has no exact decimal type: REAL for filtering and sorting; the exact value is in
    # each row's JSON, and effective_prices adds integer limbs that price exactly in SQL.
    "decimal": ("REAL", "numeric"),
    "date": ("TEXT", "date"),
    "json": ("TEXT", "jsonb"),
    "timestamp": ("TEXT", "timestamptz"),
}
"""Logical column types and how each database spells them."""

COMPONENTS = RATE_NAMES
"""The usage buckets a price applies to, as :class:`~llmdex.pricing.usage.Usage` names them."""

LIMBS = (("whole", 0), ("e9", 9), ("e18", 18))
"""SQLite's exact form of a price: whole dollars per 1M tokens, then two 9-digit groups of
the fraction (``2.0000000015`` is ``2``, ``1``, ``500000000``)."""


@record
class Column(Record):
    """One column: its name, logical type (a key of :data:`TYPES`) and meaning."""

    name: str
    type: str
    doc: str
    nullable: bool = True
    since: int = 1
    """The schema version that added it."""
    sqlite_only: bool = False


@record
class Table(Record):
    """One table: its columns, primary key and meaning."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    since: int = 1
    catalog: bool = True
    """Whether a sync fills it from the catalog (with ``origin``), or keeps it itself."""

    def column_names(self, dialect: str, version: int = SCHEMA_VERSION) -> tuple[str, ...]:
        """The names of its columns in ``dialect`` at ``version``, ``origin`` last."""
        return tuple(c.name for c in self.columns_of(dialect, version))

    def columns_of(self, dialect: str, version: int = SCHEMA_VERSION) -> tuple[Column, ...]:
        """Its columns in ``dialect`` at ``version``, ``origin`` last for catalog tables."""
        found = tuple(
            c
            for c in self.columns
            if c.since <= version and (dialect == "sqlite" or not c.sqlite_only)
        )
        return (*found, _ORIGIN) if self.catalog else found


_ORIGIN = Column(
    name="origin", type="text", doc="'llmdex' on rows a sync writes; 'user' on any other row."
)


def _c(name: str, kind: str, doc: str, **more: object) -> Column:
    return Column(name=name, type=kind, doc=doc, **more)  # type: ignore[arg-type]


def _t(
    name: str, doc: str, columns: tuple[Column, ...], key: tuple[str, ...], **more: object
) -> Table:
    return Table(name=name, doc=doc, columns=columns, key=key, **more)  # type: ignore[arg-type]


def _price_columns() -> Iterator[Column]:
    for component in COMPONENTS:
        yield _c(
            component,
            "decimal",
            f"USD per 1M {component} tokens in this band, after fallbacks; NULL if unknown.",
        )
        for limb, digits in LIMBS:
            where = f"{digits} decimal places" if digits else "whole dollars"
            yield _c(
                f"{component}_{limb}",
                "int",
                f"SQLite only: the {component} price's {where} part, an integer (0 if unknown).",
                sqlite_only=True,
            )


TABLES: tuple[Table, ...] = (
    _t(
        "llmdex_schema",
        "The schema versions applied to this database, one row each.",
        (
            _c("version", "int", "Schema version.", nullable=False),
            _c("applied_at", "timestamp", "When it was applied (UTC).", nullable=False),
            _c("llmdex_version", "text", "The llmdex that applied it.", nullable=False),
        ),
        ("version",),
        catalog=False,
    ),
    _t(
        "catalog_versions",
        "Every catalog synced into this database, one row each (a no-op sync adds none).",
        (
            _c("payload_sha256", "text", "sha256 of the models.dev payload.", nullable=False),
            _c("payload_date", "date", "The payload's date.", nullable=False),
            _c("source", "text", "The payload's file name or URL.", nullable=False),
            _c("llmdex_version", "text", "The llmdex that synced it.", nullable=False),
            _c("providers", "int", "Providers in the catalog.", nullable=False),
            _c("models", "int", "Models in the catalog.", nullable=False),
            _c("synced_at", "timestamp", "When it was synced (UTC).", nullable=False),
            _c("changes", "int", "Rows the sync inserted, updated or marked.", nullable=False),
        ),
        ("synced_at",),
        catalog=False,
    ),
    _t(
        "providers",
        "Every provider the catalog lists or has listed.",
        (
            _c("id", "text", "models.dev provider id (`openai`).", nullable=False),
            _c("name", "text", "Display name."),
            _c("env", "text", "API key variables, comma-separated, in the order tried."),
            _c("npm", "text", "The AI SDK package models.dev names."),
            _c("api", "text", "API base URL models.dev gives."),
            _c("doc", "text", "Documentation URL."),
            _c("protocol", "text", "Wire protocol llmdex speaks to it."),
            _c("base_url", "text", "Where llmdex sends requests."),
            _c(
                "unavailable_since", "date", "Date of the first payload without it; NULL if listed."
            ),
            _c("data", "json", "The models.dev provider object, without its models."),
        ),
        ("id",),
    ),
    _t(
        "models",
        "Every model the catalog lists or has listed; a model no longer listed is kept and "
        "marked with unavailable_since, never deleted.",
        (
            _c("provider", "text", "Provider id.", nullable=False),
            _c("id", "text", "Model id as the provider's API takes it.", nullable=False),
            _c("name", "text", "Display name."),
            _c("family", "text", "Model family."),
            _c("kind", "text", "chat, embedding, image, ... (llmdex's own)."),
            _c("status", "text", "models.dev status: alpha, beta, deprecated; NULL if none."),
            _c("attachment", "bool", "Accepts file attachments."),
            _c("reasoning", "bool", "Produces reasoning output."),
            _c("tool_call", "bool", "Supports tool calling."),
            _c("structured_output", "bool", "Supports structured output; NULL if unknown."),
            _c("temperature", "bool", "Accepts a temperature; NULL if unknown."),
            _c("open_weights", "bool", "Weights are published."),
            _c("knowledge", "text", "Knowledge cutoff, YYYY-MM or YYYY-MM-DD."),
            _c("release_date", "text", "Release date, YYYY-MM or YYYY-MM-DD."),
            _c("last_updated", "text", "Last update, YYYY-MM or YYYY-MM-DD."),
            _c("context_limit", "int", "Context window, tokens."),
            _c("input_limit", "int", "Maximum input tokens, where it differs."),
            _c("output_limit", "int", "Maximum output tokens."),
            _c("input_modalities", "text", "Input modalities, comma-separated."),
            _c("output_modalities", "text", "Output modalities, comma-separated."),
            _c("input_price", "decimal", "USD per 1M input tokens (base tier)."),
            _c("output_price", "decimal", "USD per 1M output tokens (base tier)."),
            _c("cache_read_price", "decimal", "USD per 1M cached input tokens."),
            _c("cache_write_price", "decimal", "USD per 1M cache-write tokens."),
            _c("first_seen", "date", "Date of the first payload that listed it.", since=2),
            _c(
                "unavailable_since", "date", "Date of the first payload without it; NULL if listed."
            ),
            _c("data", "json", "The models.dev model object as last listed."),
        ),
        ("provider", "id"),
    ),
    _t(
        "prices",
        "Every listed price, one row per component, tier, mode and period of validity.",
        (
            _c("provider", "text", "Provider id.", nullable=False),
            _c("model_id", "text", "Model id.", nullable=False),
            _c(
                "mode", "text", "A named mode (`fast`); '' for the standard prices.", nullable=False
            ),
            _c(
                "tier_type",
                "text",
                "'' for the base prices; 'context' for a models.dev tier; "
                "'context_over_200k' for the older form.",
                nullable=False,
            ),
            _c(
                "tier_size",
                "int",
                "Prompt tokens above which the tier applies; 0 for base.",
                nullable=False,
            ),
            _c("component", "text", "input, output, cache_read, ...", nullable=False),
            _c("valid_from", "date", "First day these prices were listed.", nullable=False),
            _c("valid_to", "date", "First day they no longer were; NULL while listed."),
            _c("price", "decimal", "USD per 1M tokens, as listed.", nullable=False),
        ),
        ("provider", "model_id", "mode", "tier_type", "tier_size", "component", "valid_from"),
    ),
    _t(
        "effective_prices",
        "The price of every component as a call is billed: one row per model, mode, "
        "prompt-size band and period, tier prices over base prices and fallbacks applied "
        "(cache at the input price, reasoning at the output price). What SQL costs join on.",
        (
            _c("provider", "text", "Provider id.", nullable=False),
            _c("model_id", "text", "Model id.", nullable=False),
            _c("mode", "text", "A named mode; '' for the standard prices.", nullable=False),
            _c(
                "prompt_above",
                "int",
                "The band holds prompts of more tokens than this (-1: any).",
                nullable=False,
            ),
            _c("prompt_upto", "int", "... and at most this many; NULL for no limit."),
            _c("tier", "int", "The tier threshold whose prices apply; NULL for base prices."),
            _c("valid_from", "date", "First day these prices applied.", nullable=False),
            _c("valid_to", "date", "First day they no longer did; NULL while listed."),
            *_price_columns(),
        ),
        ("provider", "model_id", "mode", "prompt_above", "valid_from"),
        since=2,
    ),
    _t(
        "model_names",
        "Names that resolve to a model, as llmdex.find() resolves them: every "
        "`provider:id`, curated and dated aliases, and other libraries' provider names.",
        (
            _c("name", "text", "The spec, e.g. `anthropic:claude-3-5-sonnet`.", nullable=False),
            _c("provider", "text", "Provider id of the model it names.", nullable=False),
            _c("model_id", "text", "Model id of the model it names.", nullable=False),
            _c("kind", "text", "id, alias or dialect.", nullable=False),
        ),
        ("name",),
    ),
)
"""Every table, in the order a sync writes them."""

TABLE = {table.name: table for table in TABLES}


def _column_type(column: Column, dialect: str) -> str:
    """The column's type as ``dialect`` spells it."""
    return TYPES[column.type][0 if dialect == "sqlite" else 1]


def migration(version: int, dialect: str) -> list[str]:
    """The statements that take a database from ``version - 1`` to ``version``."""
    statements: list[str] = []
    for table in TABLES:
        if table.since == version:
            statements.append(_create(table, dialect, version))
        elif table.since < version:
            statements.extend(
                f"ALTER TABLE {table.name} ADD COLUMN {_definition(c, dialect)}"
                for c in table.columns_of(dialect, version)
                if c.since == version
            )
    return statements


def _create(table: Table, dialect: str, version: int) -> str:
    lines = [_definition(c, dialect) for c in table.columns_of(dialect, version)]
    lines.append(f"PRIMARY KEY ({', '.join(table.key)})")
    body = ",\n    ".join(lines)
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n    {body}\n)"


def _definition(column: Column, dialect: str) -> str:
    text = f"{column.name} {_column_type(column, dialect)}"
    if column is _ORIGIN:
        return f"{text} NOT NULL DEFAULT 'user'"
    return text if column.nullable else f"{text} NOT NULL"
