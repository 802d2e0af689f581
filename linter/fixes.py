"""``check --fix``, ``--unsafe-fixes``, ``--diff`` and ``--show-fixes``: apply the edits that
rules attach to their findings (see :class:`linter.model.Edit`).

How a pass works, as in ruff: lint, take every finding with a fix that the run may apply
(safe ones; unsafe ones too with ``--unsafe-fixes``), resolve its edits against the file as
it is now (an edit whose ``expect`` text no longer stands at its position is skipped), keep
the fixes that overlap none already kept (the others wait for the next pass, when the text
has moved and the rule has re-reported them), apply them from the end of the file backwards
and write the file atomically. Then lint again, until nothing is left to fix or
:data:`MAX_PASSES` passes. Bytes outside the edits are never touched (a byte-order mark
and CRLF line ends stay); a file whose fixed text would read with more markup problems
than before is not written.

Fixes edit inline files only: findings on CoNLL, JSONL, Label Studio and brat files carry
no edits (their positions are on a prose view of the file, see
:mod:`linter.readers.views`), so ``--fix`` leaves those files alone and says so.
"""

from __future__ import annotations

import difflib
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from linter.atomic import atomic_write_bytes
from linter.model import Edit, Finding, LineIndex
from linter.readers import read_document

MAX_PASSES = 10
_BOM = "\ufeff".encode()


@dataclass
class FixOutcome:
    """What the fix passes did."""

    applied: list[Finding] = field(default_factory=list)  # with positions before the edit
    files: set[str] = field(default_factory=set)  # display paths written (or diffed)
    passes: int = 0
    stale: int = 0  # fixes skipped because the text at their position had changed
    left: int = 0  # fixes still pending when the passes ran out (or, with --diff, deferred)
    unsafe_left: int = 0  # unsafe fixes not applied (no --unsafe-fixes)
    not_inline: set[str] = field(default_factory=set)  # files with fixes that are not inline
    refused: list[str] = field(default_factory=list)  # files whose fix would not parse
    diffs: list[str] = field(default_factory=list)


def fix_safety(finding: Finding, safety: dict[str, str]) -> str:
    return safety.get(finding.rule, "safe")


def resolve_edits(finding: Finding, text: str, lines: LineIndex) -> list[tuple[int, int, str]] | None:
    """The finding's edits as (start, end, replacement) offsets into ``text``, or None when
    one of them no longer fits the text (its ``expect`` is not at its position)."""
    resolved = []
    count = lines.line_count
    for raw in finding.edits:
        edit = Edit(*raw)
        if not (1 <= edit.line <= count and 1 <= edit.end_line <= count):
            return None
        start = _offset(lines, edit.line, edit.column)
        end = _offset(lines, edit.end_line, edit.end_column)
        if start is None or end is None or end < start or text[start:end] != edit.expect:
            return None
        resolved.append((start, end, edit.text))
    return sorted(resolved)


def _offset(lines: LineIndex, line: int, column: int) -> int | None:
    start, end = lines.line_bounds(line - 1)
    offset = start + column - 1
    return offset if start <= offset <= end + 1 else None


def _overlaps(edits: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> bool:
    for start, end, _ in edits:
        for other_start, other_end in taken:
            if start < other_end and other_start < end:
                return True
            if start == end == other_start or other_start == other_end == start:
                return True  # two edits at one point: their order would be a guess
    return False


def plan_text(text: str, findings: list[Finding]) -> tuple[str, list[Finding], int, int]:
    """(new text, findings fixed, stale fixes, deferred fixes) for one file's fixes."""
    lines = LineIndex(text)
    candidates = []
    stale = 0
    for finding in findings:
        edits = resolve_edits(finding, text, lines)
        if edits is None:
            stale += 1
        elif edits:
            candidates.append((edits[0][0], edits, finding))
    candidates.sort(key=lambda item: (item[0], item[2].rule))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, str]] = []
    fixed: list[Finding] = []
    deferred = 0
    for _, edits, finding in candidates:
        if _overlaps(edits, taken) or any(
                a_end > b_start for (_, a_end, _), (b_start, _, _) in zip(edits, edits[1:])):
            deferred += 1
            continue
        taken.extend((start, end) for start, end, _ in edits)
        chosen.extend(edits)
        fixed.append(finding)
    pieces = []
    at = 0
    for start, end, replacement in sorted(chosen):
        pieces.append(text[at:start])
        pieces.append(replacement)
        at = end
    pieces.append(text[at:])
    return "".join(pieces), fixed, stale, deferred


def _fixable(findings: list[Finding], safety: dict[str, str], unsafe: bool,
             outcome: FixOutcome | None = None) -> dict[str, list[Finding]]:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not getattr(finding, "edits", ()):
            continue
        if fix_safety(finding, safety) == "unsafe" and not unsafe:
            if outcome is not None:
                outcome.unsafe_left += 1
            continue
        by_path[finding.path].append(finding)
    return by_path


