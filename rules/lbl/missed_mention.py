"""LBL002: names annotated elsewhere but left bare here.

Matching is exact and case-sensitive against the strings the corpus annotates, over the
runs of capitalised words the mention index kept. Precision comes from what is *not*
flagged:

* a match that continues into more capitalised words ("Washington" in "Washington Post")
  is probably a longer, different name;
* a match preceded inside its run by a word that occurs in annotated names is probably
  part of a longer name too (a preceding title such as "President" is fine);
* a single word at the start of a sentence is skipped unless this document annotates it
  and never writes it in lower case ("May", "Will", "Turkey" ...);
* a string that the corpus leaves bare about as often as it annotates it is a policy
  or ambiguity question, not a slip: the score weighs annotated against bare mentions,
  and annotations in the same document count double;
* a match that continues into a word is still judged when this document annotates the
  string right before that same word ("[ORG OJ  ] No L 211", then "( OJ No L 187 )").

Beyond the exact string (:mod:`linter.rules.lbl.missed_variants`): bare plural, title-case
and period-less forms of annotated names, the first or last word of a person named in the
same document, and runs sitting in an entity's slot of a table or list (found per
document by :mod:`linter.rules.lbl.missed_local`), and the words a line break cut off a
name; a word the document also writes in lower case is never such a candidate. Those
findings are built in :mod:`linter.rules.lbl.missed_forms`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from linter.model import Finding
from linter.rule import Example, Report, Rule, RuleMeta, RuleOptions, annotate_edits
from linter.rules.lbl.evidence import (ANNOTATED, COORDINATION, MAX_NAME_WORDS, NAME_WORDS,
                                       contribute, corpus_total, run_signature_parts,
                                       side_keys)
from linter.rules.lbl.inconsistent_label import casefold_key
from linter.rules.lbl.keys import missed_lookup_keys
from linter.rules.lbl.mentions import (M_COLUMN, M_LABEL, M_LINE, M_RIGHT1, M_TEXT,
                                       R_COLUMN, R_INITIAL, R_LINE, R_LOWER_SEEN, R_TEXT,
                                       MentionSummary, run_offsets)
from linter.rules.lbl.mentions import summary_from_data, summary_to_data
from linter.rules.lbl.missed_forms import other_forms
from linter.rules.lbl.missed_variants import firsts as _firsts, worth_judging as _worth_judging
from linter.rules.lbl.scan import summarise
from linter.rules.lbl.views import Views, pick_label



def _matches(words: list[str], initial: bool, annotated, name_words,
             followed=None) -> Iterable[tuple[int, int, str]]:
    """(first word, word count, text) of each acceptable match in a run's ``words``;
    ``followed(text, word)`` says the corpus annotates ``text`` with ``word`` right after
    it ("[ORG OJ  ] No L ..."), so that word does not make a longer name."""
    i = 0
    count = len(words)
    while i < count:
        found = None
        for n in range(min(MAX_NAME_WORDS, count - i), 0, -1):
            text = " ".join(words[i:i + n]) if n > 1 else words[i]
            if text in annotated:
                found = (n, text)
                break
        if found is None:
            i += 1
            continue
        n, text = found
        after = words[i + n] if i + n < count else None
        before = words[i - 1] if i > 0 else None
        continues = (after is not None and after.lower() not in COORDINATION
                     and not (followed is not None and followed(text, after)))
        longer_left = (before is not None and before.lower() not in COORDINATION
                       and before in name_words and not (i == 1 and initial))
        if not continues and not longer_left:
            yield i, n, text
        i += n


def _followed_in(summary: MentionSummary):
    """``followed(text, word)`` for :func:`_matches`: this document annotates ``text``
    with ``word`` right after it ("[ORG OJ  ] No L 211"), so the same annotator did not
    take that word for part of a longer name."""
    pairs = {(mention[M_TEXT], mention[M_RIGHT1]) for mention in summary.mentions
             if mention[M_RIGHT1] is not None}
    return lambda text, word: (text, word) in pairs


def _bare(text: str, view, annotated, name_words, matched: dict, followed=None) -> int:
    """Corpus-wide bare mentions of ``text``: one-word runs, plus every stored multi-word
    run matched again against what the corpus annotates (``matched`` memoises runs)."""
    bare = view.bare_one_word(text)
    for signature, runs in view.bare_runs(text).items():
        found = matched.get(signature)
        if found is None:
            words, initial, skip_first = run_signature_parts(signature)
            found = matched[signature] = [
                found_text for i, n, found_text in _matches(words, initial, annotated,
                                                            name_words, followed)
                if not (i == 0 and n == 1 and initial and skip_first)]
        bare += runs * found.count(text)
    return bare


def find_missed(summaries: Mapping[str, MentionSummary | None], report: Report, *,
                allow: Iterable[str] = (), min_count: int = 2,
                min_score: float = 0.5, max_examples: int = 5,
                aggregate: Mapping | None = None) -> Iterable[Finding]:
    """Findings for bare mentions, in the documents of ``summaries``, of strings the
    corpus annotates; corpus evidence from ``aggregate`` (built when None)."""
    if aggregate is None:
        aggregate = corpus_total(summaries)
    views = Views(aggregate)
    labels = aggregate.get(ANNOTATED, {})
    name_words = aggregate.get(NAME_WORDS, {})
    allowed = {casefold_key(text) for text in allow}
    worth: dict[str, bool] = {}


    in_doc: dict[str, dict[str, tuple]] = {}  # path -> text -> first mention, when asked
    candidates: list[tuple[str, tuple, list[str], int, int, str]] = []
    for path, summary in summaries.items():
        if not summary:
            continue
        followed = None
        for run in summary.runs:
            words = run[R_TEXT].split()
            if len(words) == 1:  # most runs: one word, matched whole or not at all
                if words[0] not in labels:
                    continue
                matches = ((0, 1, words[0]),)
            else:
                if followed is None:
                    followed = _followed_in(summary)
                matches = _matches(words, run[R_INITIAL], labels, name_words, followed)
            for i, n, text in matches:
                ok = worth.get(text)
                if ok is None:
                    ok = worth[text] = _worth_judging(text, allowed)
                if not ok:
                    continue
                if i == 0 and n == 1 and run[R_INITIAL]:
                    firsts = in_doc.get(path)
                    if firsts is None:
                        firsts = in_doc[path] = _firsts(summary)
                    if text not in firsts or run[R_LOWER_SEEN]:
                        continue  # a capitalised first word of a sentence, not a name
                candidates.append((path, run, words, i, n, text))
    bare: dict[str, int] = {}
    matched: dict[str, list[str]] = {}
    kept = []
    for path, run, words, i, n, text in candidates:
        view = views(text)
        counts = view.text_labels(text)
        annotated = sum(counts.values())
        firsts = in_doc.get(path)
        if firsts is None:
            firsts = in_doc[path] = _firsts(summaries[path])
        first = firsts.get(text)
        here = (first[M_LINE], first[M_COLUMN]) if first is not None else None
        doc_weight = 2 if here else 0
        if here is None and annotated < min_count:
            continue
        if text not in bare:
            bare[text] = _bare(text, view, labels, name_words, matched)
        seen_bare = bare[text]
        if i + n < len(words) and words[i + n].lower() not in COORDINATION:
            # matched inside a longer run (this document annotates the text before the
            # next word): the corpus keeps such runs only under the longer text, so count
            # this document's runs with the same words as bare mentions too
            phrase = f" {text} {words[i + n]} "
            seen_bare = max(seen_bare, sum(phrase in f" {other[R_TEXT]} "
                                           for other in summaries[path].runs))
        # How often the string is annotated rather than bare, damped when its annotations
        # disagree on the label: a common noun the tagger sometimes labels ("Embassy", PER
        # 52 of 92 times and bare 22 times) is not a name the annotators keep missing.
        agreement = max(counts.values()) / annotated if annotated else 1.0
        score = ((annotated + doc_weight) / (annotated + doc_weight + seen_bare)
                 * (0.5 + 0.5 * agreement))
        if score < min_score:
            continue
        kept.append((path, run, words, i, n, text, counts, annotated, here, score,
                     first[M_LABEL] if first is not None else None, seen_bare))
    reported = set()
    for path, run, words, i, n, text, counts, annotated, here, score, own, seen in kept:
        label, top = pick_label(counts, own)
        elsewhere = [w for w in views(text).text_examples(text) if w[0] != path][:max_examples]
        examples = [f"{p}:{line}:{column}" for p, line, column in elsewhere]
        offsets = run_offsets(run)
        column = run[R_COLUMN] + offsets[i]
        end_column = run[R_COLUMN] + offsets[i + n - 1] + len(words[i + n - 1])
        reported.add((path, run[R_LINE], column))
        parts = []
        if here:
            parts.append(f"annotated {label} at line {here[0]} of this document")
        if examples:
            parts.append(f"annotated in {', '.join(examples)}")
        share = f"{label} {top} of {annotated} times" if len(counts) > 1 else f"{label}"
        message = (
            f"'{text}' is not annotated here but the corpus annotates it as {share} and "
            + ("leaves it bare only here " if seen <= 1 else
               f"leaves it bare {seen} times, this one included ")
            + f"({'; '.join(parts)})"
        )
        yield report(
            path, run[R_LINE], column, end_column, message, score=round(score, 3),
            evidence={"labels": dict(counts), "suggested": label, "annotated": annotated,
                      "unannotated": seen, "this_document": here is not None,
                      "examples": examples,
                      "other_documents": sorted({p for p, _, _ in elsewhere})},
            context=f"{text}|{' '.join(words)}",
            edits=annotate_edits(run[R_LINE], column, text, label),
        )
    yield from other_forms(summaries, report, views, labels, allowed, min_count, min_score,
                           max_examples, reported)


class MissedOptions(RuleOptions):
    """``min-count``: corpus annotations of a string needed when the same document does
    not annotate it. ``min-score``: findings below this score are not reported."""

    min_count: int = 2
    min_score: float = 0.65


def _missed_finalize(summaries, ctx):
    options = ctx.options
    yield from find_missed(summaries, ctx.report, allow=ctx.allow,
                           min_count=options.min_count, min_score=options.min_score,
                           aggregate=ctx.aggregate)


MISSED_MENTION = Rule(RuleMeta(
    code="LBL002", name="missed-mention", family="LBL", severity="warning",
    scope="corpus", options=MissedOptions,
    summary="A name annotated elsewhere (in the corpus or earlier in the document) is left "
            "unannotated here.",
    rationale="Annotators skip repeat mentions, especially surnames after the full name. "
              "The rule matches the exact, case-sensitive string against what the corpus "
              "annotates, skips structural zones, sentence-initial common words and names "
              "that continue into a longer capitalised name, and weighs how often the string "
              "is annotated against how often it is left bare. It also reports forms of an "
              "annotated name left bare (its plural, the title case of an all-caps dateline "
              "name, an abbreviation whose final period the tokenizer split off, the first "
              "or last word of a person named earlier in the document), and a bare word in "
              "the slot entities of one label fill in a table or list (the same numbers and "
              "punctuation around it), and the words a line break cut off a name the "
              "corpus annotates ('at The' / '[LOC Oval] on Sunday'); a word the document "
              "also writes in lower case is never one of these.",
    fix="Annotate the mention with the label the corpus gives it, or, if here it is not the "
        "name (a common word, part of a longer name), leave it and add it to 'allow:' when "
        "it keeps coming back.",
    fixable="always", fix_safety="unsafe",  # annotates the mention with the corpus's label
    bad=(Example("Brigadier General [PER Ziv  ] arrived .\nAccording to the press , Ziv will "
                 "train units .\n", expect=("2:26 'Ziv' is not annotated here",),
                 fixed="Brigadier General [PER Ziv  ] arrived .\nAccording to the press , "
                       "[PER Ziv  ] will train units .\n"),
         Example("1. [ORG Alpha  ] 10\n2. [ORG Bravo  ] 8\n3. Corvex 5\n",
                 expect=("3:4 'Corvex' is not annotated but sits where 2 ORG entities",),
                 fixed="1. [ORG Alpha  ] 10\n2. [ORG Bravo  ] 8\n3. [ORG Corvex  ] 5\n")),
    good=("Brigadier General [PER Ziv  ] arrived .\nAccording to the press , "
          "[PER Ziv  ] will train units .\n",
          "[LOC Washington  ] is humid .\nThe Washington Post said so .\n",
          "[PER Anna Volk  ] said the talks went well .\n[PER Boris Lenk  ] said the "
          "talks went badly .\nYesterday , Nobody said the talks ended .\n"),
), collect=summarise, dump_summary=summary_to_data, load_summary=summary_from_data,
   finalize=_missed_finalize, contribute=contribute,
   lookup_keys=missed_lookup_keys, expand_keys=side_keys)
