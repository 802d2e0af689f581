"""``annolint check - --stdin-filename PATH``: an editor's buffer linted as if at PATH,
the file on disk never read nor written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LOC = "Flights to [LOC Lima  ] resumed .\n"
ORG = "Flights to [ORG Lima  ] resumed .\n"
UNCLOSED = "Hello [PER John  ] in [LOC Lima  .\n"


def _stdin(cwd: Path, data: bytes | str, *args: str) -> subprocess.CompletedProcess:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return subprocess.run([sys.executable, "-m", "linter", "check", "--no-progress",
                           "--output-format", "concise", *args], cwd=cwd, input=data,
                          capture_output=True)


def _untouched(path: Path, text: str, stat: os.stat_result) -> None:
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


def test_findings_are_reported_under_the_path_and_the_file_is_not_read(tmp_path):
    target = tmp_path / "docs" / "doc.txt"
    target.parent.mkdir()
    target.write_text(LOC, encoding="utf-8")  # clean on disk: only the buffer is linted
    before = target.stat()
    proc = _stdin(tmp_path, UNCLOSED, "-", "--stdin-filename", "docs/doc.txt")
    out = proc.stdout.decode()
    assert proc.returncode == 1, proc.stderr
    assert "docs/doc.txt:1:23: BRK001" in out
    _untouched(target, LOC, before)


def test_without_a_filename_the_placeholder_and_inline_format_are_used(tmp_path):
    proc = _stdin(tmp_path, UNCLOSED, "-")
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("-:1:23: BRK001")
    assert list(tmp_path.iterdir()) == []  # no cache without a path


def test_the_path_decides_config_discovery_and_per_file_ignores(tmp_path):
    project = tmp_path / "project"
    (project / "notes").mkdir(parents=True)
    (project / "annolint.yaml").write_text(
        "per-file-ignores:\n  'notes/*.txt': [BRK001]\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    ignored = _stdin(elsewhere, UNCLOSED, "-", "--stdin-filename",
                     str(project / "notes" / "a.txt"))
    assert ignored.returncode == 0, ignored.stdout + ignored.stderr
    assert b"BRK001" not in ignored.stdout
    reported = _stdin(elsewhere, UNCLOSED, "-", "--stdin-filename", str(project / "a.txt"))
    assert reported.returncode == 1 and b"BRK001" in reported.stdout
    assert not (elsewhere / ".annolint_cache").exists()


def test_the_path_decides_the_format(tmp_path):
    conll = "Flights O\nto O\nLima B-LOC\n\n"
    proc = _stdin(tmp_path, conll, "-", "--stdin-filename", "doc.conll",
                  "--output-format", "json")
    assert proc.returncode == 0, proc.stderr
    assert b'"LOC": 1' in proc.stdout  # read as CoNLL: as inline it holds no entity


def test_judged_against_the_corpus_with_the_index_and_the_disk_file_relinted_later(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt"):
        (corpus / name).write_text(LOC, encoding="utf-8")
    target = corpus / "e.txt"
    before = target.stat()
    args = ["--corpus-root", "corpus", "--fail-on", "never"]
    warm = subprocess.run([sys.executable, "-m", "linter", "check", "--no-progress",
                           "--output-format", "concise", *args, "corpus"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert "LBL001" not in warm.stdout and (corpus / ".annolint_cache").is_dir()
    for _ in range(2):  # the second run reads the index the first one updated
        proc = _stdin(tmp_path, ORG, "-", "--stdin-filename", "corpus/e.txt", *args)
        out = proc.stdout.decode()
        assert "corpus/e.txt:1:12: LBL001" in out, out + proc.stderr.decode()
        findings = [line for line in out.splitlines() if not line.startswith("annolint:")]
        assert findings and all(line.startswith("corpus/e.txt:") for line in findings)
    _untouched(target, LOC, before)
    after = subprocess.run([sys.executable, "-m", "linter", "check", "--no-progress",
                            "--output-format", "concise", *args, "corpus/e.txt"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert "LBL001" not in after.stdout, after.stdout  # the disk file, not the buffer


def test_fix_writes_the_fixed_text_to_stdout_and_never_the_file(tmp_path):
    target = tmp_path / "doc.txt"
    broken = "Hello [PER  John  ] .\n"
    target.write_text(broken, encoding="utf-8")
    before = target.stat()
    proc = _stdin(tmp_path, broken, "-", "--stdin-filename", "doc.txt", "--fix")
    assert proc.stdout == b"Hello [PER John  ] .\n", proc.stderr
    assert b"finding" in proc.stderr  # the report goes to stderr
    assert proc.returncode == 0
    _untouched(target, broken, before)


def test_diff_with_stdin_prints_a_diff(tmp_path):
    proc = _stdin(tmp_path, "Hello [PER  John  ] .\n", "-", "--stdin-filename", "doc.txt",
                  "--diff")
    assert proc.returncode == 1
    assert b"-Hello [PER  John  ] .\n+Hello [PER John  ] .\n" in proc.stdout


def test_undecodable_bytes_get_the_file_finding(tmp_path):
    proc = _stdin(tmp_path, b"\xff\xfe not utf-8", "-", "--stdin-filename", "x.txt")
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("x.txt:1:1: FIL003")
    assert b"Traceback" not in proc.stderr


def test_stdin_with_other_paths_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(LOC, encoding="utf-8")
    proc = _stdin(tmp_path, LOC, "-", "a.txt")
    assert proc.returncode == 2
    assert b"cannot be combined" in proc.stderr
