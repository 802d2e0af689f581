"""Small CoNLL reader and inline writer for the detection benchmark.

Not the product's CoNLL reader (that comes with its own issue): just enough to turn the
BTC and WNUT-17 files (token TAB BIO-tag, blank line between sentences) into documents of
sentences with token-index entities, and to write them in the inline format with the
column of every entity, so a finding can be matched to the noise that caused it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# WNUT-17's six types folded onto the default label set.
LABEL_MAP = {
    "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC",
    "person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
    "product": "MISC", "creative-work": "MISC",
}


@dataclass
class Sentence:
    tokens: list[str]
    spans: list[tuple[int, int, str]]  # (first token, end token exclusive, label)


@dataclass
class Doc:
    name: str
    sentences: list[Sentence] = field(default_factory=list)


def _clean(token: str) -> str:
    """Literal brackets would read as markup: the benchmark text keeps round ones."""
    return token.replace("[", "(").replace("]", ")")


def read_conll(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append(Sentence(list(tokens), _bio_spans(tags)))
        tokens.clear()
        tags.clear()

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip():
            flush()
            continue
        parts = raw.split("\t") if "\t" in raw else raw.split()
        if len(parts) < 2 or not parts[0].strip():
            continue
        tokens.append(_clean(parts[0].strip()))
        tags.append(parts[-1].strip())
    flush()
    return sentences


def _bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    start, label = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and start >= 0 and LABEL_MAP.get(kind) == label
        if start >= 0 and not continues:
            spans.append((start, index, label))
            start = -1
        if prefix in ("B", "I") and not continues and kind in LABEL_MAP:
            start, label = index, LABEL_MAP[kind]
    return spans


def group(name: str, sentences: list[Sentence], size: int) -> list[Doc]:
    return [Doc(f"{name}-{i // size:04d}", sentences[i:i + size])
            for i in range(0, len(sentences), size)]


def write_line(sentence: Sentence) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """The inline line, the 1-based [start, end) columns of each entity's markup (in span
    order) and of every token (so a dropped entity's text can be located)."""
    starts = {start: (end, label) for start, end, label in sentence.spans}
    parts: list[str] = []
    token_cols: list[tuple[int, int]] = [(0, 0)] * len(sentence.tokens)
    span_cols: dict[int, tuple[int, int]] = {}
    column = 1
    index = 0
    while index < len(sentence.tokens):
        if parts:
            parts.append(" ")
            column += 1
        if index in starts:
            end, label = starts[index]
            opener = f"[{label} "
            span_start = column
            parts.append(opener)
            column += len(opener)
            for j in range(index, end):
                if j > index:
                    parts.append(" ")
                    column += 1
                token_cols[j] = (column, column + len(sentence.tokens[j]))
                parts.append(sentence.tokens[j])
                column += len(sentence.tokens[j])
            parts.append("  ]")
            column += 3
            span_cols[index] = (span_start, column)
            index = end
            continue
        token = sentence.tokens[index]
        token_cols[index] = (column, column + len(token))
        parts.append(token)
        column += len(token)
        index += 1
    ordered = [span_cols[start] for start, _, _ in sorted(sentence.spans)]
    return "".join(parts), ordered, token_cols
