"""The HTML report, checked without a browser: escaping, embedded data, offsets, budget.

The browser-level checks (filtering, document view, nothing executes) are in
test_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from linter.model import Finding
from tests.conftest import SEED, lint_files

pytest.importorskip("jinja2")
from linter.reports import html  # noqa: E402  (needs jinja2 only at render time)

DATA = Path(__file__).parent / "data"
HOSTILE = ("[PER <script>window.__xss=2</script>  ] met [ORG <img src=x onerror=alert(1)>  ] .\n"
           "a </script><script>alert(3)</script> \u2028 \u2029 & [LOC Lima  ] .\n")


def corpus() -> dict[str, str]:
    files = {p.name: p.read_text("utf-8") for p in (DATA / "report_corpus").glob("*.txt")}
    files["09LIMA1659.txt"] = SEED.read_text("utf-8")
    return files


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page,
                      re.S)
    return json.loads(match.group(1))


@pytest.fixture
def rendered(tmp_path, monkeypatch):
    def _render(files, **kwargs):
        result = lint_files(tmp_path, files)
        monkeypatch.chdir(tmp_path)
        return result, html.render_html(result, **kwargs)

    return _render


def test_script_json_cannot_end_the_script_tag():
    value = {"t": "</script><!-- \u2028\u2029 & <b>", "k</script>": 1}
    text = html.script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_hostile_corpus_text_is_inert_in_the_page(rendered):
    result, page = rendered({"hostile.txt": HOSTILE})
    assert page.count("<script") == 2  # the JSON data and our own script
    assert "<img" not in page and "alert(3)</script>" not in page
    data = page_data(page)
    assert data["docs"]["0"]["text"] == HOSTILE  # kept intact, only escaped
    ents = data["docs"]["0"]["ents"]
    texts = [HOSTILE[ents[i + 1]:ents[i + 2]] for i in range(0, len(ents), 5)]
    assert texts[:2] == ["<script>window.__xss=2</script>", "<img src=x onerror=alert(1)>"]


def test_content_security_policy_pins_our_script(rendered):
    _result, page = rendered(corpus())
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert not re.search(r'(src|href)="(https?:)?//', page)  # no network


def test_overview_counts_rules_and_config(rendered):
    now = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
    result, page = rendered(corpus(), now=now)
    assert f"{len(result.findings)} findings</title>" in page
    for meta in result.rules:
        assert f'id="rule-{meta.code}"' in page
    assert "2026-01-02 03:04 UTC" in page and "annolint 0.1.0" in page
    assert "&#34;labels&#34;" in page or "&quot;labels&quot;" in page  # effective settings
    assert 'class="bar-row" href="#findings?rule=' in page  # charts link to findings


def test_embedded_findings_and_marks_point_at_the_flagged_text(rendered):
    result, page = rendered(corpus())
    data = page_data(page)
    assert len(data["findings"]) == len(result.findings) > 0
    paths = [entry[0] for entry in data["files"]]
    checked = 0
    for fidx, doc in data["docs"].items():
        marks = doc["marks"]
        for i in range(0, len(marks), 3):
            finding = result.findings[marks[i]]
            assert paths[int(fidx)] == finding.path
            if finding.rule == "BRK005":
                assert doc["text"][marks[i + 1]:marks[i + 2]] == "[ORG SL ]"
                checked += 1
    assert checked >= 1


def test_entity_offsets_are_utf16_for_astral_characters(rendered):
    text = "\U0001F600 [ORG SL  ] and [LOC Lima  ]\n"
    _result, page = rendered({"emoji.txt": text})
    doc = page_data(page)["docs"]["0"]
    units = text.encode("utf-16-le")
    ents = doc["ents"]
    spans = [units[2 * ents[i + 1]:2 * ents[i + 2]].decode("utf-16-le")
             for i in range(0, len(ents), 5)]
    assert spans == ["SL", "Lima"]


def test_document_budget_leaves_texts_out_but_keeps_findings(rendered):
    result, page = rendered(corpus(), doc_budget=0)
    data = page_data(page)
    assert data["docs"] == {} and data["docs_omitted"] == len(result.files)
    assert len(data["findings"]) == len(result.findings)


def test_consistency_groups_collect_every_occurrence(tmp_path, monkeypatch):
    result = lint_files(tmp_path, corpus())
    result.findings.append(Finding(
        "LBL001", "lima_damaged.txt", 4, 78, 4, 89, "'VRAE' is LOC here but ORG elsewhere",
        span=("VRAE", "LOC"), score=0.9, severity="warning",
        evidence={"labels": {"ORG": 23, "LOC": 1}, "nested": {"deep": [1, {"x": "<b>"}]}}))
    monkeypatch.chdir(tmp_path)
    data = html.build_data(result)
    group = next(g for g in data["consistency"] if g["key"] == "VRAE")
    annotated = sum(text.count("VRAE  ]") for text in corpus().values())
    assert group["counted"].get("ORG", 0) + group["counted"].get("LOC", 0) == annotated
    assert group["labels"] == {"ORG": 23, "LOC": 1}
    assert len(group["rows"]) == group["total"]
    row = next(r for r in group["rows"] if r[5] == "LOC")
    assert row[3] == "VRAE" and "[LOC" not in row[2] and row[2].endswith("in the ")
    assert {"labels": {"LOC": 1, "ORG": 23}, "nested": {"deep": [1, {"x": "<b>"}]}} in \
        data["evidence"]


def test_unannotated_occurrences_are_found_outside_markup(tmp_path, monkeypatch):
    files = {"a.txt": "[ORG SL  ] met SL and SLX and [PER SL  ] .\n"}
    result = lint_files(tmp_path, files)
    result.findings.append(Finding("LBL002", "a.txt", 1, 16, 1, 18, "missed", severity="info"))
    monkeypatch.chdir(tmp_path)
    group = html.build_data(result)["consistency"][0]
    assert group["key"] == "SL"
    assert group["counted"] == {"ORG": 1, "PER": 1, "not annotated": 1}


def test_render_through_the_format_table(tmp_path, monkeypatch):
    from linter.reports import render

    result = lint_files(tmp_path, corpus())
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    render("html", result, out)
    assert out.getvalue().startswith("<!DOCTYPE html>")


def test_file_chart_drops_the_shared_directory_and_keeps_every_row():
    from linter.reports.html_charts import bars, common_directory, file_bars, short_label

    paths = [f"data/cables/2009/{n:02}LIMA.txt" for n in range(14)]
    assert common_directory(paths) == "data/cables/2009/"
    assert common_directory(["a/x.txt", "b/x.txt"]) == "" and common_directory(paths[:1]) == ""
    assert short_label("x" * 50, 10) == "…" + "x" * 9 and short_label("abc", 10) == "abc"
    chart = file_bars([(path, 20 - n) for n, path in enumerate(paths)])
    assert [row["label"] for row in chart["shown"]][:2] == ["00LIMA.txt", "01LIMA.txt"]
    assert chart["more"] == 4 and len(chart["hidden"]) == 4
    assert chart["shown"][0]["href"] == "#findings?file=data%2Fcables%2F2009%2F00LIMA.txt"
    assert chart["shown"][0]["full"] == paths[0] and chart["shown"][0]["percent"] == 100.0
    assert bars([], limit=3) == {"shown": [], "hidden": [], "more": 0, "beyond": 0}
