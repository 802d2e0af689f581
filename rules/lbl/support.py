"""How much of LBL001's evidence for a suggested label is local (see :func:`support_factor`)."""

from __future__ import annotations

from linter.rules.lbl.mentions import M_LEFT1, M_RIGHT1, M_RIGHT2, M_SIBLINGS

# The score is the experts' 1 - P(label), times a factor for how much of the evidence for
# the suggested label is local: BASE, plus LOCAL per local signal that prefers it (at most
# three: the document's other mentions of the string, the names listed or paired with it,
# other names in the same position in this document, the string's mentions elsewhere with
# the same neighbouring word), plus CORPUS when the rest of the
# corpus gives the string the suggested label nearly always (CORPUS_SHARE of at least
# CORPUS_MIN votes). Real errors are systematic (a document that calls every team a place),
# so the corpus alone cannot tell a slip from a legitimate second sense: at the default
# threshold a finding needs two signals that agree.
BASE, LOCAL, CORPUS = 0.4, 0.25, 0.2
# The document's other mentions count twice when DOCUMENT_SHARE of at least CORPUS_MIN of
# them agree (a string PER 20 times and ORG 4 times in one document).
CORPUS_SHARE, CORPUS_MIN = 0.9, 3
DOCUMENT_SHARE = 0.75  # the document's own majority counts twice from three in four


def _one_sided(counts, best: str) -> bool:
    total = sum(counts.values())
    return total >= CORPUS_MIN and counts.get(best, 0) >= CORPUS_SHARE * total


def support_factor(best: str, label: str, local, corpus, one_off: bool = False) -> float:
    """``one_off``: see :func:`is_one_off`; it counts as one more signal."""
    support = sum(1 for counts in local if counts.get(best, 0) > counts.get(label, 0))
    support += one_off
    document = local[0]
    in_doc = sum(document.values())
    if in_doc >= CORPUS_MIN and document.get(best, 0) >= DOCUMENT_SHARE * in_doc:
        support += 1
    strong = CORPUS if _one_sided(corpus, best) else 0.0
    return min(1.0, BASE + LOCAL * min(support, 3) + strong)


def _has_letter(word) -> bool:
    return word is not None and any(c.isalpha() for c in word)


def isolated(mention) -> bool:
    """An entity alone at the start of its line with only numbers or symbols after it: a
    dateline ("[LOC MILAN] 1996-08-25"), a heading, a table row of its own. Such a line
    names the thing in another role than the document's sentences do (the city a report
    is filed from, the club of the match report), so the document's other mentions of the
    string are no evidence against its label there; the other rows of a table, which stand
    in the same position, still are."""
    return (mention[M_LEFT1] is None and not mention[M_SIBLINGS]
            and not _has_letter(mention[M_RIGHT1]) and not _has_letter(mention[M_RIGHT2]))


def is_one_off(label: str, best: str, carried, local) -> bool:
    """Whether the mention is the only one in the corpus with its label (``carried``: the
    string's label counts), ``best`` recurs, and no local signal prefers the label to
    ``best``: a slip rather than a second sense, which recurs (the city in one report, the
    club in others); an annotator's systematic error recurs within its document, where the
    document expert sees it."""
    return carried.get(label, 0) == 1 and carried.get(best, 0) > 1 and not any(
        counts.get(label, 0) > counts.get(best, 0) for counts in local)
