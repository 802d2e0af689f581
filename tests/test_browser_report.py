"""The HTML report's views in a real browser: layout, wording and links a new user trips on.

One report (the example corpus under a shared directory, plus files made for these checks)
is rendered once and opened in one page that the tests share; each test navigates by the
URL hash. Same setup as test_browser.py: headless Debian Chromium through Playwright.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from linter.model import Finding
from tests.conftest import SEED, lint_files

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DATA = Path(__file__).parent / "data"

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Python Playwright is not installed (pip install playwright)")
pytest.importorskip("jinja2")
if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

from linter.reports import html  # noqa: E402

expect = sync_api.expect
PREFIX = "archive/cables/2009/"
CABLE = PREFIX + "lima/09LIMA1659.txt"
EMBASSY = PREFIX + "embassy/embassy-mentions-from-the-reporting.txt"
LONG = PREFIX + "embassy/" + "an_extraordinarily_long_file_name_without_any_space_" * 3 + "end.txt"
BATCH = [PREFIX + f"batches/from-a-long-folder/cable-with-a-fairly-long-descriptive-name-{n:02}.txt"
         for n in range(12)]
LEFT = ("In the long report that the political section drafted after many weeks of meetings "
        "with contacts in the capital the")
RIGHT = ("said that the situation in the northern provinces remains difficult and that further "
         "reporting on the matter will follow soon .")
# "Embassy": 6 bare, PER 5, ORG 3, LOC 1 -> PER is the majority; only ORG and LOC rows stand out
MENTIONS = ["Embassy"] * 6 + ["[PER Embassy  ]"] * 5 + ["[ORG Embassy  ]"] * 3 + ["[LOC Embassy  ]"]


def embassy_text() -> str:
    lines = [f"{LEFT} {mention} {RIGHT}" for mention in MENTIONS]
    lines += ["They sailed the [LOC Northwest Passage  ] in a long summer .",
              "Prime minister [PER Sagasta  ] spoke ."]
    return "\n".join(lines) + "\n"


def corpus() -> dict[str, str]:
    files = {PREFIX + "lima/" + p.name: p.read_text("utf-8")
             for p in (DATA / "report_corpus").glob("*.txt")}
    files[CABLE] = SEED.read_text("utf-8")
    files[EMBASSY] = embassy_text()
    files[LONG] = "[LOC Lima  ] .\n"
    for path in BATCH:
        files[path] = "Several [ORGG SL  ] members spoke .\n"
    return files


def extra_findings(text: str) -> list[Finding]:
    lines = text.split("\n")
    line = next(n for n, row in enumerate(lines, 1) if "[LOC Embassy" in row)
    column = lines[line - 1].index("[LOC Embassy") + 1
    evidence = {"labels": {"PER": 5, "ORG": 3, "LOC": 1}, "this_document": True,
                "suggested": "PER", "other_documents": [LONG, CABLE],
                "examples": [f"{LONG}:1:1", f"{CABLE}:3:1"]}
    found = [Finding("LBL001", EMBASSY, line, column, line, column + 15,
                     f"'Embassy' is LOC here (planted for these tests); see {LONG}:1:1",
                     span=("Embassy", "LOC"), score=0.5, severity="warning", evidence=evidence)]
    for text, label in (("Northwest Passage", "LOC"), ("Sagasta", "PER")):
        at = next(n for n, row in enumerate(lines, 1) if text in row)
        start = lines[at - 1].index(f"[{label} {text}") + 1
        found.append(Finding("LBL001", EMBASSY, at, start, at, start + len(text) + 8,
                             f"'{text}' is {label}", span=(text, label), score=0.25,
                             severity="info"))
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report")
    files = corpus()
    result = lint_files(root / "corpus", files)
    result.findings.extend(extra_findings(files[EMBASSY]))
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root / "corpus")
        target = root / "report.html"
        target.write_text(html.render_html(result), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def page(report):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("request", lambda request: problems.append(f"request: {request.url}")
                if not request.url.startswith(("file:", "data:", "about:")) else None)
        page.problems = problems
        page.set_default_timeout(5000)
        page.goto(report.as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=15000)
        yield page
        browser.close()
    assert problems == []


def visit(page, report: Path, hash_: str, *, reload: bool = False) -> None:
    if reload:
        page.goto("about:blank")
    page.goto(report.as_uri() + hash_)
    page.wait_for_selector("body[data-ready=true]", timeout=15000)


def planted_finding(page, report: Path):
    """The row of the finding planted with long evidence, found with the filter controls."""
    visit(page, report, "#findings")
    page.click("#f-reset")
    page.select_option("#f-rule", "LBL001")
    page.fill("#f-text", "planted for these tests")
    expect(page.locator("#findings-body tr")).to_have_count(1)  # the typed filter applied
    return page.locator("#findings-body tr", has_text="planted for these tests")


def file_index(page, path: str) -> int:
    return page.evaluate("p => JSON.parse(document.getElementById('report-data').textContent)"
                         ".files.findIndex(f => f[0] === p)", path)


def open_group(page, report: Path, key: str) -> None:
    visit(page, report, "#consistency")
    page.fill("#c-text", "")
    page.locator("#cons-list li", has=page.locator(".key", has_text=key)).first.click()
    expect(page.locator("#cons-detail h2")).to_have_text(key)


INSIDE = """([inner, outer]) => {
    const box = document.querySelector(outer).getBoundingClientRect();
    return [...document.querySelectorAll(inner)].filter(node => {
        const r = node.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
    }).map(node => node.textContent.slice(0, 80));
}"""


# ---------------------------------------------------------------- consistency explorer

def test_not_annotated_is_not_the_majority_label(page, report):
    open_group(page, report, "Embassy")
    rows = page.locator("#cons-detail table.kwic tr")
    expect(rows).to_have_count(len(MENTIONS))
    labels = page.locator("#cons-detail table.kwic tr.odd td.hitcell .chip").all_inner_texts()
    assert sorted(labels) == ["LOC"] + ["ORG"] * 3  # PER (majority) and bare rows are not


def test_context_stays_inside_the_panel(page, report):
    open_group(page, report, "Embassy")
    try:
        for width in (1400, 1010, 700):  # two columns, a tight two columns, one column
            page.set_viewport_size({"width": width, "height": 1000})
            assert page.evaluate(INSIDE, ["#cons-detail table.kwic td", "#cons-detail"]) == []
            assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})
    # the words next to the match are the ones kept
    cell = page.locator("#cons-detail table.kwic td.left").first
    assert cell.inner_text().rstrip().endswith("in the capital the")


def test_string_filter_matches_words_and_word_prefixes(page, report):
    visit(page, report, "#consistency")
    keys = page.locator("#cons-list li .key")
    page.fill("#c-text", "SAG")
    expect(keys.filter(has_text="Sagasta")).to_have_count(1)
    expect(keys.filter(has_text="Northwest Passage")).to_have_count(0)
    page.fill("#c-text", "pass")
    expect(keys.filter(has_text="Northwest Passage")).to_have_count(1)
    page.fill("#c-text", "PASSAGE northw")
    expect(keys).to_have_count(1)
    page.fill("#c-text", "")


def test_score_is_called_score_everywhere(page, report):
    open_group(page, report, "Embassy")
    detail = page.inner_text("#cons-detail")
    assert "score 0.50" in detail and "confidence" not in detail.lower()
    page.locator("#cons-detail ul li", has_text="planted").locator("a").click()
    expect(page.locator("#doc-side")).to_contain_text("score 0.50")
    assert "confidence" not in page.inner_text("#doc-side").lower()
    assert page.locator("#findings-table th[data-sort=score]").inner_text() == "Score"


# ---------------------------------------------------------------- findings table

def test_filters_are_kept_in_the_url_and_restored_on_load(page, report):
    visit(page, report, "#findings")
    page.click("#f-reset")
    page.select_option("#f-rule", "SCH001")
    page.fill("#f-text", "orgg")
    expect(page.locator("#f-count")).to_contain_text("filtered from")
    page.wait_for_function("() => location.hash.includes('q=orgg')")
    url = page.url
    assert "#findings?" in url and "rule=SCH001" in url
    shown = page.locator("#findings-body tr").count()

    visit(page, report, "#" + url.split("#", 1)[1], reload=True)  # a fresh load of the link
    assert page.input_value("#f-rule") == "SCH001" and page.input_value("#f-text") == "orgg"
    expect(page.locator("#findings-body tr")).to_have_count(shown)
    page.click("#f-reset")
    page.wait_for_function("() => location.hash === '#findings'")


def test_location_column_breaks_only_between_path_parts(page, report):
    page.set_viewport_size({"width": 760, "height": 1000})
    try:
        visit(page, report, "#findings?file=" + BATCH[0])
        expect(page.locator("#findings-body tr")).to_have_count(1)
        breaks = page.evaluate("""() => {
            const out = [];
            for (const link of document.querySelectorAll('#findings-body td.loc a')) {
                const text = link.textContent, range = document.createRange();
                const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
                let top = null, before = '';
                for (let node; (node = walker.nextNode());) {
                    for (let i = 0; i < node.length; i++) {
                        range.setStart(node, i); range.setEnd(node, i + 1);
                        const y = range.getBoundingClientRect().top;
                        if (top !== null && y > top + 2) out.push(before + '|' + node.data[i]);
                        top = y; before = node.data[i];
                    }
                }
                out.push('lines:' + (link.getClientRects().length));
            }
            return out;
        }""")
        wrapped = [b for b in breaks if not b.startswith("lines:")]
        assert wrapped, "the narrow table should wrap the long location"
        assert all(b.startswith("/|") for b in wrapped), wrapped
    finally:
        page.set_viewport_size({"width": 1400, "height": 1000})


def test_evidence_reads_as_labels_and_values(page, report):
    row = planted_finding(page, report)
    row.locator("details.evidence summary").click()
    evidence = row.locator("details.evidence")
    terms = evidence.locator("dt").all_inner_texts()
    assert "In this document" in terms and "Other documents" in terms
    assert not [term for term in terms if "_" in term]
    text = evidence.inner_text()
    assert "this_document" not in text and "true" not in text.split()
    assert evidence.locator("dt", has_text="In this document").locator(
        "xpath=following-sibling::dd[1]").inner_text() == "yes"


# ---------------------------------------------------------------- overview

def test_file_chart_shows_the_distinguishing_part_of_each_path(page, report):
    visit(page, report, "#overview")
    panel = page.locator(".panel", has=page.locator("h2", has_text="Files with the most findings"))
    rows = panel.locator(".chart > a.bar-row")
    expect(rows).to_have_count(10)
    for index in range(rows.count()):
        row = rows.nth(index)
        full = row.get_attribute("title").rsplit(": ", 1)[0]
        label = row.locator(".bar-label").inner_text()
        assert full.startswith(PREFIX) and not label.startswith(PREFIX[:8])
        assert full.endswith(label.lstrip("…"))
    assert page.evaluate(INSIDE, [".panel .bar-label", "main"]) == []
    # the end of a clipped label (the file name) is what stays visible
    visible = page.evaluate("""() => [...document.querySelectorAll('.bar-label.start-clip')]
      .every(box => {
        const text = box.querySelector('span').firstChild, range = document.createRange();
        range.setStart(text, text.length - 1); range.setEnd(text, text.length);
        const r = range.getBoundingClientRect(), b = box.getBoundingClientRect();
        return r.right <= b.right + 1 && r.left >= b.left - 1;
    })""")
    assert visible


def test_and_more_expands(page, report):
    visit(page, report, "#overview")
    panel = page.locator(".panel", has=page.locator("h2", has_text="Files with the most findings"))
    more = panel.locator("details.chart-more")
    hidden = more.locator("a.bar-row")
    assert hidden.count() >= 5 and not hidden.first.is_visible()
    more.locator("summary").click()
    expect(hidden.first).to_be_visible()
    assert panel.locator("summary").inner_text() == f"and {hidden.count()} more"


def test_bars_link_to_the_filtered_findings(page, report):
    visit(page, report, "#overview")
    panel = page.locator(".panel", has=page.locator("h2", has_text="Files with the most findings"))
    row = panel.locator(".chart > a.bar-row").first
    full, count = row.get_attribute("title").rsplit(": ", 1)
    row.click()
    expect(page.locator("#view-findings")).to_be_visible()
    assert page.input_value("#f-file") == full
    locations = page.locator("#findings-body td.loc").all_inner_texts()
    assert len(locations) == int(count.replace(",", ""))
    assert all(text.startswith(full + ":") for text in locations)

    visit(page, report, "#overview")
    page.locator(".panel", has=page.locator("h2", has_text="Findings per rule")).locator(
        "a.bar-row", has_text="SCH001").click()
    expect(page.locator("#view-findings")).to_be_visible()
    assert page.input_value("#f-rule") == "SCH001"
    codes = page.locator("#findings-body td:nth-child(2) a").all_inner_texts()
    assert codes and set(codes) == {"SCH001"}

    for label in ("ORG", "MISC"):  # entity labels link to the findings about that label
        visit(page, report, "#overview")
        page.click(f'a.bar-row[href="#findings?label={label}"]')
        expect(page.locator("#view-findings")).to_be_visible()
        assert page.input_value("#f-label") == label
        chips = page.locator("#findings-body td.ent .chip").all_inner_texts()
        assert set(chips) <= {label}
        if not chips:
            expect(page.locator("#findings-body")).to_contain_text("No finding matches")


# ---------------------------------------------------------------- document view

def test_cable_markup_is_rendered_and_raw_markup_kept(page, report):
    visit(page, report, f"#doc/{file_index(page, CABLE)}")
    expect(page.locator("#doc-title")).to_have_text(CABLE)
    body = page.inner_text("#doc-body")
    for raw in ("<code>", "<pre>", "</pre>", "<a id=", "</a>", "<a href="):
        assert raw not in body
    assert "¶1 ." in body.replace("\n", "") and "TAGS: PTER SNAR" in body
    assert page.locator("#doc-body .para:visible").count() == 7
    page.check("#doc-markup")
    raw = page.inner_text("#doc-body")
    assert raw.startswith("1\n<code><pre>C O N F I D E N T I A L") or "<code><pre>C O N F" in raw
    assert "<a id='par1' href='#par1'>¶</a>1 ." in raw
    page.uncheck("#doc-markup")


def test_long_links_stay_inside_the_side_panel(page, report):
    planted_finding(page, report).locator("td.loc a").click()
    expect(page.locator("#doc-side")).to_contain_text("LBL001")
    expect(page.locator("#doc-side a", has_text="an_extraordinarily")).not_to_have_count(0)
    assert page.evaluate(INSIDE, ["#doc-side *", "#doc-side"]) == []
    assert page.evaluate("() => { const s = document.getElementById('doc-side');"
                         " return s.scrollWidth <= s.clientWidth; }")
