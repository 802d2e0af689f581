"""PAR rules (to be filled in)."""

RULES = []
