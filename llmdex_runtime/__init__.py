"""Hand-written runtime of the generated ``llmdex`` catalog.

The generated package imports this one and hands it its name; this package never imports
the generated one. Its public names are those :mod:`llmdex_runtime.exports` lists, which the
catalog re-exports: import them from ``llmdex``.
"""

SCHEMA_VERSION = 3
"""Version of the contract between this runtime and generated catalogs."""
