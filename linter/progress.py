"""The progress display of a long run on a terminal: a per-file bar, then one transient status
line per later phase ("corpus rules: batch 3/12", "policy"), so the run never sits silent at
100 %. Nothing is shown off a terminal (piped stderr) or with ``--no-progress``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MIN_FILES = 200  # shorter runs finish before a bar is worth drawing


class PhaseProgress:
    """A rich Progress with a ``linting`` task, and a status task reused for each phase."""

    def __init__(self, total: int, console: Any) -> None:
        from rich.progress import Progress

        self.bar = Progress(console=console, transient=True)
        self.task = self.bar.add_task("linting", total=total)
        self.status = None
        self.bar.start()

    def advance(self, count: int) -> None:
        self.bar.advance(self.task, count)

    def on_phase(self, name: str, done: int, total: int) -> None:
        label = f"{name}: batch {done}/{total}" if total > 1 else name
        if self.status is None:
            self.bar.update(self.task, visible=False)
            self.status = self.bar.add_task(label, total=None)
        else:
            self.bar.update(self.status, description=label)
        self.bar.refresh()

    def stop(self) -> None:
        self.bar.stop()


def phase_progress(total: int, enabled: bool, console: Any = None) -> PhaseProgress | None:
    """A PhaseProgress on ``console`` (default: stderr) when it is a terminal, else None."""
    if not enabled or total < MIN_FILES:
        return None
    if console is None:
        if not sys.stderr.isatty():
            return None
        from rich.console import Console

        console = Console(file=sys.stderr)
    elif not console.is_terminal:
        return None
    return PhaseProgress(total, console)


@contextmanager
def writing_status(enabled: bool, files: int, to_file: bool, console: Any = None
                   ) -> Iterator[None]:
    """A transient "writing the report" line while a long run's report is written to a file
    (a report on standard output shows itself)."""
    if not enabled or files < MIN_FILES or not to_file:
        yield
        return
    if console is None:
        if not sys.stderr.isatty():
            yield
            return
        from rich.console import Console

        console = Console(file=sys.stderr)
    elif not console.is_terminal:
        yield
        return
    with console.status("writing the report"):
        yield
