"""Time a failed lookup: the first in a fresh process, and warm (median of 20).

Run it several times and keep min/median/max of the first; with bytecode on (a wheel
install compiles it; a checkout under PYTHONDONTWRITEBYTECODE=1 recompiles every import)::

    env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=/tmp/pyc \\
        .venv/bin/python bench/failed_lookup.py gpt-4oo
"""

from __future__ import annotations

import contextlib
import sys
import time
import warnings


def main() -> None:
    """Print the first and the warm time of ``find(argv[1])``, in milliseconds."""
    warnings.simplefilter("ignore")
    import llmdex

    spec = sys.argv[1] if len(sys.argv) > 1 else "gpt-4oo"
    start = time.perf_counter()
    with contextlib.suppress(llmdex.LlmdexError):
        llmdex.find(spec)
    first = time.perf_counter() - start
    warm = []
    for _ in range(20):
        start = time.perf_counter()
        with contextlib.suppress(llmdex.LlmdexError):
            llmdex.find(spec)
        warm.append(time.perf_counter() - start)
    warm.sort()
    print(f"{spec}: first {first * 1e3:.2f} ms, warm median {warm[len(warm) // 2] * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
