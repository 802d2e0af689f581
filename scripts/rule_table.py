"""Write the README's rule table from the rule metadata (the single source of truth).

    python scripts/rule_table.py            # print the table
    python scripts/rule_table.py --update   # rewrite it in README.md between the markers
"""

import sys
from pathlib import Path

from linter.explain import fix_label
from linter.registry import all_rules

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- rule-table:start -->", "<!-- rule-table:end -->"


def rule_table() -> str:
    rows = ["| code | name | severity | scope | fix | what it flags |",
            "|---|---|---|---|---|---|"]
    for rule in all_rules():
        meta = rule.meta
        if meta.source:  # a plugin's rule, not one of annolint's
            continue
        summary = " ".join(meta.summary.split()).replace("|", "\\|")
        rows.append(f"| {meta.code} | {meta.name} | {meta.severity} | {meta.scope} | "
                    f"{fix_label(meta)} | {summary} |")
    return "\n".join(rows)


def updated_readme(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_table()}\n{END}{tail}"


if __name__ == "__main__":
    if "--update" in sys.argv:
        README.write_text(updated_readme(README.read_text("utf-8")), "utf-8")
    else:
        print(rule_table())
