"""HDR rules (to be filled in)."""

RULES = []
