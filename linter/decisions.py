"""The decisions file: what reviewers settled, in a form people edit and review in a PR.

``annolint-decisions.yaml`` sits beside the config (or where the config's ``decisions:``
says)::

    strings:                 # per string: every mention is this label, or none
      VRAE: LOC
      Embassy: none
      Lima: {label: LOC, files: ["cables/09*.txt"]}   # scoped by glob
    accept:                  # per occurrence: this finding is accepted as it is
      - fingerprint: 5f0c0d2f3b1e4a7c9d21
        rule: LBL001
        file: cables/09LIMA1659.txt
        text: Lima

A string decision silences the label-consistency findings (LBL) about that string (they
are settled) and turns mentions that disagree into DEC001 findings with a fix (see
``rules/dec.py``); an accepted finding is not reported. A decision that matches nothing
in a full run is a DEC002 finding on the decisions file. ``annolint decide`` appends
decisions without hand-editing (comments and order are kept: lines are added, the file is
never re-dumped).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import json
import re

from pydantic import Field

from linter.config import ConfigError, LoadedConfig
from linter.discovery import root_relative
from linter.globs import matches
from linter.kebab import KebabModel
from linter.model import Finding
from linter.rule import RuleOptions

DECISIONS_NAME = "annolint-decisions.yaml"
NONE_WORDS = {"none", "null", "~", ""}
# the findings a string decision settles: about the string's label (any decision) or
# about its extent and whether it is a name at all (a 'none' decision)
SETTLED = {"LBL001", "LBL002", "LBL004", "LBL005"}
SETTLED_BY_NONE = SETTLED | {"LBL003"}


class StringDecision(KebabModel):
    """One string's decision: its label, or None (never an entity), in ``files`` (globs
    relative to the decisions file's folder; empty: everywhere)."""

    text: str
    label: str | None = None
    files: list[str] = Field(default_factory=list)


class DecisionOptions(RuleOptions):
    """Filled from the decisions file, not written in the config: ``strings`` are the
    per-string decisions, ``root`` the folder their ``files`` globs are relative to."""

    strings: list[StringDecision] = Field(default_factory=list)
    root: str = "."


def in_scope(decision: StringDecision, path: str, root: str) -> bool:
    if not decision.files:
        return True
    key = root_relative(path, root)
    return any(matches(key, pattern) for pattern in decision.files)


@dataclass
class StringEntry:
    text: str
    label: str | None
    files: list[str]
    line: int


@dataclass
class AcceptEntry:
    fingerprint: str
    rule: str
    file: str
    text: str
    line: int


@dataclass
class Decisions:
    path: Path
    strings: list[StringEntry] = field(default_factory=list)
    accept: list[AcceptEntry] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent


def decisions_path(config: LoadedConfig) -> Path:
    folder = config.path.parent if config.path else Path.cwd()
    return folder / (config.settings.decisions or DECISIONS_NAME)


def _line(container, key) -> int:
    try:
        return (container.lc.key(key) if isinstance(key, str) else container.lc.item(key))[0] + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return 1


def _label(value) -> str | None:
    text = "" if value is None else str(value).strip()
    return None if text.lower() in NONE_WORDS else text


