"""A cached result is not reused once the parent folder's metadata.jsonl that described
the document changes (the upward sidecar lookup feeds the cache key)."""

from __future__ import annotations

import json
import os

from linter.cache import CorpusIndex
from linter.config import load_config
from linter.discovery import discover_files
from linter.engine import run

from .conftest import SEED


def _lint(root):
    config = load_config(root / "annolint.yaml", start=root)
    old = os.getcwd()
    os.chdir(root)
    try:
        sources, _ = discover_files(["."], config.settings.include, config.settings.exclude,
                                    root, root)
        index = CorpusIndex(root)
        result = run(config, sources, jobs=1, index=index)
        return result, index.stats
    finally:
        os.chdir(old)


def test_parent_sidecar_change_relints_the_document(tmp_path):
    (tmp_path / "annolint.yaml").write_text("select: [HDR]\n", encoding="utf-8")
    folder = tmp_path / "annotated"
    folder.mkdir()
    (folder / "09LIMA1659.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    sidecar = tmp_path / "metadata.jsonl"
    record = {"id": "09LIMA1659", "classification": "CONFIDENTIAL//NOFORN"}
    sidecar.write_text(json.dumps(record) + "\n", encoding="utf-8")
    first, _ = _lint(tmp_path)
    _, stats = _lint(tmp_path)
    assert stats.relinted == 0  # nothing changed: the cached result is reused
    record["classification"] = "UNCLASSIFIED"  # disagrees with the banner
    sidecar.write_text(json.dumps(record) + "\n", encoding="utf-8")
    third, stats = _lint(tmp_path)
    assert stats.relinted == 1
    before = {f.rule for f in first.findings}
    after = {f.rule for f in third.findings}
    assert before != after  # the classification comes from the parent sidecar
