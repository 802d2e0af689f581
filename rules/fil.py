"""FIL: files that cannot be read as annotated text.

These rules check nothing themselves: the engine emits them when a file cannot be read or
decoded, so that bad input becomes one clear finding and the run continues. They are
registered here so they can be selected, ignored and explained like any other rule.
"""

from linter.rule import Rule, RuleMeta

RULES = [
    Rule(RuleMeta(
        code="FIL001", name="unreadable-file", family="FIL", scope="file", severity="error",
        summary="The file could not be read (permissions, a broken link, an I/O error).",
        rationale="A file the linter cannot read is a file nobody has checked; say so "
                  "rather than skip it silently.",
        fix="Fix the file's permissions or the broken link, or exclude the path in the config.",
    )),
    Rule(RuleMeta(
        code="FIL002", name="binary-file", family="FIL", scope="file", severity="error",
        summary="The file contains NUL bytes: it is binary, not annotated text.",
        rationale="Binary files in a corpus directory are usually exports or archives that "
                  "slipped in; annotation tools will choke on them.",
        fix="Remove the file from the corpus folder, or exclude it with 'exclude:'.",
    )),
    Rule(RuleMeta(
        code="FIL003", name="invalid-utf8", family="FIL", scope="file", severity="error",
        summary="The file is not valid UTF-8.",
        rationale="Mixed encodings corrupt names (Apur\u00edmac becomes Apur\u00c3\u00admac) and "
                  "break every offset-based tool; the corpus must be one encoding.",
        fix="Re-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`); the message "
            "gives the position of the first bad byte.",
    )),
    Rule(RuleMeta(
        code="FIL004", name="unknown-format", family="FIL", scope="file", severity="error",
        summary="The file's format is not recognised (or its reader failed on it).",
        rationale="A file read as the wrong format yields no entities, and a gate on it goes "
                  "green on a corpus it never checked. Name the format with 'format:' globs "
                  "in the config, or rename the file to a known extension.",
        fix="Add a 'format:' glob for the file in the config (see 'annolint formats'), give "
            "it a known extension, or exclude it.",
    )),
]
