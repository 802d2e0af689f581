"""Write ``docs/rules.md``, one section per rule, from the rule metadata (the single source).

    python scripts/rule_docs.py            # print the page
    python scripts/rule_docs.py --update   # rewrite docs/rules.md (temporary file, then rename)
    python scripts/rule_docs.py --check    # exit 1 when docs/rules.md is out of date

Each rule's section starts with an explicit ``<a id="CODE"></a>`` anchor (``rule_anchor``),
so ``rule_url(code)`` (SARIF ``helpUri``, the JSON report's ``url``, ``annolint explain``)
stays valid whatever slugs a Markdown renderer derives from the headings. Only annolint's own
rules are documented (what ``annolint rules`` lists without a config): a plugin's rules and a
config's declarative rules have no ``source``-free metadata here.
"""

from __future__ import annotations

import inspect
import json
import re
import sys
import typing
from pathlib import Path

from linter.atomic import atomic_writer
from linter.docs import rule_anchor
from linter.explain import fix_label, option_defaults
from linter.registry import all_rules, family_names
from linter.rule import Example, RuleMeta

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
REGENERATE = "python scripts/rule_docs.py --update"
EXTENSIONS = {"conll": "conll", "conllu": "conllu", "jsonl": "jsonl"}
_EXPECT = re.compile(r"^(?:(?P<file>[^:\s]+):)?(?P<line>\d+):(?P<column>\d+)(?: (?P<says>.+))?$")
_CODE = re.compile(r"``(.+?)``|`([^`\n]+)`")  # RST ``code`` or Markdown `code` in rule texts
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>&|~])")
_BLOCK_START = re.compile(r"^(?:[-+*#=>]|\d+[.)])")  # would start a list, heading, quote…


def code_span(text: str) -> str:
    """``text`` as one inline code span, whatever backticks or edge spaces it holds."""
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    # a renderer strips one space from each end when both ends have one: pad to keep them
    edged = text[:1] == " " and text[-1:] == " " and text.strip()
    pad = " " if runs or edged else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _inline(text: str) -> str:
    """Escaped text; a run of spaces ('[ORG x  ]' is not '[ORG x ]') keeps its width where
    HTML would fold it into one."""
    text = _PUNCTUATION.sub(r"\\\1", text)
    return re.sub(r" {2,}", lambda run: " " + "&nbsp;" * (len(run[0]) - 1), text)


