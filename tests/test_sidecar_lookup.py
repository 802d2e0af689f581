"""metadata.jsonl sidecars found in folders above the document, up to the config root."""

import json

from linter.metadata import load_metadata, sidecar_for, sidecar_problems


def _jsonl(folder, *rows):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metadata.jsonl").write_text("\n".join(json.dumps(row) for row in rows) + "\n")


def _doc(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("text\n")
    return path


def test_one_level_up_cables_dev_layout(tmp_path):
    _jsonl(tmp_path, {"id": "05MADRID171", "origin": "Embassy Madrid"})
    doc = _doc(tmp_path / "annotated" / "05MADRID171.txt")
    _doc(tmp_path / "raw" / "05MADRID171.txt")
    assert load_metadata(doc, tmp_path)["origin"] == "Embassy Madrid"
    assert sidecar_for(doc, tmp_path) == str(tmp_path / "metadata.jsonl")


def test_two_levels_up_and_relative_path_ids(tmp_path):
    _jsonl(tmp_path, {"id": "a/b/x", "annotator": "rel"}, {"id": "y", "annotator": "stem"})
    assert load_metadata(_doc(tmp_path / "a" / "b" / "x.txt"), tmp_path)["annotator"] == "rel"
    assert load_metadata(_doc(tmp_path / "a" / "b" / "y.txt"), tmp_path)["annotator"] == "stem"


def test_nearest_wins(tmp_path):
    _jsonl(tmp_path, {"id": "x", "annotator": "far"}, {"id": "z", "annotator": "far"})
    _jsonl(tmp_path / "a", {"id": "x", "annotator": "near"})
    assert load_metadata(_doc(tmp_path / "a" / "b" / "x.txt"), tmp_path)["annotator"] == "near"
    # a nearer sidecar without a record for the document does not hide a farther one
    assert load_metadata(_doc(tmp_path / "a" / "b" / "z.txt"), tmp_path)["annotator"] == "far"


def test_stops_at_root(tmp_path):
    _jsonl(tmp_path, {"id": "x", "annotator": "outside"})
    root = tmp_path / "project"
    doc = _doc(root / "sub" / "x.txt")
    assert load_metadata(doc, root) == {}
    assert load_metadata(doc) == {}  # no root: the document's own folder only
    assert load_metadata(doc, tmp_path)["annotator"] == "outside"


def test_not_under_root_looks_in_own_folder_only(tmp_path):
    _jsonl(tmp_path, {"id": "x", "annotator": "above"})
    doc = _doc(tmp_path / "elsewhere" / "x.txt")
    assert load_metadata(doc, tmp_path / "project") == {}


def test_same_folder_behaviour_kept(tmp_path):
    _jsonl(tmp_path / "d", {"id": "x", "annotator": "here"})
    doc = _doc(tmp_path / "d" / "x.txt")
    assert load_metadata(doc)["annotator"] == "here"
    assert load_metadata(doc, tmp_path)["annotator"] == "here"


def test_bad_line_in_parent_sidecar_named_with_file_and_line(tmp_path):
    deep = "[" * 100 + "]" * 100
    (tmp_path / "metadata.jsonl").write_text('{"id": "x"}\n' + deep + "\n")
    doc = _doc(tmp_path / "a" / "x.txt")
    problems = sidecar_problems(doc, tmp_path)
    assert any("../metadata.jsonl line 2" in message for message in problems), problems
    assert sidecar_problems(doc) == []


def test_verbose_counts_per_sidecar_and_names_config(tmp_path, monkeypatch, capsys):
    from linter.cli import main

    _jsonl(tmp_path, {"id": "a"}, {"id": "b"})
    (tmp_path / "annolint.yaml").write_text("{}\n")
    for name in ("a", "b", "c"):
        _doc(tmp_path / "annotated" / f"{name}.txt")
    monkeypatch.chdir(tmp_path)
    try:
        main(["check", "annotated", "-v", "--no-progress", "--no-cache"])
    except SystemExit:
        pass
    err = capsys.readouterr().err
    assert "annolint.yaml" in err
    assert f"sidecar {tmp_path / 'metadata.jsonl'}: applied to 2 documents" in err
    assert err.count("applied to") == 1


# ------------------------------------------------------------ the lookup of few ids
# A run that relints one document parses only the metadata.jsonl lines that can hold its
# id; it must find exactly what parsing every line finds (the last line naming an id wins;
# escaped ids, duplicate keys, nested ids, malformed lines).

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from linter.metadata import _parse, _Table  # noqa: E402

_IDS = st.sampled_from(["a", "b", "ab", "a/b", "é", "x\ny", "", "09LIMA1", "\\"])
_ODD_LINES = st.sampled_from([
    "", "{", "[]", '{"id": 3}', '{"id": "a", "id": "b"}', '{"x": {"id": "a"}}', '"a"',
    '{"id": "\\u0061"}', '{"id":"a\\/b"}', '{"id": "ab"} {"id": "a"}', "[" * 70 + "]" * 70])


def _record(key: str, value: int) -> str:
    return json.dumps({"id": key, "v": value}, ensure_ascii=value % 2 == 0)


def _every_line(text: str) -> dict:
    table = {}
    for line in text.split("\n"):
        row = _parse(line)
        if isinstance(row, dict) and isinstance(row.get("id"), str):
            table[row["id"]] = row
    return table


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.builds(_record, _IDS, st.integers(0, 5)), _ODD_LINES,
                          st.text(max_size=6)), max_size=12),
       st.lists(_IDS, min_size=1, max_size=2))
def test_few_id_lookup_finds_what_parsing_every_line_finds(lines, keys):
    text = "\n".join(lines)
    full = _every_line(text)
    expected = {key: full[key] for key in keys if key in full}
    table = _Table(text, ())
    for _ in range(_Table.FULL_AFTER + 2):  # the targeted lookups, then the whole table
        assert table.find(tuple(keys)) == expected


def test_document_record_from_a_large_sidecar_and_a_deep_line_reported(tmp_path):
    rows = [{"id": f"D{number}", "origin": f"post {number}"} for number in range(3000)]
    _jsonl(tmp_path, *rows, {"id": "D7", "origin": "last line wins"})
    with open(tmp_path / "metadata.jsonl", "a", encoding="utf-8") as handle:
        handle.write("[" * 80 + "]" * 80 + "\n")
    assert load_metadata(_doc(tmp_path / "D7.txt"), tmp_path)["origin"] == "last line wins"
    assert load_metadata(_doc(tmp_path / "D2999.txt"), tmp_path)["origin"] == "post 2999"
    assert load_metadata(_doc(tmp_path / "D3000.txt"), tmp_path) == {}
    problems = sidecar_problems(tmp_path / "D7.txt", tmp_path)
    assert problems == ["sidecar metadata.jsonl line 3002 not read: JSON nested deeper "
                        "than 64 levels"]
