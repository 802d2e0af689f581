"""Executors for the per-file phase beyond the local process pool (``--executor``).

An executor has ``map(sources, plan, progress) -> Iterable[FileResult]`` and, optionally,
``totals(aggregators) -> {aggregate name: corpus total} | None`` (see :func:`linter.engine.run`).
``local`` is the engine's own process pool (no executor object); ``dask`` runs on a Dask
cluster and needs the optional extra, imported only when asked for.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

from linter.config import ConfigError

EXECUTORS = ("local", "dask")
DASK_EXTRA = "pip install 'annolint[dask]'"


def open_executor(name: str | None, scheduler: str | None = None,
                  jobs: int | None = None) -> AbstractContextManager[Any]:
    """A context manager giving the executor for ``--executor NAME`` (None: the local pool).

    ``--scheduler`` alone implies ``dask``; a missing extra or an unreachable scheduler is
    a usage error (:class:`ConfigError`), never a traceback.
    """
    if name is None:
        name = "dask" if scheduler else "local"
    if name not in EXECUTORS:
        raise ConfigError(f"--executor: unknown executor {name!r}; choose one of "
                          f"{', '.join(EXECUTORS)}", "<command line>")
    if name == "local":
        if scheduler:
            raise ConfigError("--scheduler needs --executor dask", "<command line>")
        return nullcontext(None)
    try:
        from linter.executors.dask import dask_executor
    except ImportError as error:
        if (error.name or "").startswith("linter"):  # our bug, not a missing extra
            raise
        raise ConfigError(f"--executor dask needs the 'dask' extra: {DASK_EXTRA}",
                          "<command line>") from None
    return dask_executor(scheduler, jobs)
