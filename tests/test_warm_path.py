"""The warm pre-commit path: the freshness query reads a covering index, and an in-place
edit (which leaves the folder's mtime alone) is still seen."""

from __future__ import annotations

import os
import sqlite3

from linter.cli import main


def _corpus(tmp_path):
    for index in range(5):
        (tmp_path / f"doc{index}.txt").write_text(
            f"[PER Alan Garcia  ] met [ORG Congress  ] on day {index} .\n", encoding="utf-8")
    return tmp_path


def test_stat_query_uses_covering_index(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(corpus)
    main(["check", "--corpus-root", ".", "doc0.txt", "--fail-on", "never", "--no-progress",
          "--output-format", "json", "-o", "r.json"])
    connection = sqlite3.connect(corpus / ".annolint_cache" / "index.sqlite")
    plan = connection.execute("EXPLAIN QUERY PLAN SELECT path, size, mtime_ns, meta FROM "
                              "files WHERE plan = 'x'").fetchall()
    assert "COVERING INDEX files_fresh" in str(plan)


def test_in_place_edit_is_seen_with_folder_mtime_unchanged(tmp_path, monkeypatch, capsys):
    corpus = _corpus(tmp_path)
    monkeypatch.chdir(corpus)
    args = ["check", "--corpus-root", ".", "doc0.txt", "--fail-on", "never", "--no-progress",
            "--output-format", "concise"]
    main(args)
    folder = os.stat(corpus).st_mtime_ns
    target = corpus / "doc0.txt"
    with open(target, "r+", encoding="utf-8") as handle:  # in place: no new directory entry
        handle.seek(0, os.SEEK_END)
        handle.write("[PER Bob  ] saw an [PER unclosed entity .\n")
    os.utime(corpus, ns=(folder, folder))
    capsys.readouterr()
    main(args)
    assert "BRK" in capsys.readouterr().out
