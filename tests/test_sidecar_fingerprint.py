"""The index's fingerprint of the metadata sidecars (linter.cache_sidecars).

While it holds, a warm run does not recompute every file's metadata key; every change to a
sidecar that can describe a document (edited with the same size and mtime, a new
``.meta.json``, a ``metadata.jsonl`` in a folder above) must still be seen, a forged
fingerprint is not trusted, and a run that writes rows without checking every key drops it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time

from linter import cache_sidecars
from linter.lint import lint_paths
from linter.metadata import forget_cached

from .conftest import SEED

RECORD = {"id": "09LIMA1659", "classification": "CONFIDENTIAL//NOFORN"}


def _cables(root):
    (root / "annolint.yaml").write_text("select: [HDR]\n", encoding="utf-8")
    folder = root / "annotated"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    (folder / "09LIMA1659.txt").write_text(text, encoding="utf-8")
    (folder / "09LIMA1660.txt").write_text(text.replace("LIMA 1659", "LIMA 1660"),
                                           encoding="utf-8")
    sidecar = root / "metadata.jsonl"
    _write_old(sidecar, json.dumps(RECORD) + "\n")
    return root


def _write_old(path, text, *, stamp=None):
    """Write ``text`` and date the file a minute back (or to ``stamp``)."""
    path.write_text(text, encoding="utf-8")
    stamp = stamp if stamp is not None else time.time_ns() - 60_000_000_000
    os.utime(path, ns=(stamp, stamp))
    return stamp


def _run(root, monkeypatch, *, focus="annotated/09LIMA1659.txt", corpus=".", cache=True):
    monkeypatch.chdir(root)
    if not cache:
        forget_cached()
    run = lint_paths([focus], corpus_root=corpus, use_cache=cache)
    return run, sorted((f.rule, f.line, f.message) for f in run.result.findings)


def _checked(root, monkeypatch):
    """The cached run's findings, which must equal those of a run without the index."""
    run, cached = _run(root, monkeypatch)
    _, fresh = _run(root, monkeypatch, cache=False)
    assert cached == fresh
    return run, cached


def _count_keys(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = cache_sidecars._meta_key

    def counting(path, root=None):
        seen.append(path)
        return real(path, root)
    monkeypatch.setattr(cache_sidecars, "_meta_key", counting)
    return seen


def _fingerprints(root):
    with sqlite3.connect(root / ".annolint_cache" / "index.sqlite") as connection:
        return connection.execute("SELECT plan, fingerprint FROM sidecars").fetchall()


def test_unchanged_sidecars_skip_every_per_file_metadata_key(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_sidecars, "RECENT_NS", 0)  # written just now (ctime)
    corpus = _cables(tmp_path)
    keys = _count_keys(monkeypatch)
    _run(corpus, monkeypatch)
    assert keys  # the first run checks (and stores) every key
    keys.clear()
    run, _ = _run(corpus, monkeypatch)
    assert keys == [] and run.result.timings["relinted_files"] == 0
    assert len(_fingerprints(corpus)) == 1


def test_sidecar_rewritten_with_same_size_and_mtime_is_seen(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_sidecars, "RECENT_NS", 0)  # only the fingerprint decides
    corpus = _cables(tmp_path)
    _, before = _checked(corpus, monkeypatch)
    sidecar = corpus / "metadata.jsonl"
    stamp = sidecar.stat().st_mtime_ns
    old = sidecar.read_text(encoding="utf-8")
    new = json.dumps({"id": "09LIMA1659", "classification": "UNCLASSIFIED"})
    new = new[:-1] + " " * (len(old) - 1 - len(new)) + "}\n"  # pad to the same size
    assert len(new) == len(old)
    _write_old(sidecar, new, stamp=stamp)
    assert sidecar.stat().st_mtime_ns == stamp
    run, after = _checked(corpus, monkeypatch)
    assert before != after  # the classification comes from the sidecar
    assert run.result.timings["relinted_files"] >= 1


def test_sidecar_changed_just_now_is_seen_without_its_fingerprint(tmp_path, monkeypatch):
    corpus = _cables(tmp_path)
    _, before = _checked(corpus, monkeypatch)
    record = dict(RECORD, classification="UNCLASSIFIED")
    (corpus / "metadata.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    keys = _count_keys(monkeypatch)
    _, after = _checked(corpus, monkeypatch)
    assert before != after and keys  # too recent to trust its stat: every key is checked


def test_new_meta_json_beside_the_document_is_seen(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_sidecars, "RECENT_NS", 0)
    corpus = _cables(tmp_path)
    (corpus / "metadata.jsonl").unlink()
    _, before = _checked(corpus, monkeypatch)
    _write_old(corpus / "annotated" / "09LIMA1659.meta.json", json.dumps(
        {"classification": "UNCLASSIFIED"}))
    _, after = _checked(corpus, monkeypatch)
    assert before != after


def test_sidecar_removed_is_seen(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_sidecars, "RECENT_NS", 0)
    corpus = _cables(tmp_path)
    _write_old(corpus / "metadata.jsonl",
               json.dumps(dict(RECORD, classification="UNCLASSIFIED")) + "\n")
    _, before = _checked(corpus, monkeypatch)
    (corpus / "metadata.jsonl").unlink()
    _, after = _checked(corpus, monkeypatch)
    assert before != after


def test_forged_fingerprint_is_not_trusted(tmp_path, monkeypatch):
    from linter.discovery import discover_files

    monkeypatch.setattr(cache_sidecars, "RECENT_NS", 0)
    corpus = _cables(tmp_path)
    _, before = _checked(corpus, monkeypatch)
    _write_old(corpus / "metadata.jsonl",
               json.dumps(dict(RECORD, classification="UNCLASSIFIED")) + "\n")
    # someone who can write the cache folder claims the changed sidecar was checked already
    sources, _ = discover_files(["."], ["**/*.txt"], [], corpus, corpus)
    now = cache_sidecars.SidecarKeys(str(corpus)).fingerprint(sources)
    with sqlite3.connect(corpus / ".annolint_cache" / "index.sqlite") as connection:
        connection.execute("UPDATE sidecars SET fingerprint = ?, mac = ?", (now, "0" * 64))
    keys = _count_keys(monkeypatch)
    _, after = _checked(corpus, monkeypatch)
    assert before != after and keys  # not trusted: every key was checked again


def test_partial_run_after_a_sidecar_change_drops_the_fingerprint(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_sidecars, "RECENT_NS", 0)
    corpus = _cables(tmp_path)
    _run(corpus, monkeypatch)
    assert len(_fingerprints(corpus)) == 1
    _write_old(corpus / "metadata.jsonl",
               json.dumps(dict(RECORD, classification="UNCLASSIFIED")) + "\n")
    monkeypatch.chdir(corpus)
    lint_paths(["annotated/09LIMA1659.txt"])  # no corpus root: rows of one file only
    assert _fingerprints(corpus) == []  # its rows may disagree with the stored one
    _, after = _checked(corpus, monkeypatch)
    assert len(_fingerprints(corpus)) == 1
