"""The engine reports its phases after the per-file pass (corpus batches, then the policy)."""

from .conftest import lint_folder

from linter import stream


def test_phases_arrive_in_order_with_counts(tmp_path, monkeypatch):
    monkeypatch.setattr(stream, "BATCH_FILES", 2)
    for number in range(5):
        (tmp_path / f"d{number}.txt").write_text(f"[PER Alice] met [ORG Acme] {number}.\n")
    seen = []
    lint_folder(tmp_path, on_phase=lambda name, done, total: seen.append((name, done, total)))
    names = [name for name, _, _ in seen]
    assert names.index("corpus rules") < names.index("policy")
    corpus = [(done, total) for name, done, total in seen if name == "corpus rules"]
    assert corpus == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert [(d, t) for n, d, t in seen if n == "policy"] == [(0, 1), (1, 1)]
