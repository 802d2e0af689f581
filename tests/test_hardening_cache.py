"""Issue 16: the corpus index never produces wrong findings, whatever it holds."""

from __future__ import annotations

import json
import os
import pickle
import random
import sqlite3

import pytest

from linter.cli import main
from tests.test_lbl_focus import FOCUS, write_corpus

INDEX = os.path.join("corpus", ".annolint_cache", "index.sqlite")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run(capsys, *args) -> tuple[int, list[tuple], str]:
    code = main(["check", *args, "--output-format", "json", "--fail-on", "never"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    return code, sorted((f["rule"], f["path"], f["line"], f["column"], f["message"])
                        for f in data["findings"]), captured.err


def focused(capsys, path=FOCUS):
    return run(capsys, "--corpus-root", "corpus", path)


def truth(capsys, path=FOCUS):
    code, found, _ = run(capsys, "--no-cache", "corpus")
    return [item for item in found if item[1] == path or path is None]


def _sql(statement, *args):
    with sqlite3.connect(INDEX) as connection:
        return connection.execute(statement, args).fetchall()


def _checkpoint():
    with sqlite3.connect(INDEX) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.mark.parametrize("seed", range(12))
def test_random_overwrites_of_the_index_never_change_focused_findings(tmp_path, capsys, seed):
    write_corpus(tmp_path)
    (tmp_path / "corpus" / "broken.txt").write_text("the [ORG Shining Path attacked .\n")
    expected = {path: truth(capsys, path) for path in (FOCUS, "corpus/broken.txt")}
    assert expected[FOCUS]
    focused(capsys)  # builds the index
    _checkpoint()
    rng = random.Random(seed)
    size = os.path.getsize(INDEX)
    with open(INDEX, "r+b") as handle:
        for _ in range(16):
            handle.seek(rng.randrange(0, max(1, size - 64)))
            handle.write(rng.randbytes(64))
    for _ in range(2):  # damaged, then repaired
        for path, wanted in expected.items():
            code, found, err = focused(capsys, path)
            assert (code, found) == (0, wanted), err


def test_tampered_totals_are_rebuilt(tmp_path, capsys):
    write_corpus(tmp_path)
    wanted = truth(capsys)
    focused(capsys)
    _sql("UPDATE agg SET blob = '{\"d\":[]}'")
    code, found, err = focused(capsys)
    assert found == wanted and "did not verify" in err
    assert focused(capsys)[1] == wanted
    _sql("DELETE FROM agg WHERE rowid % 2 = 0")  # rows gone, macs of the rest still fine
    _sql("UPDATE agg_state SET rows = rows")
    assert focused(capsys)[1] == wanted


def test_a_tampered_entry_of_a_spread_table_is_caught_when_read(tmp_path, capsys):
    """The tables of every annotated text and word are stored one row per entry and read
    as a rule looks entries up: an entry that does not verify, found in the middle of the
    corpus phase, makes the run judge again from totals rebuilt from the files."""
    write_corpus(tmp_path)
    wanted = truth(capsys)
    focused(capsys)
    spread = _sql("SELECT count(*) FROM agg WHERE key LIKE 'A' || char(31) || '%'")[0][0]
    assert spread > 1 and not _sql("SELECT key FROM agg WHERE key IN ('A', 'W')")
    _sql("UPDATE agg SET blob = '7' WHERE key LIKE 'A' || char(31) || '%'")
    code, found, err = focused(capsys)
    assert found == wanted and "did not verify" in err
    assert focused(capsys) == (code, wanted, "")  # stored again: trusted, nothing to say


def test_deleted_file_rows_cannot_double_count(tmp_path, capsys):
    write_corpus(tmp_path)
    wanted = truth(capsys)
    focused(capsys)
    _sql("DELETE FROM files WHERE path LIKE '%other%'")
    assert focused(capsys)[1] == wanted
    assert focused(capsys)[1] == wanted


def test_a_crafted_clean_row_does_not_hide_a_broken_file(tmp_path, capsys):
    write_corpus(tmp_path)
    broken = tmp_path / "corpus" / "broken.txt"
    broken.write_text("the [ORG Shining Path attacked .\n")
    wanted = truth(capsys, "corpus/broken.txt")
    assert any(item[0] == "BRK001" for item in wanted)
    focused(capsys, "corpus/broken.txt")
    (payload,) = _sql("SELECT result FROM files WHERE path = 'corpus/broken.txt'")[0]
    row = json.loads(payload)
    row["findings"] = []
    _sql("UPDATE files SET result = ? WHERE path = 'corpus/broken.txt'", json.dumps(row))
    os.utime(broken)
    assert focused(capsys, "corpus/broken.txt")[1] == wanted
    assert run(capsys, "corpus")[1] == truth(capsys, None)


def test_a_pickle_in_the_index_is_never_loaded(tmp_path, capsys):
    write_corpus(tmp_path)
    focused(capsys)

    class Evil:
        def __reduce__(self):
            return (os.system, ("touch PWNED",))

    _sql("UPDATE files SET result = ?", pickle.dumps(Evil()))
    _sql("UPDATE agg SET blob = ?", pickle.dumps(Evil()))
    assert focused(capsys)[1] == truth(capsys)
    assert not (tmp_path / "PWNED").exists()


def test_an_index_from_another_user_is_relinted(tmp_path, capsys, monkeypatch):
    write_corpus(tmp_path)
    focused(capsys)
    rows = _sql("SELECT count(*) FROM files")[0][0]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    from linter.cache import CorpusIndex
    from linter.config import load_config
    from linter.discovery import discover_files
    from linter.engine import run as engine_run

    config = load_config(start=tmp_path)
    sources, _ = discover_files(["corpus"], ["**/*.txt"], [], tmp_path, tmp_path)
    index = CorpusIndex(tmp_path / "corpus")
    engine_run(config, sources, jobs=1, index=index)
    assert (index.stats.reused, index.stats.relinted) == (0, rows)


def test_text_generation_is_repaired_not_exit_3(tmp_path, capsys):
    write_corpus(tmp_path)
    focused(capsys)
    _sql("INSERT OR REPLACE INTO meta VALUES ('generation', 'text')")
    code, found, err = focused(capsys)
    assert code == 0 and found == truth(capsys) and "rebuilding" in err
    assert "rebuilding" not in focused(capsys)[2]


def test_an_index_of_another_layout_is_rebuilt_once(tmp_path, capsys):
    write_corpus(tmp_path)
    (tmp_path / "corpus" / ".annolint_cache").mkdir()
    with sqlite3.connect(INDEX) as connection:
        connection.execute("CREATE TABLE files (path TEXT PRIMARY KEY, blob BLOB)")
        connection.execute("INSERT INTO files VALUES ('corpus/focus.txt', x'00')")
    assert "rebuilding" in focused(capsys)[2]
    code, found, err = focused(capsys)
    assert "rebuilding" not in err and "unreadable" not in err and found == truth(capsys)
