"""The pre-commit hook works with the real pre-commit tool.

The hook repository is a snapshot of this working tree committed into a temporary git repo:
``pre-commit try-repo`` on a dirty checkout would only pick up tracked files (it shadows
``git add -u``), so a snapshot tests exactly what is on disk, and never touches this
repository's git state. pre-commit then builds its own virtualenv and ``pip install``s the
snapshot: pip needs setuptools (build isolation) and annolint's dependencies from the
package sources pip is configured with. ``ANNOLINT_TEST_WHEELHOUSE=DIR`` makes that install
fully offline from a folder of wheels (``PIP_NO_INDEX`` + ``PIP_FIND_LINKS``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="the pre-commit package is not installed "
                    "(pip install pre-commit) so the hook cannot be exercised")

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".pytest_cache", ".annolint_cache",
    "build", "dist", "tests", "benchmarks", "examples", "node_modules")
CLEAN = "Most analysts believe [ORG Sendero Luminoso  ] ( [ORG SL  ] ) are gaining .\n"
BROKEN = "Yesterday [ORG Shining Path attacked a base in Ayacucho .\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=annolint-test", "-c", "user.email=test@invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True)


def _commit_all(repo: Path) -> None:
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "snapshot")


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory):
    """A committed snapshot of the project, a corpus repo, and an isolated pre-commit home.

    ``try-repo`` installs the hook into a throwaway store on every call (a few seconds each);
    ``pre-commit run`` installs into PRE_COMMIT_HOME once and reuses it."""
    base = tmp_path_factory.mktemp("precommit")
    hook = base / "hook"
    shutil.copytree(ROOT, hook, ignore=SNAPSHOT_IGNORE)
    assert (hook / ".pre-commit-hooks.yaml").is_file()
    _commit_all(hook)
    corpus = base / "corpus"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "docs" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (corpus / "docs" / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (corpus / "docs" / "notes.md").write_text("[ORG not a corpus file\n", encoding="utf-8")
    (corpus / "requirements.txt").write_text("[ORG outside the corpus folder\n", encoding="utf-8")
    _commit_all(corpus)
    env = dict(os.environ, PRE_COMMIT_HOME=str(base / "pre-commit-home"),
               PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    env.pop("PRE_COMMIT_COLOR", None)
    wheelhouse = os.environ.get("ANNOLINT_TEST_WHEELHOUSE")
    if wheelhouse:
        env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=wheelhouse)
    return hook, corpus, env


def _pre_commit(corpus: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=corpus, env=env,
                          capture_output=True, text=True, timeout=600)


def test_try_repo_passes_on_a_clean_file(hook_env):
    hook, corpus, env = hook_env
    run = _pre_commit(corpus, env, "try-repo", str(hook), "annolint",
                      "--files", "docs/clean.txt")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "annolint" in run.stdout and "Passed" in run.stdout


def test_try_repo_fails_on_a_broken_bracket_and_names_the_rule(hook_env):
    hook, corpus, env = hook_env
    run = _pre_commit(corpus, env, "try-repo", str(hook), "annolint",
                      "--files", "docs/clean.txt", "docs/broken.txt")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Failed" in run.stdout
    assert "BRK001" in run.stdout
    assert "docs/broken.txt:1:11" in run.stdout  # the opener's exact position
    assert "docs/clean.txt:" not in run.stdout  # the clean file has no finding


def test_config_snippet_runs_the_hook_on_corpus_files_only(hook_env):
    """The README's .pre-commit-config.yaml, pointed at the local snapshot: the hook judges
    the corpus .txt files against the whole corpus folder, and leaves alone other text files
    (docs/notes.md) and files outside the corpus (requirements.txt). A ``files`` in the
    user's config replaces the manifest's ``\\.txt$``, so the snippet repeats it."""
    hook, corpus, env = hook_env
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook, capture_output=True,
                          text=True, check=True).stdout.strip()
    (corpus / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook}\n    rev: {head}\n    hooks:\n      - id: annolint\n"
        "        args: [--corpus-root, docs]\n        files: ^docs/.*\\.txt$\n", encoding="utf-8")
    run = _pre_commit(corpus, env, "run", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "docs/broken.txt:1:11: BRK001" in run.stdout
    assert "notes.md" not in run.stdout and "requirements.txt" not in run.stdout
    run = _pre_commit(corpus, env, "run", "--files", "docs/clean.txt", "requirements.txt")
    assert run.returncode == 0, run.stdout + run.stderr
    (corpus / "docs" / "broken.txt").write_text(CLEAN, encoding="utf-8")
    run = _pre_commit(corpus, env, "run", "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr


def test_fix_hook_repairs_the_markup(hook_env):
    """The second hook id, annolint-fix: safe fixes are written, pre-commit reports the file
    as modified (the hook fails once), and the next run passes."""
    hook, corpus, env = hook_env
    spacing = corpus / "docs" / "spacing.txt"
    spacing.write_text("[ORG Shining Path  ] and [ORG SL ] and [LOC Peru  ]\n", encoding="utf-8")
    _git(corpus, "add", "docs/spacing.txt")
    _git(corpus, "commit", "-q", "-m", "spacing")
    run = _pre_commit(corpus, env, "try-repo", str(hook), "annolint-fix",
                      "--files", "docs/spacing.txt")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    assert spacing.read_text("utf-8") == "[ORG Shining Path  ] and [ORG SL  ] and [LOC Peru  ]\n"
    _git(corpus, "commit", "-q", "-am", "fixed")
    run = _pre_commit(corpus, env, "try-repo", str(hook), "annolint-fix",
                      "--files", "docs/spacing.txt")
    assert run.returncode == 0, run.stdout + run.stderr
