"""Write files so that a crash or a full disk never leaves a half-written report or
baseline behind: write a temporary file in the same folder, then rename over the target.

What is not ours is never replaced: a symlink is written through (its target is replaced
atomically, the link stays), and a FIFO, a device node such as ``/dev/null`` or
``/dev/stdout``, or any other special file is written directly, as a stream. Temporaries
left behind by a killed run (``.<name>.XXXXXXXX.tmp`` beside the target, older than
:data:`STALE_SECONDS`) are removed the next time that target is written.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

STALE_SECONDS = 600  # a temporary this old belongs to a run that died
_TEMP_TAIL = re.compile(r"\.[A-Za-z0-9_]{8}\.tmp\Z")


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 minus umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_target(path: str | Path) -> tuple[str, Path]:
    """How ``path`` will be written: ``("file", path)``, ``("link", target)`` for a symlink
    (its final target is replaced, not the link) or ``("special", path)`` for a FIFO, a
    device or another non-regular file (written directly)."""
    given = Path(path)
    try:
        info = os.stat(given)  # follows links
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a folder", str(given))
        return "special", given
    if given.is_symlink():
        return "link", Path(os.path.realpath(given))
    return "file", given


def describe(path: str | Path) -> str | None:
    """A one-line note when ``path`` is not written as a plain file, else None."""
    try:
        kind, target = write_target(path)
    except OSError:
        return None
    if kind == "link":
        return f"{path} is a symlink: wrote its target {target}"
    if kind == "special":
        return f"{path} is not a regular file: wrote to it directly"
    return None


def clean_stale(target: Path, now: float | None = None) -> int:
    """Remove our own stale temporaries of ``target``; returns how many were removed."""
    prefix = f".{target.name}."
    now = time.time() if now is None else now
    removed = 0
    try:
        names = os.listdir(target.parent)
    except OSError:
        return 0
    for name in names:
        if not (name.startswith(prefix) and _TEMP_TAIL.fullmatch(name[len(prefix) - 1:])):
            continue
        candidate = target.parent / name
        try:
            info = os.lstat(candidate)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                os.unlink(candidate)
                removed += 1
        except OSError:
            continue
    return removed


@contextmanager
def _replacing(target: Path, mode: str, **open_args) -> Iterator:
    """A handle on a temporary file beside ``target`` that replaces it in one rename when
    the block ends (removed instead if the block fails); keeps ``target``'s permissions."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp_name, _mode_for(target))
        with os.fdopen(fd, mode, **open_args) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise


@contextmanager
def atomic_writer(path: str | Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    kind, target = write_target(path)
    text = {"encoding": encoding, "errors": "backslashreplace", "newline": ""}
    if kind == "special":
        with open(target, "w", **text) as handle:
            yield handle
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    with _replacing(target, "w", **text) as handle:
        yield handle


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename: a reader (or a crash, or a SIGKILL)
    sees the old bytes or the new ones, never a mix. Keeps the file's permissions; a
    symlink keeps pointing at its target, which is what gets replaced (as for reports)."""
    kind, target = write_target(path)
    if kind == "special":
        raise OSError(f"{path} is not a regular file: not rewritten")
    with _replacing(target, "wb") as handle:
        handle.write(data)
