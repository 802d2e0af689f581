"""Great-expectations suites over corpus statistics (the ``annolint[gx]`` extra).

:mod:`.stats` builds the tables, :mod:`.suite` reads and writes suites, :mod:`.expectations`
validates with great-expectations (imported inside :func:`validate` only) and
:mod:`.commands` is the CLI glue. Importing this package imports none of them: the command
line loads :mod:`.commands` on every run, the rest only for a suite.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GXOutcome", "gx_available", "validate"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from linter.gx import expectations

        return getattr(expectations, name)
    raise AttributeError(f"module 'linter.gx' has no attribute {name!r}")
