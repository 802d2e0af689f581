"""Size and speed of the HTML report at scale (default: 100,000 findings over 2,000 documents).

    python benchmarks/html_report.py [--docs 2000] [--findings 100000] [--keep DIR]

Generates a corpus with ``generate_corpus.py``, lints it with the real engine, then pads
the result with synthetic findings spread over real entities (a mix of rules, a third of
them label-consistency findings with evidence, so the consistency explorer is exercised)
until it holds ``--findings``. Prints: render time, file size (and how much of it is
document text), and, when Chromium and Playwright are installed, the browser figures:
time to a usable page, time to apply a rule filter and a free-text search over all
findings, and time to open a document view. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from generate_corpus import generate  # noqa: E402

from linter.config import load_config  # noqa: E402
from linter.discovery import discover_files  # noqa: E402
from linter.engine import run  # noqa: E402
from linter.model import Finding  # noqa: E402
from linter.readers.inline import parse_inline  # noqa: E402
from linter.reports import html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SYNTHETIC = (("LBL001", "warning"), ("BRK005", "warning"), ("SPN001", "info"),
             ("LBL002", "warning"), ("SCH001", "error"), ("LBL001", "warning"))


def pad_findings(result, target: int, rng: random.Random) -> None:
    """Add synthetic findings on real entities until the result holds ``target``."""
    labels = frozenset(result.settings["labels"])
    docs = [parse_inline(stats.path, Path(stats.path).read_text("utf-8"), labels=labels)
            for stats in result.files]
    spans = [(doc, span) for doc in docs for span in doc.spans]
    rng.shuffle(spans)
    number = 0
    while len(result.findings) < target:
        doc, span = spans[number % len(spans)]
        rule, severity = SYNTHETIC[number % len(SYNTHETIC)]
        line, column = doc.lines.position(span.start)
        end_line, end_column = doc.lines.position(span.end)
        other = rng.choice([l for l in labels if l != span.label])
        evidence = None
        if rule.startswith("LBL"):
            evidence = {"labels": {other: rng.randint(2, 40), span.label: 1},
                        "suggested": other, "examples": [f"{doc.path}:{line}:{column}"]}
        result.findings.append(Finding(
            rule, doc.path, line, column, end_line, end_column,
            f"'{span.text}' is {span.label} here but {other} elsewhere (synthetic #{number})",
            span=(span.text, span.label), score=round(rng.random(), 2), evidence=evidence,
            severity=severity, fingerprint=f"{number:020d}"))
        number += 1
    result.findings.sort(key=Finding.sort_key)


def browser_figures(report: Path, rule: str) -> dict[str, float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    figures: dict[str, float] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(report.as_uri(), timeout=120_000)
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        figures["open: navigation to usable page (s)"] = time.perf_counter() - started
        inner = page.evaluate("() => window.__annolint")
        figures["open: JSON.parse of the data (s)"] = inner["parseMs"] / 1000
        figures["open: script start to first table (s)"] = inner["readyMs"] / 1000
        page.click("#tabs a[data-view=findings]")
        before = page.inner_text("#f-count")
        started = time.perf_counter()
        page.select_option("#f-rule", rule)
        page.wait_for_function("b => document.querySelector('#f-count').textContent !== b",
                               arg=before)
        figures[f"filter: rule {rule} (s)"] = time.perf_counter() - started
        before = page.inner_text("#f-count")
        started = time.perf_counter()
        page.fill("#f-text", "synthetic #4242")
        page.wait_for_function("b => document.querySelector('#f-count').textContent !== b",
                               arg=before, timeout=60_000)
        figures["filter: free text incl. 120 ms debounce (s)"] = time.perf_counter() - started
        started = time.perf_counter()
        page.locator("#findings-body td.loc a").first.click()
        page.wait_for_selector("#view-doc:not([hidden]) .note.active")
        figures["document view: open one document (s)"] = time.perf_counter() - started
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="write the corpus and report here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="annolint-html-"))
    corpus = folder / "corpus"
    generate(corpus, args.docs)
    config = load_config(None, start=corpus)
    os.chdir(corpus)
    sources, _ = discover_files(["."], ["**/*.txt"], [], corpus, corpus)
    result = run(config, sources)
    real = len(result.findings)
    pad_findings(result, args.findings, random.Random(7))
    started = time.perf_counter()
    page = html.render_html(result)
    render_seconds = time.perf_counter() - started
    report = folder / "report.html"
    report.write_text(page, encoding="utf-8")
    text_chars = sum(stats.chars for stats in result.files)
    print(f"documents: {len(result.files):,}  entities: {result.entities:,}  "
          f"findings: {len(result.findings):,} ({real:,} from the engine, rest synthetic)")
    print(f"render_html: {render_seconds:.2f} s")
    print(f"file size: {report.stat().st_size / 2**20:.1f} MiB "
          f"(document text embedded: {text_chars / 2**20:.1f} MiB)")
    figures = browser_figures(report, "SCH001")
    if figures is None:
        print("browser figures skipped: needs /usr/bin/chromium and playwright")
    else:
        for name, value in figures.items():
            print(f"{name}: {value:.2f}")
    print(f"report: {report}")


if __name__ == "__main__":
    main()
