"""Where ``annolint check`` keeps its corpus index (never the working directory of a
one-off run), and that an unusable location is a warning, not a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DOC = "Hello [PER John  ] in [LOC Lima  ] .\n"
INDEX = "index.sqlite"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(DOC, encoding="utf-8")
    (folder / "b.txt").write_text(DOC, encoding="utf-8")
    return folder


def _check(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "ANNOLINT_CACHE_DIR"}
    environment.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "linter", "check", "--fail-on", "never",
                           *args], cwd=cwd, capture_output=True, text=True, env=environment)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_one_off_run_keeps_the_cache_beside_the_paths_not_in_the_cwd(tmp_path):
    corpus = _corpus(tmp_path / "data" / "corpus")
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    _check(cwd, str(corpus / "a.txt"), str(corpus / "b.txt"))
    assert (corpus / ".annolint_cache" / INDEX).is_file()
    assert list(cwd.iterdir()) == []


def test_config_root_wins_over_corpus_root_and_paths(tmp_path):
    project = tmp_path / "project"
    corpus = _corpus(project / "docs")
    (project / "annolint.yaml").write_text("fail-on: error\n", encoding="utf-8")
    _check(project, "--corpus-root", "docs", "docs/a.txt")
    assert (project / ".annolint_cache" / INDEX).is_file()
    assert not (corpus / ".annolint_cache").exists()


def test_corpus_root_without_config(tmp_path):
    corpus = _corpus(tmp_path / "docs")
    _check(tmp_path, "--corpus-root", "docs", "docs/a.txt")
    assert (corpus / ".annolint_cache" / INDEX).is_file()
    assert not (tmp_path / ".annolint_cache").exists()


def test_environment_variable_moves_the_cache(tmp_path):
    corpus = _corpus(tmp_path / "docs")
    target = tmp_path / "cache-from-env"
    _check(tmp_path, "docs", env={"ANNOLINT_CACHE_DIR": str(target)})
    assert (target / INDEX).is_file()
    assert not (corpus / ".annolint_cache").exists()
    assert not (tmp_path / ".annolint_cache").exists()


def test_flag_wins_over_environment_variable(tmp_path):
    _corpus(tmp_path / "docs")
    flag, env = tmp_path / "from-flag", tmp_path / "from-env"
    _check(tmp_path, "docs", "--cache-dir", str(flag), env={"ANNOLINT_CACHE_DIR": str(env)})
    assert (flag / INDEX).is_file()
    assert not env.exists()


def test_no_cache_writes_no_cache_anywhere(tmp_path):
    corpus = _corpus(tmp_path / "docs")
    flag = tmp_path / "from-flag"
    _check(tmp_path, "docs", "--no-cache", "--cache-dir", str(flag))
    assert not flag.exists()
    assert not (corpus / ".annolint_cache").exists()
    assert not (tmp_path / ".annolint_cache").exists()


def test_unusable_cache_folder_is_one_warning_and_the_run_goes_on(tmp_path):
    _corpus(tmp_path / "docs")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    proc = _check(tmp_path, "docs", "--cache-dir", str(blocker / "cache"),
                  "--output-format", "json")
    warnings = [line for line in proc.stderr.splitlines() if "cache folder" in line]
    assert len(warnings) == 1 and "running without the corpus index" in warnings[0]
    assert "Traceback" not in proc.stderr
    assert '"files"' in proc.stdout  # the report was still written
