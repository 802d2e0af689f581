"""The warm pre-commit path: the freshness query reads a covering index; every change to
another file of the corpus (added, removed, edited in place with no folder's mtime changed)
is still seen; the index's value codec (fast paths) decodes exactly as one call per value."""

from __future__ import annotations

import os
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

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


# ---------------------------------------------------------------- other files of the corpus
# A focused run reads the other files' summaries from the index: whatever shortcut decides
# which files are unchanged (stat, folder mtimes, git) must still see each kind of change.
# Each test makes a change that alters the focus file's findings, and checks the cached run
# against a run without the index.

FOCUS = "We flew to [LOC Lima  ] today .\nThen [ORG Lima  ] was rainy .\n"


def _other(day: int, label: str = "LOC") -> str:
    return f"[{label} Lima  ] hosts the summit on day {day} .\n"


def _lima_corpus(root, folders=("",)):
    root.joinpath("focus.txt").write_text(FOCUS, encoding="utf-8")
    for number, folder in enumerate(folders * 3):
        place = root / folder
        place.mkdir(parents=True, exist_ok=True)
        (place / f"other{number}.txt").write_text(_other(number), encoding="utf-8")
    return root


def _focused(root, monkeypatch, *, cache: bool = True):
    from linter.lint import lint_paths

    monkeypatch.chdir(root)
    run = lint_paths(["focus.txt"], corpus_root=".", use_cache=cache)
    return run, [(f.rule, f.line, f.message) for f in run.result.findings]


def _same_as_without_index(root, monkeypatch):
    run, cached = _focused(root, monkeypatch)
    _, fresh = _focused(root, monkeypatch, cache=False)
    assert cached == fresh
    return run, cached


def _keep_folder_mtimes(*folders):
    """Undo the folder mtime change an edit makes (an in-place edit makes none)."""
    stamps = [(folder, os.stat(folder).st_mtime_ns) for folder in folders]

    def restore():
        for folder, stamp in stamps:
            os.utime(folder, ns=(stamp, stamp))
    return restore


def test_unchanged_corpus_reuses_every_stored_result(tmp_path, monkeypatch):
    corpus = _lima_corpus(tmp_path)
    _focused(corpus, monkeypatch)
    run, findings = _same_as_without_index(corpus, monkeypatch)
    assert run.result.timings["relinted_files"] == 0
    assert run.result.timings["reused_files"] == 4
    assert [rule for rule, _, _ in findings] == ["LBL001"]


def test_an_added_file_is_seen(tmp_path, monkeypatch):
    corpus = _lima_corpus(tmp_path)
    _, before = _same_as_without_index(corpus, monkeypatch)
    (corpus / "added.txt").write_text(_other(9), encoding="utf-8")
    run, after = _same_as_without_index(corpus, monkeypatch)
    assert "4 of 4 other mentions" in before[0][2] and "5 of 5 other mentions" in after[0][2]
    assert run.result.timings["relinted_files"] == 1


def test_a_removed_file_is_seen(tmp_path, monkeypatch):
    corpus = _lima_corpus(tmp_path)
    _, before = _same_as_without_index(corpus, monkeypatch)
    (corpus / "other1.txt").unlink()
    _, after = _same_as_without_index(corpus, monkeypatch)
    assert "other1.txt" in before[0][2]
    assert before != after and all("other1.txt" not in message for _, _, message in after)


def test_a_file_edited_in_place_is_seen_though_no_folder_changed(tmp_path, monkeypatch):
    corpus = _lima_corpus(tmp_path)
    _, before = _same_as_without_index(corpus, monkeypatch)
    restore = _keep_folder_mtimes(corpus)
    with open(corpus / "other1.txt", "r+", encoding="utf-8") as handle:
        handle.write(_other(1, "ORG"))  # same size: only the bytes (and mtime) differ
    restore()
    run, after = _same_as_without_index(corpus, monkeypatch)
    assert before != after
    assert run.result.timings["relinted_files"] == 1


def test_an_edit_in_a_subfolder_is_seen_though_no_folder_changed(tmp_path, monkeypatch):
    corpus = _lima_corpus(tmp_path, folders=("a/b", "c"))
    _, before = _same_as_without_index(corpus, monkeypatch)
    restore = _keep_folder_mtimes(corpus, corpus / "a", corpus / "a" / "b", corpus / "c")
    target = next((corpus / "a" / "b").glob("*.txt"))
    with open(target, "r+", encoding="utf-8") as handle:
        handle.write(handle.read().replace("[LOC", "[PER"))
    restore()
    _, after = _same_as_without_index(corpus, monkeypatch)
    assert before != after


def test_a_file_added_and_another_removed_in_one_folder_is_seen(tmp_path, monkeypatch):
    corpus = _lima_corpus(tmp_path)
    _same_as_without_index(corpus, monkeypatch)
    (corpus / "other0.txt").rename(corpus / "renamed.txt")
    _, after = _same_as_without_index(corpus, monkeypatch)
    assert "renamed.txt" in after[0][2] and "other0.txt" not in after[0][2]


# ---------------------------------------------------------------- the index's value codec

