"""annolint: a linter for annotated text corpora (inline NER markup, cable structure, label consistency)."""

__version__ = "0.1.0"
