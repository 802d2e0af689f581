"""Rule families, one module each (installed as ``linter.rules``).

The list below is the registry: explicit, ordered, no import magic. Each module exposes
``RULES``, a list of :class:`linter.rule.Rule`.
"""

FAMILY_MODULES = ("fil", "brk", "sch", "spn", "hdr", "par", "lbl", "tag", "dec")

FAMILIES = {
    "FIL": "files",
    "BRK": "brackets",
    "SCH": "schema",
    "SPN": "spans",
    "LBL": "labels",
    "HDR": "header",
    "PAR": "paragraphs",
    "TAG": "tags",
    "DEC": "decisions",
}