def _reference_encode(value, depth=0):
    """The codec as it was before its fast paths: one call per value."""
    import math

    from linter.cache_codec import MAX_DEPTH, Unstorable

    if depth > MAX_DEPTH:
        raise Unstorable("nested too deeply")
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Unstorable("not a finite number")
        return value
    if isinstance(value, list):
        return [_reference_encode(item, depth + 1) for item in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return {"t": [_reference_encode(item, depth + 1) for item in value]}
    if type(value) is dict:
        return {"d": [[_reference_encode(k, depth + 1), _reference_encode(v, depth + 1)]
                      for k, v in value.items()]}
    raise Unstorable(f"cannot store a {type(value).__name__}")


def _reference_decode(data, depth=0):
    from linter.cache_codec import MAX_DEPTH, Invalid

    if depth > MAX_DEPTH:
        raise Invalid("nested too deeply")
    if data is None or isinstance(data, bool | int | str | float):
        return data
    if isinstance(data, list):
        return [_reference_decode(item, depth + 1) for item in data]
    if isinstance(data, dict) and len(data) == 1:
        if isinstance(data.get("t"), list):
            return tuple(_reference_decode(item, depth + 1) for item in data["t"])
        if isinstance(data.get("d"), list):
            out = {}
            for pair in data["d"]:
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise Invalid("bad dict entry")
                key = _reference_decode(pair[0], depth + 1)
                try:
                    out[key] = _reference_decode(pair[1], depth + 1)
                except TypeError:
                    raise Invalid("bad dict key") from None
            return out
    raise Invalid("unknown value")


def _outcome(function, value):
    try:
        return "ok", repr(function(value))
    except (ValueError, TypeError) as error:
        return type(error).__name__, str(error)


_SCALAR = (st.none() | st.booleans() | st.integers() | st.text(max_size=4)
           | st.floats(allow_nan=True, allow_infinity=True))
_KEYS = st.recursive(_SCALAR, lambda inner: st.tuples(inner, inner), max_leaves=4)
_VALUES = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=4)
                       | st.tuples(inner, inner) | st.dictionaries(_KEYS, inner, max_size=3),
                       max_leaves=25)
_JSON_SCALAR = st.none() | st.booleans() | st.integers() | st.text(max_size=3) | st.floats(
    allow_nan=False, allow_infinity=False)
_STORED = st.recursive(_JSON_SCALAR, lambda inner: (
    st.lists(inner, max_size=3) | st.builds(lambda x: {"t": x}, inner)
    | st.builds(lambda x: {"d": x}, inner) | st.builds(lambda x: {"d": [x]}, inner)
    | st.builds(lambda k, v: {"d": [[k, v]]}, inner, inner)
    | st.dictionaries(st.sampled_from(["t", "d", "x"]), inner, max_size=2)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_codec_encodes_and_decodes_as_the_one_call_per_value_reference(value):
    from linter import cache_codec as codec

    assert _outcome(codec.encode, value) == _outcome(_reference_encode, value)
    if _outcome(codec.encode, value)[0] == "ok":
        encoded = codec.encode(value)
        assert _outcome(codec.decode, encoded) == _outcome(_reference_decode, encoded)
        assert codec.loads(codec.dumps(value)) == _reference_decode(encoded) or value != value


@settings(max_examples=400, deadline=None)
@given(_STORED)
def test_codec_refuses_and_accepts_stored_data_as_the_reference(data):
    from linter import cache_codec as codec

    assert _outcome(codec.decode, data) == _outcome(_reference_decode, data)


def test_codec_depth_limit_is_the_reference_one():
    from linter import cache_codec as codec

    for depth in range(codec.MAX_DEPTH - 2, codec.MAX_DEPTH + 3):
        nested, tagged, empty = 1, 1, []
        for _ in range(depth):
            nested, tagged, empty = [nested], {"t": [tagged]}, [empty]
        assert _outcome(codec.encode, nested) == _outcome(_reference_encode, nested)
        assert _outcome(codec.decode, tagged) == _outcome(_reference_decode, tagged)
        assert _outcome(codec.decode, empty) == _outcome(_reference_decode, empty)


# ---------------------------------------------------------------- discovery, a folder at once

_SEGMENTS = st.sampled_from(["a", "b", "x.txt", "y.TXT", "legacy", "**", "*", "*.txt", "?",
                             "[ab]", "a*b*c*d", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_SEGMENTS, min_size=1, max_size=4).map("/".join), max_size=4),
       st.lists(st.lists(_SEGMENTS, min_size=1, max_size=4).map("/".join), max_size=6))
def test_folder_filter_matches_what_each_path_matches(patterns, paths):
    from linter.globs import matches_any, matching

    paths = paths + ["./" + path for path in paths[:2]]
    assert matching(paths, patterns) == [path for path in paths if matches_any(path, patterns)]


def test_rows_of_another_plan_do_not_hide_a_removed_file(tmp_path, monkeypatch):
    from linter.lint import lint_paths

    corpus = _lima_corpus(tmp_path)
    _same_as_without_index(corpus, monkeypatch)
    lint_paths(["other1.txt"], select=["LBL"])  # its row now belongs to another plan
    (corpus / "other1.txt").unlink()
    _, after = _same_as_without_index(corpus, monkeypatch)
    with sqlite3.connect(corpus / ".annolint_cache" / "index.sqlite") as connection:
        stored = {path for (path,) in connection.execute("SELECT path FROM files")}
    assert "other1.txt" not in stored and "other2.txt" in stored
    assert all("other1.txt" not in message for _, _, message in after)


_ENDINGS = st.text(st.sampled_from("a.tT!#é *?[]/\\"), min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["*", "**/*", "", "/*", "a/*"]), _ENDINGS)
                .map("".join), min_size=1, max_size=3),
       st.lists(st.lists(st.sampled_from(["a", "x.txt", ".txt", "b.t", "t!", "é", "c d",
                                          "x.txt/y", "*", "["]), min_size=1, max_size=3)
                .map("/".join), max_size=8))
def test_name_endings_match_as_the_pattern_does(patterns, paths):
    """The default include (``**/*.txt`` ...) is matched by ``endswith``: the same paths as
    the patterns' own matcher, for any ending, and for patterns that only look like one."""
    from linter.globs import _compile_any, matching

    compiled = _compile_any(tuple(patterns))
    assert matching(paths, patterns) == [path for path in paths if compiled.match(path)]
