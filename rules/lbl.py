"""LBL rules (to be filled in)."""

RULES = []