def _unwrap(text: str) -> str:
    """Join the lines of a paragraph (a docstring's wrapping); spaces within a line stay."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text.strip())


def _guard(markdown: str) -> str:
    """Escape what would open a block ('- x', '# x', '1. x') at the start of a paragraph."""
    match = _BLOCK_START.match(markdown)
    if match:
        return f"{markdown[:match.end() - 1]}\\{markdown[match.end() - 1:]}"
    return markdown


def escape(text: str) -> str:
    """Plain text as Markdown that renders as exactly that text, in one paragraph."""
    return _guard(_inline(_unwrap(text)))


def prose(text: str) -> str:
    """A rule text as Markdown paragraphs: inline code (``x`` or `x`) stays code, every other
    character renders as written."""
    paragraphs = []
    for paragraph in re.split(r"\n\s*\n", inspect.cleandoc(text)):
        paragraph = _unwrap(paragraph)
        parts, last = [], 0
        for match in _CODE.finditer(paragraph):
            parts += [_inline(paragraph[last:match.start()]), code_span(match[1] or match[2])]
            last = match.end()
        parts.append(_inline(paragraph[last:]))
        if paragraph:
            paragraphs.append(_guard("".join(parts)))
    return "\n\n".join(paragraphs)


def cell(markdown: str) -> str:
    """Markdown for a table cell: a '|' would end the cell, even inside a code span."""
    return markdown.replace("|", "\\|")


def code_block(text: str, info: str = "text") -> str:
    """``text`` verbatim in a fenced block, fenced longer than any backtick run inside it."""
    runs = [len(run) for run in re.findall(r"^ {0,3}(`{3,})", text, re.M)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


def type_label(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return " or ".join(code_span(json.dumps(value)) for value in typing.get_args(annotation))
    if origin in (list, tuple, set, frozenset):
        return "list"
    if origin is dict:
        return "mapping"
    if origin is typing.Union or type(annotation).__name__ == "UnionType":
        return " or ".join(type_label(arg) for arg in typing.get_args(annotation))
    names = {int: "integer", float: "number", str: "string", bool: "boolean",
             type(None): "null"}
    return names.get(annotation, escape(getattr(annotation, "__name__", str(annotation))))


def _json(value: object) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except TypeError:
        return repr(value)


def _yaml_options(code: str, options: dict) -> str:
    lines = ["rules:", f"  {code}:"]
    lines += [f"    {key}: {_json(value)}" for key, value in options.items()]
    return "\n".join(lines)


def options_section(meta: RuleMeta) -> list[str]:
    fields = meta.options.model_fields
    if not fields:
        return ["None."]
    out = ["| option | type | default |", "|---|---|---|"]
    annotations = {info.alias or name: info.annotation for name, info in fields.items()}
    defaults = option_defaults(meta)
    for key, default in defaults:
        out.append(f"| {cell(code_span(key))} | {cell(type_label(annotations[key]))} | "
                   f"{cell(code_span(_json(default)))} |")
    out += ["", f"Set them under `rules: {{{meta.code}: {{...}}}}` in `annolint.yaml` "
            "(kebab-case keys, as above)."]
    if meta.options.__doc__:
        out += ["", prose(meta.options.__doc__)]
    return out


def _fix_command(meta: RuleMeta) -> str:
    return ("`annolint check --fix`" if meta.fix_safety == "safe"
            else "`annolint check --fix --unsafe-fixes`")


def _example(meta: RuleMeta, example: str | Example, bad: bool) -> list[str]:
    example = example if isinstance(example, Example) else Example(example)
    out = [code_block(example.text)]
    if example.options:
        out += ["", "With these options:", "", code_block(_yaml_options(meta.code,
                                                                       dict(example.options)),
                                                          "yaml")]
    if example.expect:
        out += ["", "Reported at:", ""]
        for expect in example.expect:
            match = _EXPECT.match(expect)
            if not match:
                out.append(f"- {code_span(expect)}")
                continue
            where = expect.split(" ", 1)[0]
            out.append(f"- {code_span(where)}" + (f": {escape(match['says'])}"
                                                  if match["says"] else ""))
    elif bad:
        out += ["", "The rule reports at least one finding here."]
    if example.fixed is not None:
        out += ["", f"After {_fix_command(meta)}:", "", code_block(example.fixed)]
    return out


def examples_section(meta: RuleMeta) -> list[str]:
    out: list[str] = []
    if meta.formats and meta.formats[0] in EXTENSIONS:
        out += [f"Examples are {EXTENSIONS[meta.formats[0]]} files.", ""]
    for title, examples, bad in (("Flagged", meta.bad, True), ("Not flagged", meta.good, False)):
        for index, example in enumerate(examples, 1):
            number = f" ({index} of {len(examples)})" if len(examples) > 1 else ""
            out += [f"**{title}{number}:**", ""] + _example(meta, example, bad) + [""]
    return out[:-1] if out else ["None."]


def _fix_sentence(meta: RuleMeta) -> str:
    if meta.fixable == "never":
        return "Automatic fix: none (fix by hand)."
    when = "every finding" if meta.fixable == "always" else "some findings"
    unsafe = " (it changes an annotation decision)" if meta.fix_safety == "unsafe" else ""
    return f"Automatic fix: {fix_label(meta)}, for {when}: {_fix_command(meta)}{unsafe}."


def rule_section(meta: RuleMeta, family: str) -> list[str]:
    details = [f"- Default severity: `{meta.severity}` (set another under `severity:` in "
               "`annolint.yaml`)",
               f"- Family: {meta.family} ({escape(family)})",
               f"- Scope: {meta.scope}"]
    if meta.formats:
        details.append(f"- Formats: {', '.join(meta.formats)}")
    if meta.profile:
        details.append(f"- Profile: {meta.profile}")
    details.append(f"- Enabled by default: {'yes' if meta.enabled_by_default else 'no'}")
    how_to_fix = ([prose(meta.fix), ""] if meta.fix else []) + [_fix_sentence(meta)]
    return [f'<a id="{rule_anchor(meta.code)}"></a>', "",
            f"### {meta.code} {escape(meta.name)}", "",
            "#### What it does", "", prose(meta.summary), "",
            "#### Why is this bad?", "", prose(meta.rationale), "",
            "#### How to fix", "", *how_to_fix, "",
            "#### Options", "", *options_section(meta), "",
            "#### Examples", "", *examples_section(meta), "",
            "#### Severity and family", "", *details, ""]


def documented_rules() -> list[RuleMeta]:
    """annolint's own rules, in code order (a plugin's rules are documented by the plugin)."""
    return [rule.meta for rule in all_rules() if not rule.meta.source]


def rules_markdown() -> str:
    metas = documented_rules()
    families = family_names()
    order = list(dict.fromkeys(meta.family for meta in metas))
    out = ["# annolint rules", "",
           f"<!-- Generated from the rule metadata by `{REGENERATE}`: do not edit by hand "
           "(a test checks that it is current). -->", "",
           "One section per rule, grouped by family. Each rule's address is this page "
           "with its code in lower case as the anchor (`docs/rules.md#brk001`): SARIF "
           "(`helpUri`), the JSON report (`url`) and `annolint explain CODE` link there.", "",
           "An example is one file (`example.txt`, or the rule's first format), or several "
           "files each introduced by a `=== name ===` line. \"Reported at\" gives "
           "`[file:]line:column` (1-based) and part of the message.", "",
           "## Contents", ""]
    for family in order:
        name = families.get(family, family)
        out.append(f"- [{family}: {escape(name)}](#family-{family.lower()})")
        out += [f"  - [{meta.code} {escape(meta.name)}](#{rule_anchor(meta.code)}): "
                f"{prose(meta.summary)}" for meta in metas if meta.family == family]
    out.append("")
    for family in order:
        name = families.get(family, family)
        out += [f'<a id="family-{family.lower()}"></a>', "", f"## {family}: {escape(name)}", ""]
        for meta in metas:
            if meta.family == family:
                out += rule_section(meta, name)
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    text = rules_markdown()
    if "--check" in argv:
        current = DOCS.read_text("utf-8") if DOCS.exists() else ""
        if current != text:
            print(f"{DOCS} is out of date: run {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    if "--update" in argv:
        with atomic_writer(DOCS) as handle:
            handle.write(text)
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
