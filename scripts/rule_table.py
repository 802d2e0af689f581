"""Print the README's rule table from the rule metadata (the single source of truth).

    python scripts/rule_table.py
"""

from linter.registry import all_rules


def rule_table() -> str:
    rows = ["| code | name | severity | scope | what it flags |", "|---|---|---|---|---|"]
    for rule in all_rules():
        meta = rule.meta
        summary = meta.summary.replace("|", "\\|")
        rows.append(f"| {meta.code} | {meta.name} | {meta.severity} | {meta.scope} | {summary} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(rule_table())
