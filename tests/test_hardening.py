"""Issue 16 reproductions: never clobber what is not ours, never hang, clear errors.

Cache trust is in test_hardening_cache.py, the CLI fuzz test in test_hardening_fuzz.py.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from linter.cli import main

BROKEN = "intro\n[LOC Lima ] is big\nthe [ORG Shining Path attacked\n"


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def cli(*args, timeout=60, cwd=None):
    """The real CLI in a subprocess, so that a hang fails the test instead of freezing it."""
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1"})


# ---------------------------------------------------------------- data loss

def test_output_through_a_symlink_replaces_its_target_not_the_link(tmp_path, capsys):
    (tmp_path / "x.txt").write_text(BROKEN)
    (tmp_path / "t.json").write_text("old")
    os.symlink("t.json", tmp_path / "l.json")
    assert main(["check", "x.txt", "-o", "l.json", "--output-format", "json"]) == 1
    assert (tmp_path / "l.json").is_symlink()
    assert json.loads((tmp_path / "t.json").read_text())["findings"]
    assert "is a symlink" in capsys.readouterr().err


def test_report_and_baseline_through_symlinks(tmp_path, capsys):
    (tmp_path / "x.txt").write_text(BROKEN)
    (tmp_path / "real").mkdir()
    os.symlink("real/r.sarif", tmp_path / "r.sarif")  # dangling: the target is created
    os.symlink("real/b.json", tmp_path / "b.json")
    main(["check", "x.txt", "--report", "sarif=r.sarif", "-o", "out.txt"])
    assert (tmp_path / "r.sarif").is_symlink() and (tmp_path / "real" / "r.sarif").is_file()
    assert main(["baseline", "x.txt", "--baseline", "b.json"]) == 0
    assert (tmp_path / "b.json").is_symlink()
    assert json.loads((tmp_path / "real" / "b.json").read_text())["findings"]


def test_output_into_a_fifo_streams_and_keeps_the_fifo(tmp_path):
    (tmp_path / "x.txt").write_text(BROKEN)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert main(["check", "x.txt", "-o", str(fifo), "--output-format", "json"]) == 1
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["findings"]


@pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root")
def test_output_into_a_device_node_keeps_the_node(tmp_path):
    (tmp_path / "x.txt").write_text(BROKEN)
    node = tmp_path / "nd"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null
    assert main(["check", "x.txt", "-o", "nd", "--output-format", "json"]) == 1
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_output_to_dev_null_keeps_it(tmp_path):
    (tmp_path / "x.txt").write_text(BROKEN)
    before = os.stat("/dev/null")
    assert main(["check", "x.txt", "-o", "/dev/null", "--output-format", "json"]) == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.stat("/dev/null").st_ino == before.st_ino


def test_stale_temporaries_of_ours_are_cleaned_up(tmp_path):
    (tmp_path / "x.txt").write_text(BROKEN)
    stale, fresh = tmp_path / ".out.json.abcd1234.tmp", tmp_path / ".out.json.wxyz9876.tmp"
    other = tmp_path / ".other.json.abcd1234.tmp"
    for path in (stale, fresh, other):
        path.write_text("partial")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    main(["check", "x.txt", "-o", "out.json", "--output-format", "json"])
    assert not stale.exists() and fresh.exists() and other.exists()


def test_jobs_are_capped_at_cores_and_work():
    from linter.engine import worker_count

    cores = len(os.sched_getaffinity(0))
    assert worker_count(100_000, 300) <= min(cores, 19)
    assert worker_count(40, 19 * 16) <= 19
    assert worker_count(0, 1000) == 1


def test_huge_jobs_value_lints_normally(tmp_path):
    for index in range(220):
        (tmp_path / f"d{index}.txt").write_text(f"[LOC L{index} ] x\n")
    result = cli("check", ".", "-j", "100000", "--no-cache", "--output-format", "json",
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["findings"]) == 220


# ---------------------------------------------------------------- hangs

def _fil(data, path):
    return [f for f in data["findings"] if f["rule"] == "FIL001" and f["path"] == path]


def test_a_fifo_in_the_corpus_or_named_is_a_finding_not_a_hang(tmp_path):
    (tmp_path / "c").mkdir()
    os.mkfifo(tmp_path / "c" / "x.txt")
    (tmp_path / "c" / "ok.txt").write_text("fine\n")
    for target in ("c", "c/x.txt"):
        result = cli("check", target, "--output-format", "json", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        (finding,) = _fil(json.loads(result.stdout), "c/x.txt")
        assert "FIFO" in finding["message"]


@pytest.mark.parametrize("sidecar", ["x.txt.meta.json", "x.meta.json", "metadata.jsonl"])
def test_a_fifo_sidecar_is_a_finding_not_a_hang(tmp_path, sidecar):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.txt").write_text("fine\n")
    os.mkfifo(tmp_path / "c" / sidecar)
    result = cli("check", "c", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (finding,) = _fil(json.loads(result.stdout), "c/x.txt")
    assert sidecar in finding["message"] and "FIFO" in finding["message"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_a_finding(tmp_path, device):
    (tmp_path / "c").mkdir()
    os.symlink(device, tmp_path / "c" / "d.txt")
    result = cli("check", "c", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "outside the project root" in _fil(json.loads(result.stdout), "c/d.txt")[0]["message"]
    (tmp_path / "annolint.yaml").write_text("follow-external-symlinks: true\n")
    result = cli("check", "c", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "character device" in _fil(json.loads(result.stdout), "c/d.txt")[0]["message"]


def test_symlinks_out_of_the_root_are_not_followed_unless_allowed(tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("[PER s3cr3t ] x\n")
    (tmp_path / "proj" / "c").mkdir(parents=True)
    os.chdir(tmp_path / "proj")
    os.symlink(outside / "secret.txt", "c/p.txt")
    os.symlink("q.txt", "c/inner.txt")
    (tmp_path / "proj" / "c" / "q.txt").write_text("[LOC inside ] x\n")
    (tmp_path / "proj" / "annolint.yaml").write_text("select: [FIL, BRK]\n")
    assert main(["check", "c", "--output-format", "json", "--no-cache"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert "outside the project root" in _fil(data, "c/p.txt")[0]["message"]
    assert "s3cr3t" not in json.dumps(data)
    assert {f["path"] for f in data["findings"] if f["rule"] == "BRK005"} == {
        "c/inner.txt", "c/q.txt"}
    main(["check", "c", "--output-format", "html", "-o", "r.html", "--no-cache"])
    assert "s3cr3t" not in (tmp_path / "proj" / "r.html").read_text()
    (tmp_path / "proj" / "annolint.yaml").write_text("select: [FIL, BRK]\n"
                                                     "follow-external-symlinks: true\n")
    main(["check", "c", "--output-format", "json", "--no-cache"])
    data = json.loads(capsys.readouterr().out)
    assert not _fil(data, "c/p.txt")
    assert "c/p.txt" in {f["path"] for f in data["findings"]}


@pytest.mark.parametrize("pattern", ["**/" * 10 + "*.zzz", "*" * 30, "*a" * 25, "?*" * 25,
                                     "a/" + "**/" * 12 + "b*" * 12 + ".txt"])
def test_config_globs_cannot_backtrack(tmp_path, pattern):
    from linter.globs import matches, matches_any

    deep = "/".join(["d"] * 25) + "/" + "a" * 60 + ".txt"
    started = time.perf_counter()
    matches(deep, pattern)
    matches_any("a" * 80, [pattern, "*.md"])
    assert time.perf_counter() - started < 0.5


def test_deep_folder_with_many_doublestars_discovers_fast(tmp_path):
    deep = tmp_path.joinpath(*["d"] * 25)
    deep.mkdir(parents=True)
    (deep / "f.txt").write_text("[LOC Lima  ] is fine\n")
    include = ", ".join(repr("**/" * 10 + "*.zzz") for _ in range(1))
    (tmp_path / "annolint.yaml").write_text(f"include: [{include}, '**/*.txt']\n")
    started = time.perf_counter()
    assert main(["check", ".", "--no-cache"]) == 0
    assert time.perf_counter() - started < 10


def test_globs_keep_their_meaning():
    from linter.globs import matches

    assert matches("a/b/c.txt", "*.txt") and matches("c.txt", "**/*.txt")
    assert matches("legacy/x/y.txt", "legacy/**") and matches("legacy/y.txt", "legacy/")
    assert matches("a/x/y/b.txt", "a/**/b.txt") and matches("a/b.txt", "a/**/b.txt")
    assert not matches("a/b.txt", "b/**") and not matches("ab.txt", "a?.md")
    assert matches("x/aXaYa.txt", "x/" + "*a" * 3 + "*.txt")
