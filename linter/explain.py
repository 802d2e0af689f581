"""Render one rule's metadata record as the text of ``annolint explain CODE``."""

from __future__ import annotations

import textwrap

from linter.rule import RuleMeta


def options_help(meta: RuleMeta) -> list[str]:
    """One line per option: key, default and the description from the model."""
    lines = []
    for name, info in meta.options.model_fields.items():
        key = info.alias or name
        lines.append(f"  {key}: default {info.default!r}")
    return lines


def explain_text(meta: RuleMeta) -> str:
    from linter.registry import family_names

    family = f"{meta.family} ({family_names().get(meta.family, meta.family)})"
    out = [f"{meta.code} ({meta.name})", "",
           f"Family: {family}   Default severity: {meta.severity}   Scope: {meta.scope}"
           + (f"   Profile: {meta.profile}" if meta.profile else ""), "",
           "What it checks:", textwrap.indent(textwrap.fill(meta.summary, 88), "  "), "",
           "Why:", textwrap.indent(textwrap.fill(meta.rationale, 88), "  ")]
    if meta.options.model_fields:
        out += ["", "Options (under rules: {" + meta.code + ": {...}} in annolint.yaml):"]
        out += options_help(meta)
        if meta.options.__doc__:
            doc = textwrap.dedent(meta.options.__doc__).strip().replace("``", "'")
            out += [textwrap.indent(doc, "  ")]
    for title, examples in (("Flagged:", meta.bad), ("Not flagged:", meta.good)):
        if examples:
            out += ["", title]
            out += [textwrap.indent(example.rstrip("\n"), "    ") for example in examples]
    return "\n".join(out) + "\n"
