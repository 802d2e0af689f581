"""Great-expectations suites over corpus statistics (the ``annolint[gx]`` extra).

:mod:`.stats` builds the tables, :mod:`.suite` reads and writes suites, :mod:`.expectations`
validates with great-expectations (imported inside :func:`validate` only) and
:mod:`.commands` is the CLI glue. Importing this package is cheap.
"""

from linter.gx.expectations import GXOutcome, gx_available, validate

__all__ = ["GXOutcome", "gx_available", "validate"]
