"""``annolint init [PATH]``: survey the corpus under PATH with the readers ``check`` uses and
write a commented starting ``annolint.yaml`` there: the labels found (with their counts),
the profile detected (``cable`` for Cablegate cables) and the main keys explained.

An existing config is never replaced without ``--force``; the file is checked with the
config loader before it is written, and written atomically (:mod:`linter.atomic`).
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from linter.config import CONFIG_NAMES, DEFAULT_INCLUDE, DEFAULT_LABELS, ConfigError
from linter.config_read import _has_tool_table

TARGET = "annolint.yaml"
_PLAIN_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass
class Survey:
    """What the corpus holds: files read, entities per label, cables among documents."""

    files: int = 0
    unread: int = 0  # unreadable or in no format annolint knows
    documents: int = 0
    cables: int = 0
    labels: Counter = field(default_factory=Counter)
    files_per_label: Counter = field(default_factory=Counter)


def survey(folder: Path) -> Survey:
    """Read every corpus file under ``folder`` as ``check`` would (default include)."""
    from linter.discovery import discover_files
    from linter.profiles import detect_profile
    from linter.readers import read_document
    from linter.safe_io import outside_root, read_regular

    sources, _ = discover_files([str(folder)], list(DEFAULT_INCLUDE), [], Path.cwd(), folder)
    found = Survey(files=len(sources))
    for source in sources:
        if outside_root(source.path, str(folder)):  # as check: a link out is not read
            found.unread += 1
            continue
        try:
            data, _stat = read_regular(source.path)
        except OSError:
            found.unread += 1
            continue
        doc, _problem = read_document(source.display, data, fmt=None,
                                      labels=frozenset(DEFAULT_LABELS), real_path=source.path)
        if doc is None:
            found.unread += 1
            continue
        counts = Counter(span.label for span in doc.spans if span.label)
        found.labels.update(counts)
        found.files_per_label.update(counts.keys())
        for unit in doc.views or [doc]:
            found.documents += 1
            try:
                found.cables += detect_profile(unit) == "cable"
            except Exception:  # a profile bug must not stop init: that document is no cable
                pass
    return found


def _yaml_label(label: str) -> str:
    if _PLAIN_LABEL.match(label) and label.lower() not in _YAML_WORDS:
        return label
    return json.dumps(label)  # a JSON string is a YAML double-quoted scalar


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    if len(a) < len(b):
        return a[start:] == b[start + 1:]
    return a[start + 1:] == b[start + 1:] or (
        a[start + 2:] == b[start + 2:] and a[start:start + 2] == b[start:start + 2][::-1])


def _rare_typo(label: str, labels: Counter) -> str | None:
    """The frequent label that a rare one (at most 2 entities) looks like a typo of: the
    same in another case, or one edit away from a label of three letters or more."""
    if labels[label] > 2:
        return None
    for other, count in sorted(labels.items(), key=lambda item: -item[1]):
        if other == label or count < 10 * labels[label]:
            continue
        if other.casefold() == label.casefold() or (len(other) >= 3
                                                     and _one_edit(label, other)):
            return other
    return None


def _profile_lines(found: Survey) -> list[str]:
    if found.documents and found.cables == found.documents:
        choice, why = "cable", f"all {found.documents} documents are cables"
    elif found.cables:
        choice, why = "auto", f"{found.cables} of {found.documents} documents are cables"
    else:
        choice, why = "none", "no document is a cable ('auto' would detect them per document)"
    return ["# Document structure: 'cable' checks Cablegate cables (header fields, paragraph",
            "# numbering, signature), 'auto' detects cables per document, 'none' skips it.",
            f"# Found: {why}.",
            f"profile: {choice}"]


def _label_lines(found: Survey) -> list[str]:
    lines = ["# The label set: an entity with any other label is an SCH001 error."]
    if not found.labels:
        return lines + ["# No entity was found in the corpus: these are the defaults.",
                        f"labels: [{', '.join(DEFAULT_LABELS)}]"]
    total = sum(found.labels.values())
    lines += [f"# Found {total} entities in {found.files - found.unread} files; a rare label "
              "that looks like a typo", "# is left commented out, so SCH001 reports it.",
              "labels:"]
    ordered = sorted(found.labels, key=lambda label: (-found.labels[label], label))
    active = [label for label in ordered if _rare_typo(label, found.labels) is None]
    width = max(len(_yaml_label(label)) for label in ordered)
    for label in ordered:
        count, files = found.labels[label], found.files_per_label[label]
        note = f"{count} {'entity' if count == 1 else 'entities'} in {files} " \
               f"file{'' if files == 1 else 's'}"
        shown = _yaml_label(label).ljust(width)
        if label in active:
            lines.append(f"  - {shown}  # {note}")
        else:
            typo = _yaml_label(_rare_typo(label, found.labels) or "")
            lines.append(f"  # - {shown}  # {note}: a typo of {typo}?")
    return lines


def render(found: Survey) -> str:
    include = ", ".join(json.dumps(pattern) for pattern in DEFAULT_INCLUDE)
    lines = [
        f"# annolint configuration, written by 'annolint init' from {found.files} files",
        "# under this folder. 'annolint check' finds it from here and every folder below;",
        "# every key is explained in the README (Configuration). Keys are kebab-case.",
        "",
        "# Files to lint and files to skip: globs relative to this folder ('**' for any",
        "# depth; a pattern without '/' matches the file name anywhere).",
        f"include: [{include}]",
        "exclude: []",
        "",
        *_profile_lines(found),
        "",
        *_label_lines(found),
        "",
        "# Which rules run: codes (BRK001), prefixes (BRK), names or families; ALL for every",
        "# rule (default: the rules that are on by default). 'annolint rules' lists them.",
        "# select: [ALL]",
        "ignore: []",
        "",
        "# Severity and options per rule ('annolint explain CODE' shows a rule's options):",
        "# severity: {BRK005: info, LBL: warning}",
        "# rules:",
        "#   BRK005: {style: illinois}",
        "",
        "# Strings the label-consistency rules never flag (ambiguous on purpose).",
        "allow: []",
        "",
        "# The lowest severity that makes 'annolint check' exit 1: error, warning, info or",
        "# never.",
        "fail-on: error",
    ]
    return "\n".join(lines) + "\n"


def _existing_config(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if name == "pyproject.toml":
            if candidate.is_file() and _has_tool_table(candidate):
                return candidate
        elif candidate.exists() or candidate.is_symlink():
            return candidate
    return None


def _validate(text: str) -> None:
    """The text loads with the project's own loader (a failure here is a bug of init)."""
    from linter.config import load_config

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / TARGET
        path.write_text(text, encoding="utf-8")
        load_config(path)


