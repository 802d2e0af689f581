"""The streamed JSON writers write exactly what ``json.dump`` of the whole document would."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.reports import json_report, sarif
from linter.reports.json_stream import dump_streaming

from .conftest import EXAMPLES, lint_folder

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(values, max_size=6), head=st.dictionaries(st.text(max_size=4), values,
                                                                max_size=3),
       nested=st.booleans(), indent=st.sampled_from([1, 2, 4]))
def test_streamed_equals_json_dumps(items, head, nested, indent):
    document = {"runs": [{**head, "results": None}]} if nested else {**head, "list": None}
    where = ("runs", 0, "results") if nested else ("list",)
    expected_doc = json.loads(json.dumps(document))
    target = expected_doc["runs"][0] if nested else expected_doc
    target[where[-1]] = items
    out = io.StringIO()
    dump_streaming(document, where, iter(items), out, indent=indent)
    assert out.getvalue() == json.dumps(expected_doc, ensure_ascii=False, indent=indent)
    assert json.loads(out.getvalue()) == expected_doc


def test_placeholder_never_collides_with_document_text(monkeypatch):
    import uuid

    taken = uuid.UUID(int=1)
    fresh = iter([taken, taken, uuid.UUID(int=2)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(fresh))
    document = {"a": f"annolint-list-{taken.hex}", "b": None}
    out = io.StringIO()
    dump_streaming(document, ("b",), iter([1]), out)
    assert json.loads(out.getvalue()) == {"a": f"annolint-list-{taken.hex}", "b": [1]}


def test_reports_render_the_same_document_as_to_dict():
    result = lint_folder(EXAMPLES, jobs=1)
    assert len(result.findings) > 0
    for module in (json_report, sarif):
        out = io.StringIO()
        module.render(result, out)
        assert out.getvalue() == json.dumps(module.to_dict(result), ensure_ascii=False,
                                            indent=2) + "\n"


def _old_junit(result) -> str:
    from xml.etree import ElementTree as ET

    from linter.reports import junit

    tree = ET.ElementTree(junit.to_element(result))
    ET.indent(tree)
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree.write(out, encoding="unicode", xml_declaration=False)
    return out.getvalue() + "\n"


def test_junit_streamed_equals_the_whole_tree(tmp_path):
    from linter.model import Finding
    from linter.reports import junit

    result = lint_folder(EXAMPLES, jobs=1)
    out = io.StringIO()
    junit.render(result, out)
    assert out.getvalue() == _old_junit(result)
    # a finding at a path that is no linted file gets a testcase of its own, at the end
    result.findings = list(result.findings) + [
        Finding(rule="BRK001", path="zz/other.txt", line=1, column=1, end_line=1,
                end_column=2, message="m",
                severity="error")]
    out = io.StringIO()
    junit.render(result, out)
    assert out.getvalue() == _old_junit(result)
    assert 'name="zz/other.txt"' in out.getvalue()
    # findings out of order: the whole tree is built, with the same content
    result.findings = list(reversed(result.findings))
    out = io.StringIO()
    junit.render(result, out)
    assert out.getvalue() == _old_junit(result)
