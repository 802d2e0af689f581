"""Render one rule's metadata record as the text of ``annolint explain CODE``."""

from __future__ import annotations

import textwrap

from linter.rule import RuleMeta, example_text


def options_help(meta: RuleMeta) -> list[str]:
    """One line per option: key, default and the description from the model."""
    lines = []
    for name, info in meta.options.model_fields.items():
        key = info.alias or name
        lines.append(f"  {key}: default {info.default!r}")
    return lines


def fix_label(meta: RuleMeta) -> str:
    """'safe', 'unsafe', 'safe (sometimes)', or '-' for a rule whose findings carry no fix."""
    if meta.fixable == "never":
        return "-"
    return meta.fix_safety + (" (sometimes)" if meta.fixable == "sometimes" else "")


def _fix_sentence(meta: RuleMeta) -> str:
    if meta.fixable == "never":
        return "Automatic fix: none (fix by hand)."
    how = ("check --fix" if meta.fix_safety == "safe"
           else "check --fix --unsafe-fixes (it changes an annotation decision)")
    when = "every finding" if meta.fixable == "always" else "some findings"
    return f"Automatic fix: {meta.fix_safety}, for {when}: {how}."


def explain_text(meta: RuleMeta) -> str:
    from linter.registry import family_names

    family = f"{meta.family} ({family_names().get(meta.family, meta.family)})"
    out = [f"{meta.code} ({meta.name})", "",
           f"Family: {family}   Default severity: {meta.severity}   Scope: {meta.scope}"
           + (f"   Profile: {meta.profile}" if meta.profile else "")
           + (f"\nSource: {meta.source}" if meta.source else ""), "",
           "What it does:", textwrap.indent(textwrap.fill(meta.summary, 88), "  "), "",
           "Why it matters:", textwrap.indent(textwrap.fill(meta.rationale, 88), "  ")]
    if meta.options.model_fields:
        out += ["", "Options (under rules: {" + meta.code + ": {...}} in annolint.yaml):"]
        out += options_help(meta)
        if meta.options.__doc__:
            doc = textwrap.dedent(meta.options.__doc__).strip().replace("``", "'")
            out += [textwrap.indent(doc, "  ")]
    for title, examples in (("Example (flagged):", meta.bad), ("Not flagged:", meta.good)):
        if examples:
            out += ["", title]
            for example in examples:
                out += [textwrap.indent(example_text(example).rstrip("\n"), "    ")]
    if meta.fix:
        out += ["", "How to fix:", textwrap.indent(textwrap.fill(meta.fix, 88), "  ")]
    out += ["", _fix_sentence(meta)]
    return "\n".join(out) + "\n"
