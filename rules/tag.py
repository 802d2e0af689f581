"""TAG: tag sequences of token-per-line files, and records of span files that do not parse.

The CoNLL and CoNLL-U readers decode tags leniently and record every departure from the
file's tag scheme (detected per file, or configured; the decision is in each finding's
evidence). These rules turn that record into findings on the tag cell itself. TAG008 does
the same for JSONL, Label Studio and brat files whose records cannot be read.
"""

from __future__ import annotations

from collections import Counter

from linter.model import Finding
from linter.rule import Rule, RuleMeta

COLUMNS = ("conll", "conllu")
RECORDS = ("jsonl", "labelstudio", "brat")
_EXPECTED = {"IOB1": "O, I-TYPE, or B-TYPE between two entities of one type",
             "IOB2": "O, B-TYPE or I-TYPE", "IO": "O or I-TYPE",
             "BIOES": "O, B-, I-, E- or S-TYPE", "BILOU": "O, B-, I-, L- or U-TYPE"}


def _scheme(doc) -> dict:
    return {"scheme": doc.facts.get("scheme"), "why": doc.facts.get("scheme_reason")}


def _problems(kind: str):
    def decorate(message):
        def check(doc, ctx):
            for problem in doc.problems:
                if problem.kind == kind:
                    yield ctx.report(problem.start, max(problem.end, problem.start + 1),
                                     message(problem, doc),
                                     evidence={**_scheme(doc), "tag": problem.label or None,
                                               "detail": problem.detail or None})
        return check
    return decorate


def _type(tag: str) -> str:
    return tag[2:] if len(tag) > 2 else tag


@_problems("tag:i-without-b")
def _i_without_b(problem, doc):
    scheme = doc.facts.get("scheme")
    opener = "B-" if scheme != "BILOU" else "B- or U-"
    return (f"'{problem.label}' starts an entity, but in this file's {scheme} scheme an entity "
            f"starts with {opener}{_type(problem.label)}: change it to B-{_type(problem.label)}"
            f" or tag the token before it")


@_problems("tag:type-change")
def _type_change(problem, doc):
    return (f"'{problem.label}' continues a {problem.detail} entity: an entity cannot change "
            f"type midway; write B-{_type(problem.label)} to start a new entity, or "
            f"I-{problem.detail} to keep one")


@_problems("tag:invalid-tag")
def _invalid(problem, doc):
    scheme = doc.facts.get("scheme", "IOB2")
    return (f"'{problem.detail}' is not a tag of this file's {scheme} scheme (expected "
            f"{_EXPECTED.get(scheme, 'O or PREFIX-TYPE')})")


@_problems("tag:scheme-violation")
def _violation(problem, doc):
    return f"'{problem.label}' breaks the {doc.facts.get('scheme')} scheme: {problem.detail}"


@_problems("tag:column-count")
def _columns(problem, doc):
    have, _, want = problem.detail.partition(" of ")
    return (f"this row has {have} column{'s' if have != '1' else ''} but the file's rows have "
            f"{want}: a separator is missing or extra, so the tag may be read from the wrong "
            "column")


@_problems("tag:empty-token")
def _empty(problem, doc):
    return ("this row's token is empty (nothing but spaces before the tag): delete the row "
            "or put the word back")


def _records(doc, ctx):
    if doc.format == "brat":
        ann = doc.facts.get("ann_path", doc.path)
        for line, column, kind, detail in doc.facts.get("ann_problems", ()):
            yield Finding(ctx.rule.code, ann, line, column, line, column + 1,
                          f"{detail}; fix this line of the .ann file", context=f"{kind}|{detail}")
        return
    for problem in doc.problems:
        if problem.kind.startswith("record:"):
            yield ctx.report(problem.start, min(problem.end, problem.start + 40) or 1,
                             f"this record cannot be read: {problem.detail}",
                             evidence={"kind": problem.kind[7:]})


def _collect_scheme(doc, ctx):
    return doc.facts.get("scheme"), doc.facts.get("scheme_reason")


def _mixed(summaries, ctx):
    schemes = Counter(scheme for scheme, _ in summaries.values() if scheme)
    if len(schemes) < 2:
        return
    majority = schemes.most_common(1)[0][0]
    for path, (scheme, reason) in sorted(summaries.items()):
        if scheme and scheme != majority:
            yield Finding(ctx.rule.code, path, 1, 1, 1, 2,
                          f"this file's tags follow {scheme} ({reason}) but most of the corpus "
                          f"({schemes[majority]} of {sum(schemes.values())} files) follows "
                          f"{majority}: convert it, or the same tags mean different entities",
                          evidence={"scheme": scheme, "corpus": dict(schemes)},
                          context=f"{scheme}|{majority}")


