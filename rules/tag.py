"""TAG: tag sequences of token-per-line files, and records of span files that do not parse.

The CoNLL and CoNLL-U readers decode tags leniently and record every departure from the
file's tag scheme (detected per file, or configured; the decision is in each finding's
evidence). These rules turn that record into findings on the tag cell itself. TAG008 does
the same for JSONL, Label Studio and brat files whose records cannot be read.
"""

from __future__ import annotations

from collections import Counter

from linter.aggregate import build
from linter.model import Finding
from linter.rule import Example, Rule, RuleMeta

COLUMNS = ("conll", "conllu")
RECORDS = ("jsonl", "labelstudio", "brat")
_EXPECTED = {"IOB1": "O, I-TYPE, or B-TYPE between two entities of one type",
             "IOB2": "O, B-TYPE or I-TYPE", "IO": "O or I-TYPE",
             "BIOES": "O, B-, I-, E- or S-TYPE", "BILOU": "O, B-, I-, L- or U-TYPE"}


def _scheme(doc) -> dict:
    return {"scheme": doc.facts.get("scheme"), "why": doc.facts.get("scheme_reason")}


def _problems(doc, ctx, kind: str, message):
    """Report every tag problem of ``kind`` the reader recorded, worded by ``message``."""
    for problem in doc.problems:
        if problem.kind == kind:
            yield ctx.report(problem.start, max(problem.end, problem.start + 1),
                             message(problem, doc),
                             evidence={**_scheme(doc), "tag": problem.label or None,
                                       "detail": problem.detail or None})


def _type(tag: str) -> str:
    return tag[2:] if len(tag) > 2 else tag


def _i_without_b_message(problem, doc):
    scheme = doc.facts.get("scheme")
    opener = "B-" if scheme != "BILOU" else "B- or U-"
    return (f"'{problem.label}' starts an entity, but in this file's {scheme} scheme an entity "
            f"starts with {opener}{_type(problem.label)}: change it to B-{_type(problem.label)}"
            f" or tag the token before it")


def _i_without_b(doc, ctx):
    yield from _problems(doc, ctx, "tag:i-without-b", _i_without_b_message)


I_WITHOUT_B = Rule(RuleMeta(
    code="TAG001", name="inside-without-begin", family="TAG", severity="error", formats=COLUMNS,
    summary="An I- tag starts an entity in a file whose scheme starts entities with B-.",
    rationale="In IOB2 and BIOES every entity opens with B- (or S-); a lone I- is an entity "
              "whose first token lost its tag, or a token wrongly added to the entity.",
    fix="Change the tag to B-TYPE, or give the token before it the entity's tag if the entity "
        "starts there.",
    bad=(Example("Peter\tB-PER\nsaid\tO\nBlackburn\tI-PER\n",
                 expect=("3:11 'I-PER' starts an entity",)),),
    good=("Peter\tB-PER\nBlackburn\tI-PER\nsaid\tO\n",),
), check=_i_without_b)


def _type_change_message(problem, doc):
    return (f"'{problem.label}' continues a {problem.detail} entity: an entity cannot change "
            f"type midway; write B-{_type(problem.label)} to start a new entity, or "
            f"I-{problem.detail} to keep one")


def _type_change(doc, ctx):
    yield from _problems(doc, ctx, "tag:type-change", _type_change_message)


TYPE_CHANGE = Rule(RuleMeta(
    code="TAG002", name="type-change-inside", family="TAG", severity="error", formats=COLUMNS,
    summary="An I- tag continues an entity of another type.",
    rationale="'B-ORG I-PER' is half of two entities: readers split it differently, and one of "
              "the tags is wrong.",
    fix="Give the whole entity one type, or start the second entity with B-TYPE.",
    bad=(Example("European\tB-ORG\nCommission\tI-PER\n",
                 expect=("2:12 'I-PER' continues a ORG entity",)),),
    good=("European\tB-ORG\nCommission\tI-ORG\nPeter\tB-PER\n",),
), check=_type_change)


def _invalid_message(problem, doc):
    scheme = doc.facts.get("scheme", "IOB2")
    return (f"'{problem.detail}' is not a tag of this file's {scheme} scheme (expected "
            f"{_EXPECTED.get(scheme, 'O or PREFIX-TYPE')})")


def _invalid(doc, ctx):
    yield from _problems(doc, ctx, "tag:invalid-tag", _invalid_message)


INVALID_TAG = Rule(RuleMeta(
    code="TAG003", name="invalid-tag", family="TAG", severity="error", formats=COLUMNS,
    summary="A tag is not O and not PREFIX-TYPE with a prefix of the file's scheme.",
    rationale="A tag such as 'B_PER', 'PER' or 'b-per' is read as outside by most tools: the "
              "entity silently disappears from training and evaluation.",
    fix="Rewrite the tag as O or PREFIX-TYPE in the file's scheme (the message lists them).",
    bad=(Example("Peter\tB_PER\nsaid\tO\n", expect=("1:7 'B_PER' is not a tag",)),
         "Peter\tPER\nsaid\tO\n"),
    good=("Peter\tB-PER\nsaid\tO\n",),
), check=_invalid)


def _violation_message(problem, doc):
    return f"'{problem.label}' breaks the {doc.facts.get('scheme')} scheme: {problem.detail}"


def _violation(doc, ctx):
    yield from _problems(doc, ctx, "tag:scheme-violation", _violation_message)


