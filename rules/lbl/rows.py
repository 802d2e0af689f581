"""Table rows and fixtures: lines whose entities stand in parallel slots ("[ORG A] 3 [ORG B] 1",
"[ORG A] AT [ORG B]"), so LBL001 lets them vote for each other's label (see
:func:`linter.rules.lbl.scan._coordinating`)."""

from __future__ import annotations


def row_word(word: str) -> bool:
    """A word that may sit between the entities of a table row: a number, a score, a
    symbol, or a word of at most three letters ("AT", "v"); never a parenthesis, which
    opens an aside ("[PER Luo] ( [LOC China] )")."""
    if "(" in word or ")" in word:
        return False
    letters = sum(c.isalpha() for c in word)
    return letters <= 3 or any(c.isdigit() for c in word)


def row_lines(text: str, spans, line_starts: list[int]) -> set[int]:
    """The 0-based lines that read as a table row or a fixture: two or more entities and
    at most two untagged words made of letters ("[ORG A] 3 [ORG B] 1", "[ORG A] AT [ORG B]",
    "[ORG A] 33 05/09 [ORG B] / [ORG C]"). Their entities stand in parallel slots, so they
    vote for each other's label. One pass over the text of lines with two entities."""
    by_line: dict[int, list] = {}
    for span in spans:
        by_line.setdefault(span.line, []).append(span)
    rows = set()
    count = len(line_starts)
    for line0, members in by_line.items():
        if len(members) < 2 or line0 >= count:
            continue
        start = line_starts[line0]
        end = line_starts[line0 + 1] - 1 if line0 + 1 < count else len(text)
        cursor, words = start, 0
        for span in sorted(members, key=lambda s: s.start):
            words += _alpha_words(text[cursor:max(cursor, span.start)], 3 - words)
            if words > 2:
                break  # prose: most lines with two entities stop here, after a few words
            cursor = max(cursor, span.end)
        else:
            if words + _alpha_words(text[cursor:end], 3 - words) <= 2:
                rows.add(line0)
    return rows


def _alpha_words(piece: str, limit: int) -> int:
    """How many words of ``piece`` are made of letters (a letter, no digit), counting no
    further than ``limit``."""
    found = 0
    for word in piece.split():
        if any(c.isalpha() for c in word) and not any(c.isdigit() for c in word):
            found += 1
            if found >= limit:
                break
    return found
