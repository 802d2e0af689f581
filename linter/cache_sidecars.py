"""The corpus index's view of the metadata sidecars: per-file metadata keys, and a
fingerprint of every sidecar that can feed them (see :mod:`linter.cache`).

Each stored row carries a hash of its document's metadata (``meta``), so a result is not
reused once a ``metadata.jsonl`` or ``.meta.json`` that describes the document changes.
Computing that hash for every file of a warm run means reading the sidecars and hashing
20,000 records (most of a warm pre-commit run on a real-cable corpus). Instead the index
keeps, per plan, a fingerprint of the sidecars as they were when every row of that plan was
last checked against them: while the fingerprint is unchanged the stored hashes still hold,
and only files whose bytes changed are looked at.

The fingerprint covers every folder a document's sidecar lookup reads (the document's folder
and each folder above it up to the config's root): which sidecar files each holds and, per
file, size, mtime, ctime, device and inode. ctime cannot be set back by ``touch`` or
``cp -p``, so a sidecar rewritten with the same size and mtime is still seen; a sidecar
changed in the last two seconds (within a clock's granularity of the fingerprint) makes no
fingerprint at all, and the run checks every file's metadata as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from operator import attrgetter

from linter.cache_schema import _meta_key
from linter.discovery import SourceFile
from linter.metadata import forget_cached, has_sidecars, sidecar_folders, sidecar_names

RECENT_NS = 2_000_000_000  # a sidecar changed this recently is not fingerprinted


_path = attrgetter("path")


class SidecarKeys:
    """Metadata keys of one run: one sidecar check per folder, not per file."""

    def __init__(self, root: str | None) -> None:
        self.root = root
        self._has: dict[str, bool] = {}
        forget_cached()

    def key(self, path: str) -> str:
        """``_meta_key`` of the document at ``path`` ("" when no sidecar can describe it)."""
        folder = os.path.dirname(path) or "."
        has = self._has.get(folder)
        if has is None:
            has = self._has[folder] = any(
                has_sidecars(above) for above in sidecar_folders(path, self.root))
        return _meta_key(path, self.root) if has else ""

    def fingerprint(self, sources: Iterable[SourceFile]) -> str | None:
        """A hash of every sidecar the documents' lookup reads; None when one changed too
        recently (or cannot be examined) for its stat to stand for its content."""
        folders: set[str] = set()
        # each document's folder, with its separator ("" for the working directory)
        for parent in {path[:path.rfind(os.sep) + 1] for path in map(_path, sources)}:
            folders.update(sidecar_folders(parent + "-", self.root))
        entries: list = [os.path.abspath(self.root) if self.root is not None else None]
        newest = 0
        for folder in sorted(folders):
            names = sidecar_names(folder)
            if names is None:
                if os.path.lexists(folder):
                    return None  # a folder that cannot be read: nothing to compare
                entries.append([folder, None])
                continue
            for name in sorted(names):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    return None
                newest = max(newest, stat.st_mtime_ns, stat.st_ctime_ns)
                entries.append([folder, name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns,
                                stat.st_dev, stat.st_ino])
        if time.time_ns() - newest < RECENT_NS:
            return None
        return hashlib.sha256(json.dumps(entries, ensure_ascii=False)
                              .encode("utf-8", "surrogatepass")).hexdigest()