def run_fixes(lint: Callable[[], object], *, unsafe: bool, diff: bool,
              show: bool = False) -> tuple[object, FixOutcome]:
    """Lint, fix and lint again until nothing changes (at most MAX_PASSES passes).

    ``lint()`` returns a :class:`linter.lint.LintRun`. Returns the last run (what is left
    after the fixes; with ``diff``, the first run, nothing written) and the outcome.
    """
    outcome = FixOutcome()
    run = lint()
    first_text: dict[str, str] = {}
    last_text: dict[str, str] = {}
    done: set[tuple[str, str, str]] = set()  # (rule, path, text) fixed in an earlier pass
    while True:
        safety = {meta.code: meta.fix_safety for meta in run.result.rules}
        by_path = _fixable(run.result.findings, safety, unsafe)
        # a corpus rule can ask to undo its own fix (two mentions that swap labels): a
        # mention is fixed by one rule once per run, so the passes always end
        by_path = {path: kept for path, found in by_path.items()
                   if (kept := _one_judgement_each(
                       [f for f in found if _key(f) not in done], safety))}
        if not by_path or outcome.passes >= MAX_PASSES:
            outcome.left = sum(len(found) for found in by_path.values())
            break
        outcome.passes += 1
        on_disk = {source.display: source.path for source in run.sources}
        changed = False
        for display, findings in sorted(by_path.items()):
            applied = len(outcome.applied)
            written = _fix_file(display, on_disk.get(display), findings, run, outcome, diff,
                                first_text, last_text)
            done.update(_key(finding) for finding in outcome.applied[applied:])
            changed = changed or written
        if diff or not changed:
            break
        run = lint()
    _fixable(run.result.findings, {m.code: m.fix_safety for m in run.result.rules}, unsafe,
             outcome)
    if diff:
        for display in sorted(last_text):
            outcome.diffs.append("".join(difflib.unified_diff(
                first_text[display].splitlines(keepends=True),
                last_text[display].splitlines(keepends=True),
                fromfile=f"a/{display}", tofile=f"b/{display}")))
    if show:
        print_fixes(outcome, sys.stderr)
    return run, outcome


def _one_judgement_each(findings: list[Finding], safety: dict[str, str]) -> list[Finding]:
    """Unsafe fixes of one rule that rewrite one string in a file to different texts (two
    mentions that each point at the other: "[PER Peru] the [ORG Peru]") would swap labels;
    of those only the first applies in a pass, and the next pass judges the rest against
    the text it made. Fixes that agree (every VRAE becomes LOC) all apply."""
    targets: dict[tuple[str, str], set] = {}
    for finding in findings:
        if fix_safety(finding, safety) == "unsafe" and finding.span:
            targets.setdefault((finding.rule, finding.span[0]), set()).add(
                tuple(edit[4] if len(edit) == 6 else edit[-1] for edit in finding.edits))
    seen: set[tuple[str, str]] = set()
    kept = []
    for finding in findings:
        key = (finding.rule, finding.span[0]) if finding.span else None
        if key in targets and len(targets[key]) > 1:
            if key in seen:
                continue
            seen.add(key)
        kept.append(finding)
    return kept


def _key(finding: Finding) -> tuple[str, str, str]:
    text = finding.span[0] if finding.span else finding.context.split("|", 1)[0]
    return finding.rule, finding.path, text


def _fix_file(display, path, findings, run, outcome, diff, first_text, last_text) -> bool:
    """Fix one file in this pass; True when it was written (or, with --diff, changed)."""
    if path is None:
        return False
    doc = run.result.document(display)  # None when the file changed since it was linted
    if doc is None:
        outcome.stale += len(findings)
        return False
    if doc.format != "inline" or doc.views:
        outcome.not_inline.add(display)
        return False
    text = doc.text
    new_text, fixed, stale, deferred = plan_text(text, findings)
    outcome.stale += stale
    if diff:
        outcome.left += deferred
    if new_text == text:
        return False
    with open(path, "rb") as handle:
        bom = _BOM if handle.read(3) == _BOM else b""
    data = bom + new_text.encode("utf-8", "surrogatepass")
    labels = frozenset(run.result.settings.get("labels") or ())
    after, _problem = read_document(display, data, fmt="inline", labels=labels)
    if after is None or len(after.problems) > len(doc.problems):
        outcome.refused.append(display)
        return False
    first_text.setdefault(display, text)
    last_text[display] = new_text
    outcome.applied.extend(fixed)
    outcome.files.add(display)
    if not diff:
        atomic_write_bytes(path, data)
    return True


def print_fixes(outcome: FixOutcome, out) -> None:
    """``--show-fixes``: every fix applied, by file (positions before the fix)."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in outcome.applied:
        by_path[finding.path].append(finding)
    for path in sorted(by_path):
        print(f"{path}:", file=out)
        for finding in sorted(by_path[path], key=Finding.sort_key):
            print(f"  {finding.line}:{finding.column} {finding.rule} {finding.message}",
                  file=out)


def summary_notes(outcome: FixOutcome, diff: bool) -> list[str]:
    """What to tell the user after the passes, one line each."""
    notes = []
    verb = "would fix" if diff else "fixed"
    if outcome.applied:
        notes.append(f"{verb} {len(outcome.applied)} findings in {len(outcome.files)} files"
                     + ("" if diff else f" ({outcome.passes} passes)"))
    else:
        notes.append("nothing to fix")
    if outcome.left:
        notes.append(f"{outcome.left} fixes overlap others and wait for another pass"
                     + (" (run 'check --fix')" if diff else ""))
    if outcome.unsafe_left:
        notes.append(f"{outcome.unsafe_left} more fixes are available with --unsafe-fixes")
    if outcome.stale:
        notes.append(f"{outcome.stale} fixes were skipped: the text at their position changed")
    if outcome.not_inline:
        notes.append(f"{len(outcome.not_inline)} files with fixes are not inline markup; "
                     "--fix edits inline files only")
    for display in outcome.refused:
        notes.append(f"{display}: not written, its fixed text would not read cleanly")
    return notes