def _meta(code, name, summary, rationale, bad, good, severity="error", formats=COLUMNS,
          scope="document"):
    return RuleMeta(code=code, name=name, family="TAG", severity=severity, summary=summary,
                    rationale=rationale, bad=bad, good=good, formats=formats, scope=scope)


RULES = [
    Rule(_meta("TAG001", "inside-without-begin",
               "An I- tag starts an entity in a file whose scheme starts entities with B-.",
               "In IOB2 and BIOES every entity opens with B- (or S-); a lone I- is an entity "
               "whose first token lost its tag, or a token wrongly added to the entity.",
               ("Peter\tB-PER\nsaid\tO\nBlackburn\tI-PER\n",),
               ("Peter\tB-PER\nBlackburn\tI-PER\nsaid\tO\n",)), check=_i_without_b),
    Rule(_meta("TAG002", "type-change-inside",
               "An I- tag continues an entity of another type.",
               "'B-ORG I-PER' is half of two entities: readers split it differently, and one of "
               "the tags is wrong.",
               ("European\tB-ORG\nCommission\tI-PER\n",),
               ("European\tB-ORG\nCommission\tI-ORG\nPeter\tB-PER\n",)), check=_type_change),
    Rule(_meta("TAG003", "invalid-tag",
               "A tag is not O and not PREFIX-TYPE with a prefix of the file's scheme.",
               "A tag such as 'B_PER', 'PER' or 'b-per' is read as outside by most tools: the "
               "entity silently disappears from training and evaluation.",
               ("Peter\tB_PER\nsaid\tO\n", "Peter\tPER\nsaid\tO\n"),
               ("Peter\tB-PER\nsaid\tO\n",)), check=_invalid),
    Rule(_meta("TAG004", "scheme-violation",
               "A tag sequence breaks its scheme (BIOES/BILOU: no E-, S- inside an entity; "
               "IOB1: B- opening an entity after O).",
               "Boundary schemes encode where each entity ends; a missing E- or a stray S- "
               "makes the entity's extent ambiguous.",
               ("New\tB-LOC\nYork\tI-LOC\nsaid\tO\nParis\tS-LOC\n",),
               ("New\tB-LOC\nYork\tE-LOC\nsaid\tO\nParis\tS-LOC\n",)), check=_violation),
    Rule(_meta("TAG005", "column-count",
               "A row has a different number of columns from the rest of the file.",
               "With a missing or extra separator the tag column shifts: the row's tag is read "
               "from the wrong column, or the row is silently dropped by other tools.",
               ("EU NNP B-NP B-ORG\nrejects VBZ O\nGerman JJ B-NP B-MISC\n",),
               ("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n",)), check=_columns),
    Rule(_meta("TAG006", "empty-token",
               "A row has an empty (or whitespace-only) token.",
               "An empty token is a deleted word whose tag stayed behind; tools disagree on "
               "whether it counts, which shifts every offset after it.",
               ("Peter\tB-PER\n \tO\nsaid\tO\n",), ("Peter\tB-PER\nsaid\tO\n",)),
         check=_empty),
    Rule(_meta("TAG007", "mixed-schemes",
               "Files of one corpus follow different tag schemes.",
               "The same tags mean different entities under IOB1 and IOB2 ('I-PER' after O "
               "opens an entity in one and is an error in the other): a corpus must use one.",
               ("=== a.conll ===\nJohn\tB-PER\nsaid\tO\n=== b.conll ===\nJohn\tS-PER\n"
                "said\tO\n=== c.conll ===\nJohn\tB-PER\nsaid\tO\n",),
               ("=== a.conll ===\nJohn\tB-PER\nsaid\tO\n=== b.conll ===\nMary\tB-PER\n",),
               severity="warning", scope="corpus"),
         collect=_collect_scheme, finalize=_mixed),
    Rule(_meta("TAG008", "malformed-record",
               "A record of a span file (JSONL, Label Studio, brat .ann) cannot be read.",
               "A record that is not valid JSON, has no text, or has spans outside its text is "
               "skipped by training tools: its entities are lost without a word.",
               ('{"text": "Peter said", "spans": [{"start": 0, "end": 50, "label": "PER"}]}\n',
                '{"text": "Peter said", "spans": [\n'),
               ('{"text": "Peter said", "spans": [{"start": 0, "end": 5, "label": "PER"}]}\n',),
               formats=RECORDS), check=_records),
]
