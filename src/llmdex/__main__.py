"""``python -m llmdex``: the command line on the shipped catalog."""

from llmdex.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
