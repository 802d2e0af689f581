"""SPN rules (to be filled in)."""

RULES = []
