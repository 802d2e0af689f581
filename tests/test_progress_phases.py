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


def _console(terminal):
    import io

    from rich.console import Console

    out = io.StringIO()
    return out, Console(file=out, force_terminal=terminal, width=80)


def test_terminal_shows_phase_names():
    from linter.progress import phase_progress

    out, console = _console(True)
    bar = phase_progress(500, True, console)
    bar.advance(500)
    bar.on_phase("corpus rules", 3, 12)
    bar.on_phase("policy", 0, 1)
    bar.stop()
    assert "corpus rules: batch 3/12" in out.getvalue()
    assert "policy" in out.getvalue()


def test_piped_or_disabled_shows_nothing():
    from linter.progress import phase_progress

    out, console = _console(False)
    assert phase_progress(500, True, console) is None
    out, console = _console(True)
    assert phase_progress(500, False, console) is None
    assert out.getvalue() == ""


def test_writing_the_report_is_shown_on_a_terminal_only():
    from linter.progress import writing_status

    out, console = _console(True)
    with writing_status(True, 500, True, console):
        console.file.flush()
    assert "writing the report" in out.getvalue()
    for enabled, files, to_file, terminal in ((False, 500, True, True), (True, 10, True, True),
                                              (True, 500, False, True),
                                              (True, 500, True, False)):
        out, console = _console(terminal)
        with writing_status(enabled, files, to_file, console):
            pass
        assert out.getvalue() == ""
