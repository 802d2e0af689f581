"""LBL002's candidates beyond the exact string: a bare word that is a *form* of an annotated
name, and a bare run that sits in an entity's slot of a table or list.

Forms of one bare word ``w`` that the corpus does not annotate as written (each a way real
annotators miss a repeat mention):

* ``plural``: ``w`` is an annotated ``X`` plus "s" ("Belgians" beside "[MISC Belgian  ]");
* ``caps``: ``w`` is the title case of an all-caps annotation of five letters or more
  outside an all-caps headline ("Hanover" in the body, the dateline's "[LOC HANOVER  ]"):
  a dateline or a table is often the only tagged mention, while a headline's case says
  nothing (its "[LOC GOLF  ]" is a sport);
* ``period``: ``w`` is an annotated abbreviation without its final period ("U.N" before
  the sentence's "."; the tokenizer split the period off);
* ``part``: ``w`` is the first or last word of a person's name annotated in the same
  document ("[PER Vivit Chatuparisut  ] ... Vivit said"), the surname-after-full-name slip.

And a name a line break split: a run ending its line, its last words joined with the
entity that opens the next line, make a string the corpus annotates with that entity's
label ("... at The" / "[LOC Oval  ] on Sunday", where "The Oval" is LOC elsewhere); the
bare words are the rest of the name.

Each is scored as the exact string is (annotations of the source against bare mentions of
``w``, same-document annotations counting double); a word the document also writes in
lower case is a common word here and is skipped. The frame candidates are found per
document (:mod:`linter.rules.lbl.missed_local`) and only turned into findings here.
"""

from __future__ import annotations

from collections.abc import Mapping

from linter.rules.lbl.inconsistent_label import casefold_key, judgeable
from linter.rules.lbl.mentions import (M_COLUMN, M_LABEL, M_LINE, M_TEXT, R_COLUMN, R_LINE,
                                       R_TEXT, MentionSummary, run_offsets)

PERSON = "PER"


def firsts(summary: MentionSummary | None) -> dict[str, tuple]:
    """The document's first mention of each string it annotates."""
    if not summary:
        return {}
    return {mention[M_TEXT]: mention for mention in reversed(summary.mentions)}


def worth_judging(text: str, allowed: set[str]) -> bool:
    return (any(c.isalpha() for c in text) and len(text) >= 2 and judgeable(text)
            and casefold_key(text) not in allowed)


def word_forms(word: str, annotated: Mapping[str, int]) -> list[tuple[str, str]]:
    """(kind, annotated source text) of each form of the bare ``word`` (see above)."""
    out = []
    # the plural of a title-case name only: an acronym's plural ("CODELs") is a common
    # noun however often its singular is tagged
    if len(word) > 3 and word.endswith("s") and word[1:-1].islower() \
            and word[:-1] in annotated:
        out.append(("plural", word[:-1]))
    # an all-caps string of four letters or fewer is read as an acronym: its title case
    # is another word ("SEC", "Sec")
    if len(word) > 4 and word[0].isupper() and word[1:].islower() \
            and word.upper() in annotated:
        out.append(("caps", word.upper()))
    if len(word) > 1 and not word.endswith(".") and "." in word and word + "." in annotated:
        out.append(("period", word + "."))
    return out


def name_parts(mentions) -> dict[str, tuple[str, dict[str, int], tuple]]:
    """{word: (full name, label counts, first mention)} of the first and last words of the
    document's multi-word person names (a word of two different names keeps both counts)."""
    out: dict[str, tuple[str, dict[str, int], tuple]] = {}
    for mention in mentions:
        words = mention[M_TEXT].split()
        if len(words) < 2:
            continue
        for word in {words[0], words[-1]}:
            if len(word) < 3 or not word[0].isupper() or not word[1:].islower():
                continue
            name, counts, first = out.get(word, (mention[M_TEXT], {}, mention))
            counts[mention[M_LABEL]] = counts.get(mention[M_LABEL], 0) + 1
            out[word] = (name, counts, first)
    return {word: entry for word, entry in out.items() if PERSON in entry[1]}


KIND_WORDS = {"plural": "the plural of", "caps": "the all-caps", "period": "the abbreviation",
              "part": "part of the name"}


def form_message(text: str, kind: str, source: str, share: str, bare: int,
                 where: str) -> str:
    return (f"'{text}' is not annotated here but {KIND_WORDS[kind]} '{source}' is "
            f"annotated as {share}" + (" and this form is bare only here" if bare <= 1 else
                                       f" and this form is bare {bare} times")
            + f" ({where})")


def frame_finding(summary, note) -> dict:
    """What a frame note says, for a finding: text, position, label, message parts."""
    index, first, count, label, mates, others, line, column = note
    run = summary.runs[index]
    words = run[R_TEXT].split()
    offsets = run_offsets(run)
    text = " ".join(words[first:first + count])
    start = run[R_COLUMN] + offsets[first]
    end = run[R_COLUMN] + offsets[first + count - 1] + len(words[first + count - 1])
    mate = next((m for m in summary.mentions if m[M_LINE] == line and m[M_COLUMN] == column),
                None)
    example = f"'{mate[M_TEXT]}' at line {line}" if mate is not None else f"line {line}"
    share = mates / (mates + others)
    message = (f"'{text}' is not annotated but sits where {mates} {label} entities of this "
               f"document sit (the same numbers and punctuation around it, as {example})"
               + ("" if not others else f"; {others} other bare words share the slot"))
    return {"text": text, "line": run[R_LINE], "column": start, "end_column": end,
            "label": label, "score": round(share * (1 - 0.5 ** mates), 3),
            "message": message, "words": words,
            "evidence": {"labels": {label: mates}, "suggested": label, "annotated": mates,
                         "unannotated": others, "this_document": True, "form": "frame",
                         "examples": [f"{summary.path}:{line}:{column}"],
                         "other_documents": []}}
