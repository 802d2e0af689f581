"""Allow ``python -m linter``: the same entry point as the ``annolint`` console script."""

from linter.cli import main

raise SystemExit(main())
