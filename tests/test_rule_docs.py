"""docs/rules.md is current, anchors every rule once, and renders the metadata as written.

The page is parsed with markdown-it (CommonMark, as GitHub renders it), so the checks see
what a reader sees: anchors outside code blocks, examples verbatim, escaped text unescaped.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt

from linter.docs import rule_anchor, rule_doc_url, rule_url
from linter.rule import Example, Rule, RuleMeta

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules.md"
_ANCHOR = re.compile(r'^<a id="([^"]+)"></a>$')


def _script():
    spec = importlib.util.spec_from_file_location("rule_docs", ROOT / "scripts" / "rule_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rule_docs = _script()
METAS = rule_docs.documented_rules()


def _parse(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


@pytest.fixture(scope="module")
def tokens():
    return _parse(DOCS.read_text("utf-8"))


def _anchor(token) -> str | None:
    """The id of an anchor standing alone in its paragraph (never one inside a code block)."""
    if token.type != "inline" or not _ANCHOR.match(token.content):
        return None
    assert [child.type for child in token.children] == ["html_inline", "html_inline"]
    return _ANCHOR.match(token.content)[1]


def _plain(inline) -> str:
    """What a reader sees of an inline token: entities decoded, and runs of spaces in text
    folded into one as a browser does (GitHub shows code spans with their spaces)."""
    parts = []
    for child in inline.children:
        if child.type == "text":
            parts.append(re.sub(r"[ \t\n]+", " ", child.content))
        elif child.type == "code_inline":
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
    return "".join(parts).replace("\xa0", " ")


def _as_read(text: str) -> str:
    """A rule text as it should read: lines joined, ``code``/`code` marks dropped."""
    text = re.sub(r"[ \t]*\n[ \t]*", " ", text.strip())
    return re.sub(r"``(.+?)``|`([^`\n]+)`", lambda m: m[1] or m[2], text)


def test_docs_are_current():
    assert DOCS.read_text("utf-8") == rule_docs.rules_markdown(), (
        "docs/rules.md is stale: run python scripts/rule_docs.py --update")


def test_every_rule_has_exactly_one_anchor_before_its_heading(tokens):
    anchors = Counter()
    for index, token in enumerate(tokens):
        anchor = _anchor(token)
        if anchor:
            anchors[anchor] += 1
            heading, inline = tokens[index + 2], tokens[index + 3]  # after paragraph_close
            assert heading.type == "heading_open", anchor
            if not anchor.startswith("family-"):
                assert heading.tag == "h3", anchor
                assert rule_anchor(inline.content.split()[0]) == anchor
    codes = {rule_anchor(meta.code) for meta in METAS}
    families = {f"family-{meta.family.lower()}" for meta in METAS}
    assert set(anchors) == codes | families  # no stray anchor, none missing
    assert all(count == 1 for count in anchors.values()), anchors.most_common(3)
    for meta in METAS:
        url = urlsplit(rule_url(meta.code))
        assert url.fragment in anchors and url.fragment == meta.code.lower()
        assert url.path.endswith("/docs/rules.md") and url.scheme == "https"


def test_links_in_the_page_resolve(tokens):
    ids = {_anchor(token) for token in tokens} - {None}
    hrefs = [child.attrs["href"] for token in tokens if token.type == "inline"
             for child in token.children or () if child.type == "link_open"]
    assert len(hrefs) >= len(METAS)
    assert {href for href in hrefs if href.lstrip("#") not in ids} == set()


def test_examples_appear_verbatim_in_code_blocks(tokens):
    blocks = Counter(token.content for token in tokens if token.type == "fence")
    for meta in METAS:
        for example in meta.bad + meta.good:
            example = example if isinstance(example, Example) else Example(example)
            texts = [example.text] + ([example.fixed] if example.fixed is not None else [])
            for text in texts:
                assert blocks[text.rstrip("\n") + "\n"], f"{meta.code}: {text!r}"


def _sections(tokens) -> dict[str, dict[str, str]]:
    """rule code -> fixed h4 heading -> the plain text of its first paragraph."""
    out: dict[str, dict[str, str]] = {}
    code = heading = None
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h2", "h3"):
            code = tokens[index + 1].content.split()[0] if token.tag == "h3" else None
            if code:
                out[code] = {}
        elif token.type == "heading_open" and token.tag == "h4" and code:
            heading = tokens[index + 1].content
        elif token.type == "paragraph_open" and code and heading not in out[code]:
            out[code][heading] = _plain(tokens[index + 1])
    return out


def test_rule_texts_read_as_written(tokens):
    sections = _sections(tokens)
    assert list(sections) == [meta.code for meta in METAS]
    for meta in METAS:
        section = sections[meta.code]
        assert list(section) == ["What it does", "Why is this bad?", "How to fix", "Options",
                                 "Examples", "Severity and family"]
        assert section["What it does"] == _as_read(meta.summary)
        assert section["Why is this bad?"] == _as_read(meta.rationale)
        if meta.fix:
            assert section["How to fix"] == _as_read(meta.fix)


def test_options_show_their_defaults(tokens):
    html = MarkdownIt("commonmark").enable("table").render(DOCS.read_text("utf-8"))
    assert "<td><code>&quot;auto&quot;</code></td>" in html  # BRK005 style
    assert "<td><code>0.65</code></td>" in html  # LBL001 min-score
    assert "PydanticUndefined" not in html
    text = rule_docs.rules_markdown()
    dec001 = text.split('<a id="dec001"></a>')[1].split("<a id=")[0]
    assert "| `strings` | list | `[]` |" in dec001  # a factory default, built


@pytest.mark.parametrize("text", [
    "- a leading dash", "# not a heading", "1. not a list", "+ plus", "> not a quote",
    "a *b* _c_ [d](e) <f> &amp; g|h ~~i~~ back\\slash !x",
    "two  spaces '[ORG x  ]' and three   here",
    "`code` and ``rst code`` and a lone ` tick",
    "wrapped\n    over lines",
])
def test_prose_renders_exactly_the_text(text):
    tokens = _parse(rule_docs.prose(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert _plain(tokens[1]) == _as_read(text)


@pytest.mark.parametrize("text", ["a`b", "``x``", " x ", "[ORG x  ]"])
def test_code_span_keeps_its_content(text):
    inline = _parse(rule_docs.code_span(text))[1]
    assert [c.type for c in inline.children] == ["code_inline"]
    assert inline.children[0].content == text


def test_code_block_survives_fences_inside():
    text = "before\n```\ninside\n````\nafter\n"
    tokens = _parse(rule_docs.code_block(text))
    assert [t.type for t in tokens] == ["fence"] and tokens[0].content == text


def test_plugin_and_config_rules_are_left_out(monkeypatch):
    """Only annolint's own rules have a section; a plugin's rule has no docs URL."""
    plugin = Rule(RuleMeta(code="ACM001", name="acme", family="ACM", summary="s",
                           rationale="r", source="acme-rules"), check=lambda doc, ctx: ())
    own = rule_docs.all_rules()
    monkeypatch.setattr(rule_docs, "all_rules", lambda: (*own, plugin))
    text = rule_docs.rules_markdown()
    assert "ACM001" not in text and '<a id="brk001"></a>' in text
    assert rule_doc_url(plugin.meta) is None
    assert rule_doc_url(own[0].meta) == rule_url(own[0].code)


def test_check_mode_reports_a_stale_page(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(rule_docs, "DOCS", tmp_path / "docs" / "rules.md")
    assert rule_docs.main(["--check"]) == 1
    assert "run python scripts/rule_docs.py --update" in capsys.readouterr().err
    assert rule_docs.main(["--update"]) == 0
    assert rule_docs.main(["--check"]) == 0
    assert [p.name for p in (tmp_path / "docs").iterdir()] == ["rules.md"]  # no temporary


def test_explain_prints_the_documentation_url(capsys, tmp_path):
    from linter.cli import main

    assert main(["explain", "brk001"]) == 0
    assert f"Documentation: {rule_url('BRK001')}\n" in capsys.readouterr().out
    config = tmp_path / "annolint.yaml"
    config.write_text("custom-rules:\n  - code: ACME001\n    name: ministries-are-org\n"
                      "    kind: label-of\n    label: ORG\n    patterns: ['Ministry of .+']\n"
                      "    bad: [\"[LOC Ministry of Defense  ]\\n\"]\n", "utf-8")
    assert main(["explain", "ACME001", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "ACME001" in out and "Documentation:" not in out
