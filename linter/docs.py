"""The stable documentation address of each rule: one anchor per code in ``docs/rules.md``.

SARIF (``helpUri``), the JSON report and ``annolint explain`` all take the address from here.
The base is the distribution's ``Documentation`` project URL (``[project.urls]`` in
``pyproject.toml``), so a fork or a mirror changes it in one place.
"""

from __future__ import annotations

from functools import lru_cache

DEFAULT_DOCS = "https://github.com/annolint/annolint/blob/main/docs/rules.md"


@lru_cache(maxsize=1)
def docs_base() -> str:
    """The rules page's URL, from the installed distribution's metadata when it names one."""
    try:
        from importlib import metadata

        for entry in metadata.metadata("annolint").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "documentation" and url.strip():
                return url.strip()
    except Exception:  # not installed as a distribution (a source tree on sys.path)
        pass
    return DEFAULT_DOCS


def rule_anchor(code: str) -> str:
    """The anchor of a rule's section in ``docs/rules.md``: its code in lower case."""
    return code.lower()


def rule_url(code: str) -> str:
    """The documentation address of one rule, e.g. ``.../docs/rules.md#lbl001``."""
    return f"{docs_base()}#{rule_anchor(code)}"


def rule_doc_url(meta) -> str | None:
    """The documentation address of a rule (a :class:`~linter.rule.RuleMeta`), or None for a
    plugin's or a config's declarative rule: ``docs/rules.md`` documents annolint's own rules
    only (those with no ``source``), so any other address would be a dead link."""
    return None if meta.source else rule_url(meta.code)
