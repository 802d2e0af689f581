"""Bounded reads of regular files only.

A corpus folder may hold a FIFO (reading it blocks forever), a device (``/dev/zero`` never
ends, ``/dev/urandom`` neither), a symlink to either, or a symlink out of the project
(``/etc/passwd`` would end up quoted in an HTML report). Every file annolint reads goes
through :func:`read_regular`: the file is opened without blocking, checked with ``fstat``
on the open descriptor (so it cannot be swapped between check and read), and read up to a
size limit.
"""

from __future__ import annotations

import os
import stat

MAX_FILE_BYTES = 1 << 30  # a document larger than 1 GiB is not read
MAX_SIDECAR_BYTES = 64 << 20
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


class NotRegular(OSError):
    """The path is not a regular file (or is one we refuse to read); ``strerror`` says why."""


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def outside_root(path: str, root: str | None) -> str | None:
    """The target of ``path`` when it is a symlink leading outside ``root``, else None."""
    if root is None or not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    base = os.path.realpath(root)
    if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return target


def read_regular(path: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file ``path`` and its stat; raises :class:`NotRegular` for
    anything else or for a file over ``limit`` bytes, ``OSError`` when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(0, f"{kind_of(info.st_mode)}, not a regular file "
                                "(only regular files are linted)", path)
        if info.st_size > limit:
            raise NotRegular(0, f"larger than the {limit >> 20} MiB limit", path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 24, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise NotRegular(0, f"larger than the {limit >> 20} MiB limit", path)
        return b"".join(chunks), info
    finally:
        os.close(fd)
