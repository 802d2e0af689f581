"""Render one rule's metadata record as the text of ``annolint explain CODE``."""

from __future__ import annotations

import inspect
import textwrap

from typing import Any

from linter.docs import rule_doc_url
from linter.rule import RuleMeta, example_text


def option_defaults(meta: RuleMeta) -> list[tuple[str, Any]]:
    """(key as written in ``annolint.yaml``, default) for each option of the rule; a
    default built by a factory (``[]``, ``{}``) is built, never shown as 'undefined'."""
    return [(info.alias or name, info.get_default(call_default_factory=True))
            for name, info in meta.options.model_fields.items()]


def options_help(meta: RuleMeta) -> list[str]:
    """One line per option: key and default."""
    return [f"  {key}: default {default!r}" for key, default in option_defaults(meta)]


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
            doc = inspect.cleandoc(meta.options.__doc__).replace("``", "'")
            out += [textwrap.indent(doc, "  ")]
    for title, examples in (("Example (flagged):", meta.bad), ("Not flagged:", meta.good)):
        if examples:
            out += ["", title]
            for example in examples:
                out += [textwrap.indent(example_text(example).rstrip("\n"), "    ")]
    if meta.fix:
        out += ["", "How to fix:", textwrap.indent(textwrap.fill(meta.fix, 88), "  ")]
    out += ["", _fix_sentence(meta)]
    url = rule_doc_url(meta)
    if url:
        out += ["", f"Documentation: {url}"]
    return "\n".join(out) + "\n"
