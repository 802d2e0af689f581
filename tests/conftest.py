"""Shared test helpers: lint in-memory texts through the real engine."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from linter.config import load_config
from linter.discovery import discover_files
from linter.engine import run
from linter.result import RunResult

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SEED = EXAMPLES / "09LIMA1659.txt"
_FILE_MARK = re.compile(r"^=== (\S+) ===\n", re.MULTILINE)


def split_example(example: str) -> dict[str, str]:
    """An example is one file, or several separated by lines ``=== name.txt ===``."""
    parts = _FILE_MARK.split(example)
    if len(parts) == 1:
        return {"example.txt": example}
    files = {}
    if parts[0].strip():
        files["example.txt"] = parts[0]
    for name, text in zip(parts[1::2], parts[2::2]):
        files[name] = text
    return files


def lint_files(tmp_path: Path, files: dict[str, str | bytes], *, select: list[str] | None = None,
               config_text: str | None = None) -> RunResult:
    """Write ``files`` under ``tmp_path`` and lint that folder with the real engine."""
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config_path = None
    if config_text is not None:
        config_path = tmp_path / "annolint.yaml"
        config_path.write_text(config_text, encoding="utf-8")
    return lint_folder(tmp_path, config_path, select=select, jobs=1)


def lint_folder(folder: Path, config_path: Path | None = None, **options) -> RunResult:
    """Lint every file under ``folder`` (as ``annolint check .`` run there would)."""
    config = load_config(config_path, start=folder)
    old = Path.cwd()
    os.chdir(folder)
    try:
        sources, _ = discover_files(["."], config.settings.include, config.settings.exclude,
                                    folder, folder)
        return run(config, sources, **options)
    finally:
        os.chdir(old)


@pytest.fixture
def lint(tmp_path):
    def _lint(files, **kwargs):
        if isinstance(files, str):
            files = {"doc.txt": files}
        return lint_files(tmp_path, files, **kwargs)

    return _lint


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