def load_decisions(path: Path) -> Decisions:
    """Read the file (YAML 1.2: 'NO: LOC' is the string NO); every entry keeps its line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="rt").load(path.read_text("utf-8"))
    except (OSError, YAMLError) as error:
        raise ConfigError(f"cannot read the decisions file: {error}", str(path)) from None
    decisions = Decisions(path)
    if data is None:
        return decisions
    if not isinstance(data, dict):
        raise ConfigError("a decisions file is a mapping with 'strings:' and 'accept:'",
                          str(path))
    for key in data:
        if key not in ("strings", "accept"):
            raise ConfigError(f"decisions file: unknown key '{key}' (expected 'strings' or "
                              "'accept')", str(path), _line(data, key))
    strings = data.get("strings") or {}
    for text, value in (strings.items() if isinstance(strings, dict) else ()):
        files: list[str] = []
        if isinstance(value, dict):
            raw = value.get("files") or []
            files = [str(raw)] if isinstance(raw, str) else [str(glob) for glob in raw]
            value = value.get("label")
        decisions.strings.append(StringEntry(str(text), _label(value), files,
                                             _line(strings, text)))
    accept = data.get("accept") or []
    for index, item in enumerate(accept if isinstance(accept, list) else ()):
        if isinstance(item, dict) and item.get("fingerprint"):
            decisions.accept.append(AcceptEntry(
                str(item["fingerprint"]), str(item.get("rule") or ""),
                str(item.get("file") or ""), str(item.get("text") or ""),
                _line(accept, index)))
    return decisions


def load_for(config: LoadedConfig) -> Decisions | None:
    """The decisions beside the config, handed to DEC001 as its options; None if none."""
    path = decisions_path(config)
    if not path.is_file():
        return None
    decisions = load_decisions(path)
    config.rule_options["DEC001"] = DecisionOptions.model_validate({
        "strings": [{"text": s.text, "label": s.label, "files": s.files}
                    for s in decisions.strings],
        "root": str(decisions.root)})
    return decisions


def finding_texts(finding: Finding) -> set[str]:
    """The strings a finding is about: its span, an acronym and its expansion, a name."""
    texts = set()
    if finding.span is not None:
        texts.add(finding.span[0])
    evidence = finding.evidence or {}
    for key in ("acronym", "expansion", "name"):
        if isinstance(evidence.get(key), str):
            texts.add(evidence[key])
    if finding.rule == "LBL002" and finding.context:
        texts.add(finding.context.split("|", 1)[0])
    return texts


def apply_decisions(result, decisions: Decisions, sources, full_run: bool) -> None:
    """Silence what the decisions settle; report unused ones (DEC002) in a full run."""
    root = str(decisions.root)
    scoped = [(entry, StringDecision(text=entry.text, label=entry.label, files=entry.files))
              for entry in decisions.strings]
    accepted = {entry.fingerprint: entry for entry in decisions.accept}
    used: set[int] = set()
    kept, settled = [], 0
    for finding in result.findings:
        if finding.rule == "DEC001":
            used.update(id(e) for e, _ in scoped
                        if e.text == (finding.evidence or {}).get("decision"))
            kept.append(finding)
            continue
        entry = accepted.get(finding.fingerprint)
        if entry is not None and entry.rule in ("", finding.rule):
            used.add(id(entry))
            settled += 1
            continue
        texts = finding_texts(finding) if finding.rule in SETTLED_BY_NONE else set()
        match = next((e for e, d in scoped if e.text in texts
                      and finding.rule in (SETTLED if e.label else SETTLED_BY_NONE)
                      and in_scope(d, finding.path, root)), None)
        if match is not None:
            used.add(id(match))
            settled += 1
            continue
        kept.append(finding)
    result.findings = kept
    if settled:
        result.notes.append(f"{settled} findings are settled by {decisions.path.name}")
    if not full_run or not any(meta.code == "DEC002" for meta in result.rules):
        return
    unused = [(e, d) for e, d in scoped if id(e) not in used]
    if unused:  # a decision whose string still occurs (its mentions agree) is in use
        for source in sources:
            try:
                text = Path(source.path).read_text("utf-8", errors="replace")
            except OSError:
                continue
            unused = [(e, d) for e, d in unused
                      if not (e.text in text and in_scope(d, source.display, root))]
            if not unused:
                break
    checked = {root_relative(stats.path, root) for stats in result.files}
    display = _display(decisions.path)
    for entry, _ in unused:
        label = entry.label or "none"
        result.findings.append(_unused(display, entry.line, f"string {entry.text}",
            f"decision '{entry.text}: {label}' matches no mention in the checked files"))
    for entry in decisions.accept:
        if id(entry) not in used and (not entry.file or entry.file in checked):
            result.findings.append(_unused(display, entry.line, f"accept {entry.fingerprint}",
                f"accepted finding {entry.fingerprint} ({entry.rule or 'any rule'} on "
                f"'{entry.text}' in {entry.file or 'any file'}) no longer occurs"))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _unused(path: str, line: int, context: str, message: str) -> Finding:
    from linter.registry import find_rule

    finding = Finding("DEC002", path, line, 1, line, 2, message, context=context,
                      severity=find_rule("DEC002").meta.severity)
    finding.fingerprint = hashlib.sha1(
        "\0".join(("DEC002", path, context)).encode()).hexdigest()[:20]
    return finding


# --- annolint decide ------------------------------------------------------------------------

def add_decision_lines(path: Path, section: str, lines: list[str]) -> None:
    """Add ``lines`` (already indented) at the end of ``section``, creating either."""
    from linter.atomic import atomic_writer

    text = path.read_text("utf-8") if path.is_file() else (
        "# What reviewers settled (see the README's 'Decisions' section).\n")
    rows = text.splitlines(keepends=True)
    if rows and not rows[-1].endswith("\n"):
        rows[-1] += "\n"
    header = next((i for i, row in enumerate(rows) if row.rstrip() == f"{section}:"), None)
    if header is None:
        rows += [f"{section}:\n"] + lines
    else:
        end = header + 1
        while end < len(rows) and (rows[end].startswith((" ", "-", "#")) or not rows[end].strip()):
            end += 1
        while end > header + 1 and not rows[end - 1].strip():
            end -= 1  # before trailing blank lines
        rows[end:end] = lines
    with atomic_writer(path) as handle:
        handle.write("".join(rows))


_PLAIN = re.compile(r"[A-Za-z][\w.'&/-]*(?: [\w.'&/-]+)*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "none"}


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when unambiguous, else JSON-quoted (valid YAML)."""
    if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def decide_string(path: Path, text: str, label: str, files: list[str]) -> str:
    existing = load_decisions(path) if path.is_file() else Decisions(path)
    for entry in existing.strings:
        if entry.text == text and entry.files == files:
            raise ConfigError(f"'{text}' is already decided at line {entry.line}; edit it "
                              "there", str(path))
    value = "none" if _label(label) is None else _scalar(label)
    if files:
        globs = ", ".join(json.dumps(glob, ensure_ascii=False) for glob in files)
        value = f"{{label: {value}, files: [{globs}]}}"
    line = f"{_scalar(text)}: {value}"
    add_decision_lines(path, "strings", [f"  {line}\n"])
    return line


def decide_accept(path: Path, finding: Finding) -> None:
    text = finding.span[0] if finding.span else finding.context.split("|", 1)[0]
    file = root_relative(finding.path, str(path.parent))
    add_decision_lines(path, "accept", [
        f"  - fingerprint: {_scalar(finding.fingerprint)}\n", f"    rule: {finding.rule}\n",
        f"    file: {json.dumps(file, ensure_ascii=False)}\n",
        f"    text: {json.dumps(text, ensure_ascii=False)}\n"])