SCHEME_VIOLATION = Rule(RuleMeta(
    code="TAG004", name="scheme-violation", family="TAG", severity="error", formats=COLUMNS,
    summary="A tag sequence breaks its scheme (BIOES/BILOU: no E-, S- inside an entity; "
            "IOB1: B- opening an entity after O).",
    rationale="Boundary schemes encode where each entity ends; a missing E- or a stray S- "
              "makes the entity's extent ambiguous.",
    fix="Retag the entity in the scheme: close it with E- (L-), and tag one-token entities "
        "S- (U-).",
    bad=("New\tB-LOC\nYork\tI-LOC\nsaid\tO\nParis\tS-LOC\n",),
    good=("New\tB-LOC\nYork\tE-LOC\nsaid\tO\nParis\tS-LOC\n",),
), check=_violation)


def _columns_message(problem, doc):
    have, _, want = problem.detail.partition(" of ")
    return (f"this row has {have} column{'s' if have != '1' else ''} but the file's rows have "
            f"{want}: a separator is missing or extra, so the tag may be read from the wrong "
            "column")


def _columns(doc, ctx):
    yield from _problems(doc, ctx, "tag:column-count", _columns_message)


COLUMN_COUNT = Rule(RuleMeta(
    code="TAG005", name="column-count", family="TAG", severity="error", formats=COLUMNS,
    summary="A row has a different number of columns from the rest of the file.",
    rationale="With a missing or extra separator the tag column shifts: the row's tag is read "
              "from the wrong column, or the row is silently dropped by other tools.",
    fix="Add the missing column (or remove the extra one) so the row has as many as the "
        "others.",
    bad=(Example("EU NNP B-NP B-ORG\nrejects VBZ O\nGerman JJ B-NP B-MISC\n",
                 expect=("2:1 this row has 3 columns",)),),
    good=("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n",),
), check=_columns)


def _empty_message(problem, doc):
    return ("this row's token is empty (nothing but spaces before the tag): delete the row "
            "or put the word back")


def _empty(doc, ctx):
    yield from _problems(doc, ctx, "tag:empty-token", _empty_message)


EMPTY_TOKEN = Rule(RuleMeta(
    code="TAG006", name="empty-token", family="TAG", severity="error", formats=COLUMNS,
    summary="A row has an empty (or whitespace-only) token.",
    rationale="An empty token is a deleted word whose tag stayed behind; tools disagree on "
              "whether it counts, which shifts every offset after it.",
    fix="Delete the row, or put the missing word back.",
    bad=("Peter\tB-PER\n \tO\nsaid\tO\n",),
    good=("Peter\tB-PER\nsaid\tO\n",),
), check=_empty)


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


MALFORMED_RECORD = Rule(RuleMeta(
    code="TAG008", name="malformed-record", family="TAG", severity="error", formats=RECORDS,
    summary="A record of a span file (JSONL, Label Studio, brat .ann) cannot be read.",
    rationale="A record that is not valid JSON, has no text, or has spans outside its text is "
              "skipped by training tools: its entities are lost without a word.",
    fix="Repair the record as the message says (close the JSON, keep spans inside the text).",
    bad=('{"text": "Peter said", "spans": [{"start": 0, "end": 50, "label": "PER"}]}\n',
         '{"text": "Peter said", "spans": [\n'),
    good=('{"text": "Peter said", "spans": [{"start": 0, "end": 5, "label": "PER"}]}\n',),
), check=_records)


def _collect_scheme(doc, ctx):
    return doc.facts.get("scheme"), doc.facts.get("scheme_reason")


def _contribute_scheme(summary) -> dict:
    """What one document adds to the corpus: one vote for its scheme."""
    scheme = summary[0] if summary else None
    return {"schemes": {scheme: 1}} if scheme else {}


def _scheme_keys(summary) -> set[str]:
    return {"schemes"}


def _mixed(summaries, ctx):
    total = ctx.aggregate
    if total is None:
        total = build(summaries.values(), _contribute_scheme)
    schemes = Counter(total.get("schemes", {}))
    if len(schemes) < 2:
        return
    majority = schemes.most_common(1)[0][0]
    for path, (scheme, reason) in sorted(summaries.items()):
        if scheme and scheme != majority:
            yield ctx.report(path, 1, 1, 2,
                             f"this file's tags follow {scheme} ({reason}) but most of the "
                             f"corpus ({schemes[majority]} of {sum(schemes.values())} files) "
                             f"follows {majority}: convert it, or the same tags mean different "
                             "entities",
                             evidence={"scheme": scheme, "corpus": dict(schemes)},
                             context=f"{scheme}|{majority}")


MIXED_SCHEMES = Rule(RuleMeta(
    code="TAG007", name="mixed-schemes", family="TAG", severity="warning", formats=COLUMNS,
    scope="corpus",
    summary="Files of one corpus follow different tag schemes.",
    rationale="The same tags mean different entities under IOB1 and IOB2 ('I-PER' after O "
              "opens an entity in one and is an error in the other): a corpus must use one.",
    fix="Convert the file to the corpus's scheme (annolint convert --to conll --scheme ...).",
    bad=(Example("=== a.conll ===\nJohn\tB-PER\nsaid\tO\n=== b.conll ===\nJohn\tS-PER\n"
                 "said\tO\n=== c.conll ===\nJohn\tB-PER\nsaid\tO\n",
                 expect=("b.conll:1:1 this file's tags follow",)),),
    good=("=== a.conll ===\nJohn\tB-PER\nsaid\tO\n=== b.conll ===\nMary\tB-PER\n",),
), collect=_collect_scheme, finalize=_mixed, contribute=_contribute_scheme,
   lookup_keys=_scheme_keys)

RULES = [I_WITHOUT_B, TYPE_CHANGE, INVALID_TAG, SCHEME_VIOLATION, COLUMN_COUNT, EMPTY_TOKEN,
         MIXED_SCHEMES, MALFORMED_RECORD]
