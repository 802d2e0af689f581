"""LBL002's findings beyond the exact string: forms of annotated names, table/list
slots and names a line break split (the candidates are described in
:mod:`linter.rules.lbl.missed_variants` and :mod:`linter.rules.lbl.missed_local`)."""

from __future__ import annotations

from collections.abc import Iterable

from linter.model import Finding
from linter.rule import annotate_edits
from linter.rules.lbl.inconsistent_label import casefold_key
from linter.rules.lbl.mentions import (M_LABEL, M_LINE, M_TEXT, R_COLUMN, R_INITIAL, R_LINE,
                                       R_TEXT, run_offsets)
from linter.rules.lbl.missed_local import line_joins
from linter.rules.lbl.missed_variants import (firsts as first_mentions, form_message,
                                             frame_finding, name_parts,
                                             word_forms, worth_judging)
from linter.rules.lbl.views import pick_label


def other_forms(summaries, report, views, labels, allowed, min_count, min_score,
                 max_examples, reported) -> Iterable[Finding]:
    """Findings for bare forms of annotated names and for bare runs in an entity's slot
    (see :mod:`linter.rules.lbl.missed_variants`)."""
    for path, summary in summaries.items():
        if not summary:
            continue
        lowered = set(summary.lowered)
        parts = firsts = None
        for index, run in enumerate(summary.runs):
            word = run[R_TEXT]
            if index in lowered or run[R_INITIAL] or " " in word or word in labels:
                continue
            if parts is None:
                parts = name_parts(summary.mentions)
            forms = word_forms(word, labels)
            if word in parts:
                forms.append(("part", parts[word][0]))
            best = None
            for kind, source in forms:
                if casefold_key(source) in allowed or not worth_judging(word, allowed):
                    continue
                if kind == "part":
                    counts, here = dict(parts[word][1]), parts[word][2]
                    annotated = sum(counts.values())
                    others = []
                else:
                    counts = (views(source).body_labels(source) if kind == "caps"
                              else views(source).text_labels(source))
                    annotated = sum(counts.values())
                    if firsts is None:
                        firsts = first_mentions(summary)
                    here = firsts.get(source)
                    others = [w for w in views(source).text_examples(source)
                              if w[0] != path][:max_examples]
                if not annotated:
                    continue
                bare = max(1, views(word).bare_one_word(word))
                weight = 2 if here is not None else 0
                agreement = max(counts.values()) / annotated
                score = ((annotated + weight) / (annotated + weight + bare)
                         * (0.5 + 0.5 * agreement))
                if score >= min_score and (best is None or score > best[0]):
                    best = (score, kind, source, counts, annotated, here, others, bare)
            if best is None or (path, run[R_LINE], run[R_COLUMN]) in reported:
                continue
            score, kind, source, counts, annotated, here, others, bare = best
            label, top = pick_label(counts, here[M_LABEL] if here is not None else None)
            share = f"{label} {top} of {annotated} times" if len(counts) > 1 else label
            where = [f"annotated {label} at line {here[M_LINE]} of this document"] \
                if here is not None else []
            examples = [f"{p}:{line}:{column}" for p, line, column in others]
            if examples:
                where.append(f"annotated in {', '.join(examples)}")
            yield report(
                path, run[R_LINE], run[R_COLUMN], run[R_COLUMN] + len(word),
                form_message(word, kind, source, share, bare, "; ".join(where)),
                score=round(score, 3),
                evidence={"labels": dict(counts), "suggested": label, "annotated": annotated,
                          "unannotated": bare, "this_document": here is not None,
                          "form": kind, "source": source, "examples": examples,
                          "other_documents": sorted({p for p, _, _ in others})},
                context=f"{word}|{kind}|{source}",
                edits=annotate_edits(run[R_LINE], run[R_COLUMN], word, label))
        yield from _split_names(path, summary, report, views, labels, allowed, min_count,
                                min_score, reported)
        for note in summary.framed:
            found = frame_finding(summary, note)
            if found["score"] < min_score or not worth_judging(found["text"], allowed) \
                    or (path, found["line"], found["column"]) in reported:
                continue
            yield report(
                path, found["line"], found["column"], found["end_column"], found["message"],
                score=found["score"], evidence=found["evidence"],
                context=f"{found['text']}|frame|{' '.join(found['words'])}",
                edits=annotate_edits(found["line"], found["column"], found["text"],
                                     found["label"]))


def _split_names(path, summary, report, views, labels, allowed, min_count, min_score,
                 reported) -> Iterable[Finding]:
    """Findings for the words a line break cut off a name (see ``line_joins``)."""
    best: dict[int, tuple] = {}
    for index, first, joined, mention in line_joins(summary):
        if joined not in labels or casefold_key(joined) in allowed:
            continue
        counts = views(joined).text_labels(joined)
        annotated = sum(counts.values())
        label = mention[M_LABEL]
        here = first_mentions(summary).get(joined)
        if not counts.get(label) or (here is None and annotated < min_count):
            continue
        weight = 2 if here is not None else 0
        score = ((annotated + weight) / (annotated + weight + 1)
                 * (0.5 + 0.5 * counts[label] / annotated))
        if score >= min_score and (index not in best or score > best[index][0]):
            best[index] = (score, first, joined, mention, counts, annotated)
    for index, (score, first, joined, mention, counts, annotated) in sorted(best.items()):
        run = summary.runs[index]
        words = run[R_TEXT].split()
        column = run[R_COLUMN] + run_offsets(run)[first]
        text = " ".join(words[first:])
        if (path, run[R_LINE], column) in reported:
            continue
        label = mention[M_LABEL]
        share = f"{label} {counts[label]} of {annotated} times" if len(counts) > 1 else \
            f"{label} {annotated} time{'s' if annotated > 1 else ''}"
        yield report(
            path, run[R_LINE], column, column + len(text),
            f"'{text}' ends the line and the next line opens with [{label} "
            f"{mention[M_TEXT]}]: together they are '{joined}', which the corpus annotates "
            f"as {share}; a line break probably split the name",
            score=round(score, 3),
            evidence={"labels": dict(counts), "suggested": label, "annotated": annotated,
                      "unannotated": 1, "this_document": False, "form": "split",
                      "source": joined, "examples": [], "other_documents": []},
            context=f"{text}|split|{joined}",
            edits=annotate_edits(run[R_LINE], column, text, label))
