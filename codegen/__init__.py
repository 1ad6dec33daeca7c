"""The llmdex generator: fetch -> validate -> patch -> normalize -> emit -> verify.

Each stage is a module with one entry point; :mod:`codegen.pipeline` runs them in order and
is the only writer of ``generated/``.
"""
