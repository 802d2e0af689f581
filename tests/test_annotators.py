"""Annotator feedback pages: attribution order, git blame per file, rates, escaping."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from linter.reports import annotators
from tests.conftest import lint_files

pytest.importorskip("jinja2")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ALICE_LINES = ("Most analysts believe [ORG Sendero Luminoso  ] ( [ORG SL  ] ) gain ground .\n"
               "Local observers in [LOC Ayacucho  ] agree .\n")
BOB_LINES = ("In the latest incident , [ORG SL elements attacked a base .\n"
             "According to [MISC GOP  ] officials , quashing [ORGG SL  ] is a priority .\n")


def git(repo: Path, *args: str, author: str | None = None) -> None:
    command = ["git"]
    if author:
        command += ["-c", f"user.name={author}", "-c", f"user.email={author.lower()}@example.org"]
    subprocess.run(command + list(args), cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repo where Alice wrote the first two lines of a.txt and Bob the next two."""
    git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text(ALICE_LINES, encoding="utf-8")
    git(tmp_path, "add", "a.txt")
    git(tmp_path, "commit", "-q", "-m", "alice", author="Alice")
    (tmp_path / "a.txt").write_text(ALICE_LINES + BOB_LINES, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "bob", author="Bob")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_git
def test_git_blame_attributes_findings_and_entities_per_line(repo):
    result = lint_files(repo, {})
    bob_findings = [f for f in result.findings if f.line >= 3]
    assert bob_findings, "the damaged lines must produce findings"
    paths = annotators.write_annotator_pages(result, repo / "feedback", use_git=True)
    assert [p.name for p in paths] == ["index.html", "alice.html", "bob.html"]
    people = annotators.attribute(result, use_git=True)
    assert (people["Alice"].entities, people["Bob"].entities) == (3, 2)
    assert {f.line for f in people["Bob"].findings} == {f.line for f in bob_findings}
    assert all(f.line <= 2 for f in people["Alice"].findings)
    bob_page = (repo / "feedback" / "bob.html").read_text("utf-8")
    alice_page = (repo / "feedback" / "alice.html").read_text("utf-8")
    unclosed = next(f for f in bob_findings if f.rule == "BRK001")
    assert "BRK001" in bob_page and "never closed" in bob_page
    assert "BRK001" not in alice_page
    # the rule's explanation and its wrong/right examples are on the page
    assert "Wrong" in bob_page and "Right" in bob_page and "sentence per line" in bob_page
    assert f"a.txt:{unclosed.line}:{unclosed.column}" in bob_page
    index = (repo / "feedback" / "index.html").read_text("utf-8")
    rate = 1000 * len(people["Bob"].findings) / 2
    assert f"{rate:.1f}" in index and 'href="bob.html"' in index


@needs_git
def test_without_git_unmapped_files_are_unattributed(repo):
    result = lint_files(repo, {})
    people = annotators.attribute(result, use_git=False)
    assert list(people) == ["unattributed"]
    assert len(people["unattributed"].findings) == len(result.findings)


@needs_git
def test_uncommitted_lines_and_untracked_files_are_unattributed(repo):
    with open(repo / "a.txt", "a", encoding="utf-8") as handle:
        handle.write("Uncommitted [ORG SL ] line .\n")
    (repo / "new.txt").write_text("[ORG x ] untracked\n", encoding="utf-8")
    result = lint_files(repo, {})
    people = annotators.attribute(result, use_git=True)
    unattributed = {(f.path, f.line) for f in people["unattributed"].findings}
    assert ("a.txt", 5) in unattributed and ("new.txt", 1) in unattributed


def test_sidecar_beats_config_beats_git(tmp_path, monkeypatch):
    files = {"team/a.txt": BOB_LINES, "team/b.txt": BOB_LINES, "other/c.txt": BOB_LINES}
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "a.txt.meta.json").write_text(json.dumps({"annotator": "Carol"}))
    result = lint_files(tmp_path, files, config_text="annotators:\n  'team/*.txt': Dave\n")
    monkeypatch.chdir(tmp_path)
    calls = []

    def fake_blame(path):
        calls.append(path)
        return ["Erin"] * 10

    people = annotators.attribute(result, use_git=True, blame=fake_blame)
    owners = {name: sorted({f.path for f in p.findings}) for name, p in people.items()}
    assert owners == {"Carol": ["team/a.txt"], "Dave": ["team/b.txt"], "Erin": ["other/c.txt"]}
    assert calls == ["other/c.txt"]  # one blame per file, only where nothing else decides
    assert people["Dave"].entities == 2


def test_one_blame_per_file_not_per_finding(tmp_path, monkeypatch):
    result = lint_files(tmp_path, {"x.txt": BOB_LINES * 3})
    assert len(result.findings) > 3
    monkeypatch.chdir(tmp_path)
    calls = []
    annotators.attribute(result, use_git=True,
                         blame=lambda path: calls.append(path) or ["Erin"] * 20)
    assert calls == ["x.txt"]


def test_parse_porcelain_remembers_authors_by_commit():
    sha_a, sha_b = "a" * 40, "b" * 40
    output = "\n".join([
        f"{sha_a} 1 1 1", "author Alice", "author-mail <a@x>", "filename a.txt", "\tline one",
        f"{sha_b} 2 2 1", "author Bob", "filename a.txt", "\tline two",
        f"{sha_a} 3 3", "\tline three",
        f"{'0' * 40} 4 4 1", "author Not Committed Yet", "\tline four",
    ])
    assert annotators.parse_porcelain(output) == ["Alice", "Bob", "Alice", None]


def test_hostile_annotator_names_are_escaped_and_slugged(tmp_path, monkeypatch):
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"annotator": "<script>x</script>"}))
    (tmp_path / "b.txt.meta.json").write_text(json.dumps({"annotator": "../../index"}))
    result = lint_files(tmp_path, {"a.txt": BOB_LINES, "b.txt": "[PER <img src=x onerror=alert(1)>  ]\n"})
    monkeypatch.chdir(tmp_path)
    paths = annotators.write_annotator_pages(result, tmp_path / "out")
    assert all(p.parent == tmp_path / "out" for p in paths)
    names = sorted(p.name for p in paths)
    assert names == ["annotator-index.html", "index.html", "script-x-script.html"]
    for path in paths:
        page = path.read_text("utf-8")
        assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_clean_annotator_gets_a_thank_you(tmp_path, monkeypatch):
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"annotator": "Zoe"}))
    result = lint_files(tmp_path, {"a.txt": ALICE_LINES})
    monkeypatch.chdir(tmp_path)
    paths = annotators.write_annotator_pages(result, tmp_path / "out")
    page = paths[1].read_text("utf-8")
    assert paths[1].name == "zoe.html" and "Thank you" in page
