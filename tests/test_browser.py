"""The HTML report in a real browser: headless Chromium (Debian's package) via Playwright.

Checks what only a browser can: filtering shows the right rows, a finding opens the
document view at its line, and hostile corpus text (``<script>``, ``onerror=``,
``javascript:``) never executes, with and without the page's Content-Security-Policy
(so escaping alone is proven, not just the policy). Screenshots go to the test's tmp dir.

Needs ``apt-get install -y chromium`` and ``pip install playwright`` (no browser download:
the system Chromium is used).
"""

from __future__ import annotations

import re
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

HOSTILE_NAME = "x<img src=x onerror=window.__xss=1>.txt"
HOSTILE = (
    "[PER <script>window.__xss=2</script>  ] met [ORG <img src=x onerror=\"window.__xss=3\">  ] "
    "in [LOC Lima  ] .\n"
    "Click <a href=\"javascript:window.__xss=4\">here</a> or [MISC javascript:window.__xss=5  ] , "
    "</script><script>window.__xss=6</script> \u2028 \" ' & ; [ORG SL ] .\n"
    "<svg onload=window.__xss=7> [BAD <b onmouseover=window.__xss=8>x</b>  ] {{ 7*7 }} ${7*7}\n"
)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def write_report(tmp_path: Path, monkeypatch, files: dict[str, str], extra=()) -> Path:
    result = lint_files(tmp_path / "corpus", files)
    result.findings.extend(extra)
    monkeypatch.chdir(tmp_path / "corpus")
    target = tmp_path / "report.html"
    target.write_text(html.render_html(result), encoding="utf-8")
    return target


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("request", lambda request: problems.append(f"request: {request.url}")
            if not request.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=15000)
    return page, problems


def example_corpus() -> dict[str, str]:
    files = {p.name: p.read_text("utf-8") for p in (DATA / "report_corpus").glob("*.txt")}
    files["09LIMA1659.txt"] = SEED.read_text("utf-8")
    return files


def test_filter_by_rule_then_open_the_document_view(browser, tmp_path, monkeypatch):
    report = write_report(tmp_path, monkeypatch, example_corpus())
    page, problems = open_page(browser, report)
    page.click("#tabs a[data-view=findings]")
    total = page.locator("#findings-body tr").count()
    page.select_option("#f-rule", "BRK005")
    rows = page.locator("#findings-body tr")
    codes = [rows.nth(i).locator("td").nth(1).locator("a").inner_text()
             for i in range(rows.count())]
    assert codes and set(codes) == {"BRK005"} and len(codes) < total
    assert "of " + str(len(codes)) in page.inner_text("#f-count")
    page.screenshot(path=str(tmp_path / "findings-brk005.png"), full_page=True)

    location = rows.first.locator("td.loc a")
    where = location.inner_text()
    path, line, _column = where.rsplit(":", 2)
    location.click()
    page.wait_for_selector("#view-doc:not([hidden])")
    assert page.inner_text("#doc-title") == path
    assert page.locator(f"#L{line}.target").count() == 1
    assert "BRK005" in page.inner_text("#doc-side")  # the explanation panel is open
    assert page.locator("#doc-body .note.active").count() == 1
    assert page.locator("#doc-body .hit").count() >= 1
    page.screenshot(path=str(tmp_path / "document.png"), full_page=False)
    assert (tmp_path / "document.png").stat().st_size > 10_000

    page.click("#tabs a[data-view=consistency]")  # the view is drawn on hashchange: wait
    sync_api.expect(page.locator("#cons-list li")).not_to_have_count(0)
    sync_api.expect(page.locator("#cons-detail table.kwic tr")).not_to_have_count(0)
    page.screenshot(path=str(tmp_path / "consistency.png"))
    assert problems == []


def test_free_text_and_severity_filters(browser, tmp_path, monkeypatch):
    report = write_report(tmp_path, monkeypatch, example_corpus())
    page, problems = open_page(browser, report)
    expect = sync_api.expect
    page.goto(report.as_uri() + "#findings?sev=error")  # filters can come from the link
    expect(page.locator("#f-count")).to_contain_text("filtered from")
    severities = page.locator("#findings-body td:first-child").all_inner_texts()
    assert severities and set(severities) == {"error"}
    errors = len(severities)
    page.fill("#f-text", "orgg")  # case-insensitive, over message, entity and path
    expect(page.locator("#findings-body tr")).not_to_have_count(errors)
    texts = page.locator("#findings-body tr").all_inner_texts()
    assert texts and all("ORGG" in text for text in texts)
    page.click("#f-reset")
    expect(page.locator("#f-count")).not_to_contain_text("filtered")
    assert problems == []


def hostile_findings() -> list[Finding]:
    payload = "<img src=x onerror=window.__xss=9><a href='javascript:window.__xss=10'>x</a>"
    return [Finding("LBL001", HOSTILE_NAME, 1, 42, 1, 80, payload, span=(payload, "ORG"),
                    score=0.5, severity="warning",
                    evidence={"labels": {"<b onmouseover=window.__xss=11>": 2, "ORG": 1},
                              "examples": [payload, f"{HOSTILE_NAME}:1:1"],
                              payload: {"javascript:window.__xss=12": [payload]}})]


@pytest.mark.parametrize("strip_csp", [False, True], ids=["with-csp", "escaping-only"])
def test_hostile_corpus_executes_nothing(browser, tmp_path, monkeypatch, strip_csp):
    report = write_report(tmp_path, monkeypatch, {HOSTILE_NAME: HOSTILE, "ok.txt": "[LOC Lima  ]\n"},
                          extra=hostile_findings())
    if strip_csp:
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                      report.read_text("utf-8"))
        report.write_text(text, encoding="utf-8")
    page, problems = open_page(browser, report)
    for view in ("overview", "findings", "documents", "consistency", "rules"):
        page.click(f"#tabs a[data-view={view}]")
    page.click("#tabs a[data-view=findings]")
    page.locator("#findings-body details summary").first.click()
    page.locator("#findings-body td.loc a").first.click()
    page.wait_for_selector("#view-doc:not([hidden])")
    page.check("#doc-markup")
    for hit in page.locator("#doc-body .hit").all()[:5]:
        hit.click()
        hit.hover()
    body = page.inner_text("#doc-body")
    assert "<script>window.__xss=2</script>" in body  # shown as text
    assert page.inner_text("#doc-title") == HOSTILE_NAME
    page.goto(report.as_uri() + "#consistency/0")
    page.wait_for_selector("#cons-detail h2")
    page.screenshot(path=str(tmp_path / f"hostile-{strip_csp}.png"), full_page=True)
    state = page.evaluate("""() => ({
        xss: window.__xss === undefined ? null : window.__xss,
        scripts: document.querySelectorAll('script').length,
        handlers: document.querySelectorAll('[onerror],[onload],[onmouseover],[onclick]').length,
        js_links: document.querySelectorAll('a[href^="javascript:" i]').length,
        injected: document.querySelectorAll('main img, main iframe, main b[onmouseover]').length,
    })""")
    assert state == {"xss": None, "scripts": 2, "handlers": 0, "js_links": 0, "injected": 0}
    assert problems == []
