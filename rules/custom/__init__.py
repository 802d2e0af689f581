"""Check logic of the declarative rule kinds (``custom-rules:`` in ``annolint.yaml``).

:func:`compile_rules` turns validated definitions (:mod:`linter.custom.schema`) into ordinary
:class:`~linter.rule.Rule` objects that share one compiled :class:`Program`: the first of
them to run on a document runs every declarative rule in one pass and keeps the result in
``doc.derived``; each rule then reads its own part. A rule's options object carries the
program, so the Plan sent to worker processes carries everything they need.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any

from linter.custom.schema import CORPUS_KINDS, Definition, RuleBase
from linter.model import Document, Finding
from linter.rule import Example, Rule, RuleContext, RuleMeta

from linter.rules.custom.corpus import Contribute, finalize, lookup_keys
from linter.rules.custom.program import (Context, MustBeLabel, NeverEntity, NeverInside,
                                         Program, Record, Shape, Unannotated, Variant)

DEFAULT_MESSAGES = {
    "label-of": "'{text}' is {label}; the guideline says {expected}",
    "label-of-unannotated": "'{text}' is not annotated; the guideline says {expected}",
    "never-annotate": "'{text}' is annotated as {label}; the guideline says it is never an "
                      "entity",
    "never-annotate-inside": "'{match}' inside the {label} entity '{text}'; the guideline "
                             "says it never is",
    "pattern-must-match": "{label} entity '{text}' does not match /{pattern}/",
    "pattern-must-not-match": "{label} entity '{text}' matches /{pattern}/ ('{match}')",
    "context": "'{text}' is {label}, but it {where} '{word}', which implies {expected}",
    "consistency": "'{text}' is {label}, but {group} is {expected} in {count} of {total} "
                   "mentions in the corpus",
    "cooccurrence": "'{text}' and '{expected}' are variants of one name; the corpus writes "
                    "'{expected}' {count} times: use one",
}


class CustomOptions:
    """The options object of a declarative rule: its definition and the shared program.

    ``repr`` is a digest of the definition, so the corpus index (which keys cached results
    by the options' repr) relints when a rule or its gazetteer changes."""

    def __init__(self, spec: RuleBase, digest: str, program: Program, template: str) -> None:
        self.spec, self.digest, self.program, self.template = spec, digest, program, template
        self.contribute = Contribute(spec.code) if spec.kind in CORPUS_KINDS else None

    def __repr__(self) -> str:
        return f"CustomOptions({self.spec.code}, {self.digest})"


def _results(doc: Document, options: CustomOptions) -> dict[str, list]:
    cached = doc.derived.get(__name__)
    if cached is None or cached[0] is not options.program:
        cached = doc.derived[__name__] = (options.program, options.program.run(doc))
    return cached[1]


def check(doc: Document, ctx: RuleContext) -> Iterable[Finding]:
    return _results(doc, ctx.options).get(ctx.rule.code, ())


def collect(doc: Document, ctx: RuleContext) -> Any:
    return _results(doc, ctx.options).get(ctx.rule.code) or None


def _digest(definition: Definition) -> str:
    payload = json.dumps([definition.spec.model_dump(), sorted(definition.entries.items())],
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _add(program: Program, spec: RuleBase, entries: dict[str, str]) -> str:
    """Compile one definition into the program; returns its message template."""
    fold, kind = spec.ignore_case, spec.kind
    code, name = spec.code, spec.name
    if kind == "label-of":
        template = spec.message or DEFAULT_MESSAGES[kind]
        wanted = {text: spec.label for text in spec.strings}
        wanted.update(entries)
        for text, label in wanted.items():
            program.add_string(text, MustBeLabel(code, name, template, label), fold)
        for pattern in spec.patterns:
            program.add_regex(pattern, MustBeLabel(code, name, template, spec.label), fold, True)
        if spec.unannotated:
            said = spec.unannotated_message or DEFAULT_MESSAGES["label-of-unannotated"]
            for text, label in wanted.items():
                program.add_text_string(text, Unannotated(code, name, said, label), fold)
        return template
    if kind == "never-annotate":
        labels = frozenset(spec.labels)
        if spec.inside:
            template = spec.message or DEFAULT_MESSAGES["never-annotate-inside"]
            patterns = [rf"(?<!\w){re.escape(word)}(?!\w)" for word in spec.words] + spec.patterns
            for pattern in patterns:
                program.add_regex(pattern, NeverInside(code, name, template, labels=labels),
                                  fold, False)
        else:
            template = spec.message or DEFAULT_MESSAGES[kind]
            for word in spec.words:
                program.add_string(word, NeverEntity(code, name, template, labels=labels), fold)
            for pattern in spec.patterns:
                program.add_regex(pattern, NeverEntity(code, name, template, labels=labels),
                                  fold, True)
        return template
    if kind == "pattern":
        must = spec.must_match is not None
        template = spec.message or DEFAULT_MESSAGES[
            "pattern-must-match" if must else "pattern-must-not-match"]
        hit = Shape(code, name, template, spec.label, labels=frozenset({spec.label}),
                    extra=must)
        if must:  # judged on every entity of the label
            hit.regex = re.compile(spec.must_match, re.IGNORECASE if fold else 0)
            program.add_label_check(spec.label, hit)
        else:  # behind the label's combined prefilter: most entities match none
            program.add_regex(spec.must_not_match, hit, fold, False)
        return template
    if kind == "context":
        template = spec.message or DEFAULT_MESSAGES[kind]

        for phrase in spec.before:
            program.add_context(phrase, Context(code, name, template, spec.label,
                                                extra=(spec.window, "follows")), fold)
        for phrase in spec.after:
            program.add_context(phrase, Context(code, name, template, spec.label,
                                                extra=(spec.window, "precedes")), fold)
        return template
    template = spec.message or DEFAULT_MESSAGES[kind]
    if kind == "consistency":
        for group, strings in enumerate(spec.groups):
            for text in strings:
                program.add_string(text, Record(code, name, template, extra=group), fold)
    else:
        for group, variants in enumerate(spec.either):
            for index, text in enumerate(variants):
                program.add_text_string(text, Variant(code, name, template,
                                                      extra=(group, index)), fold)
    return template


def compile_rules(definitions: list[Definition]) -> list[tuple[Rule, CustomOptions]]:
    """Rules (and their options) for every definition, sharing one compiled program."""
    program = Program()
    templates = {d.spec.code: _add(program, d.spec, d.entries) for d in definitions}
    program.seal()
    compiled = []
    for definition in definitions:
        spec = definition.spec
        options = CustomOptions(spec, _digest(definition), program, templates[spec.code])
        meta = RuleMeta(
            code=spec.code, name=spec.name, family=spec.code.rstrip("0123456789"),
            summary=spec.summary or _summary(spec),
            rationale=spec.rationale or f"A guideline of this project, declared in "
                                        f"{definition.source}.",
            severity=spec.severity, scope="corpus" if spec.kind in CORPUS_KINDS else "document",
            bad=tuple(_example(e) for e in spec.bad), good=tuple(_example(e) for e in spec.good),
            enabled_by_default=spec.enabled, fix=spec.fix, source=definition.source)
        if meta.scope == "corpus":
            rule = Rule(meta, collect=collect, finalize=finalize, contribute=options.contribute,
                        lookup_keys=lookup_keys)
        else:
            rule = Rule(meta, check=check)
        compiled.append((rule, options))
    return compiled


def _example(example: Any) -> str | Example:
    if isinstance(example, str):
        return example
    return Example(example.text, expect=tuple(example.expect))


def _summary(spec: RuleBase) -> str:
    kind = spec.kind
    if kind == "label-of":
        what = ", ".join(repr(s) for s in (spec.strings + spec.patterns)[:3]) or "gazetteer entries"
        return f"Mentions of {what} must be {spec.label or 'the gazetteer label'}."
    if kind == "never-annotate":
        return f"Never annotated: {', '.join(repr(w) for w in (spec.words + spec.patterns)[:3])}."
    if kind == "pattern":
        return (f"{spec.label} entities must{'' if spec.must_match else ' not'} match "
                f"/{spec.must_match or spec.must_not_match}/.")
    if kind == "context":
        return f"Entities next to {', '.join(repr(w) for w in spec.before + spec.after)} are {spec.label}."
    if kind == "consistency":
        return "Strings naming one thing carry one label across the corpus."
    return "Use one spelling variant across the corpus, not several."