def write_starting_config(folder: Path, force: bool = False) -> int:
    from linter.atomic import atomic_writer

    if not folder.is_dir():
        raise ConfigError("init: expected a corpus folder, and this is "
                          f"{'not a folder' if folder.exists() else 'not found'}", str(folder))
    existing = _existing_config(folder)
    if existing is not None and not force:
        what = "already exists" if existing.name == TARGET else (
            f"already configures annolint here (a new {TARGET} would take its place)")
        print(f"annolint: {existing} {what}; not overwritten (use --force to replace it)",
              file=sys.stderr)
        return 2
    found = survey(folder)
    if not found.files:
        raise ConfigError("init: no corpus files here to learn the labels from (looked for "
                          f"{', '.join(DEFAULT_INCLUDE)}); nothing was written", str(folder))
    if found.unread == found.files:
        raise ConfigError(f"init: none of the {found.files} corpus files could be read (see "
                          "'annolint check' for why); nothing was written", str(folder))
    text = render(found)
    _validate(text)
    target = folder / TARGET
    try:
        with atomic_writer(target) as handle:
            handle.write(text)
    except OSError as error:
        raise ConfigError(f"init: cannot write {TARGET}: {error.strerror or error}",
                          str(target)) from None
    labels = [label for label in sorted(found.labels, key=lambda k: -found.labels[k])
              if _rare_typo(label, found.labels) is None] or list(DEFAULT_LABELS)
    print(f"annolint: wrote {target} (labels: {', '.join(map(_yaml_label, labels))}; "
          f"{found.cables} of {found.documents} documents are cables)")
    return 0
