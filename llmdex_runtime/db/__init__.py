"""The catalog in a database: SQLite by default, PostgreSQL for fleets, prices you can join on.

The tables and their columns are described in :mod:`llmdex_runtime.db.schema` (and the
README's "Database" section); :func:`~llmdex_runtime.db.sync.sync` writes them and
:func:`~llmdex_runtime.db.export.export` writes the same rows as CSV or JSON Lines files.
Nothing here is imported by ``import llmdex``.
"""
