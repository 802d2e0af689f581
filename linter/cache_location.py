"""Where the corpus index (``.annolint_cache/``) lives, so that a one-off run outside a
repository does not litter the working directory.

Precedence: ``--cache-dir DIR``, then the ``ANNOLINT_CACHE_DIR`` environment variable (both
name the cache folder itself), then ``.annolint_cache/`` in the config's folder (the config
root), then in ``--corpus-root``, then in the common folder of the paths linted. A folder
that cannot be created or written is not an error: one warning, and the run goes on
without the index.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from linter.cache_schema import CACHE_DIR

ENV_VAR = "ANNOLINT_CACHE_DIR"


def cache_folder(*, config_path: Path | None, config_root: Path, cache_dir: str | None,
                 corpus_root: str | None, paths: list[str]) -> Path:
    """The folder that holds ``index.sqlite`` for this run."""
    chosen = cache_dir or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen)
    if config_path is not None:
        return config_root / CACHE_DIR
    if corpus_root:
        return Path(corpus_root) / CACHE_DIR
    return common_folder(paths) / CACHE_DIR


def common_folder(paths: list[str]) -> Path:
    """The deepest folder holding every path (a file stands for its folder)."""
    folders = []
    for raw in paths or ["."]:
        absolute = os.path.abspath(raw)
        folders.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # paths on different drives
        return Path.cwd()


def usable(folder: Path) -> bool:
    """Create ``folder`` if need be; False (after one warning on stderr) when it cannot be
    created or written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(13, "not writable")
    except OSError as error:
        print(f"annolint: warning: cannot use the cache folder {folder} "
              f"({error.strerror or error}); running without the corpus index",
              file=sys.stderr)
        return False
    return True
