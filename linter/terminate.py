"""SIGTERM (a CI timeout, ``kill``) unwinds a command like an interrupt, so that the run's
temporary files (its spill, which can hold gigabytes on a large corpus) are removed as at a
normal exit instead of being left in the temporary folder."""

from __future__ import annotations

import signal
from collections.abc import Callable


class Terminated(BaseException):
    """Raised in the main thread when the process receives SIGTERM during a command."""


def _terminate(signum, frame):
    raise Terminated()


def exit_cleanly_on_sigterm() -> Callable[[], None]:
    """Install the SIGTERM handler for one command; returns what restores the old one."""
    try:
        old = signal.signal(signal.SIGTERM, _terminate)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM
        return lambda: None
    return lambda: signal.signal(signal.SIGTERM, old)
