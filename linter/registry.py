"""Find rules and resolve selectors (code, prefix, kebab name, family name or ``ALL``).

Resolution follows ruff: for each rule the most specific matching selector wins, whether
it comes from ``select`` or ``ignore``; on a tie ``ignore`` wins. A full code or a rule
name is the most specific, then longer prefixes, then a family, then ``ALL``.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterable
from functools import lru_cache

from linter.rule import Rule

_EXACT = 100


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in family order then code order."""
    from linter.rules import FAMILY_MODULES

    rules: list[Rule] = []
    for module_name in FAMILY_MODULES:
        module = importlib.import_module(f"linter.rules.{module_name}")
        rules.extend(module.RULES)
    for rule in rules:
        check_rule(rule)
    codes = [rule.code for rule in rules]
    duplicates = {code for code in codes if codes.count(code) > 1}
    if duplicates:
        raise RuntimeError(f"rule codes registered twice: {sorted(duplicates)}")
    from linter.plugins import load_plugins
    from linter.rules import FAMILIES

    rules += load_plugins({code: "annolint" for code in codes}, check_rule, FAMILIES)
    return tuple(sorted(rules, key=lambda rule: rule.code))


def compile_custom(definitions: list) -> list:
    """Declarative rules (:mod:`linter.custom`) compiled by their kinds' check logic."""
    from linter.rules.custom import compile_rules

    return compile_rules(definitions)


class RuleDefinitionError(RuntimeError):
    """A rule is declared in a way the engine cannot run."""


def check_rule(rule: Rule) -> None:
    """Refuse, at registration, a rule the engine would run wrongly or slowly.

    A corpus rule must declare ``contribute`` and ``lookup_keys``: without them a pre-commit
    run cannot judge the changed files against the cached corpus total and would have to
    read every summary of the corpus, for every rule.
    """
    meta = rule.meta
    where = f"rule {meta.code} ({rule.check or rule.collect or rule.finalize})"
    if meta.scope == "document" and rule.check is None:
        raise RuleDefinitionError(f"{where}: a document rule needs check(doc, ctx)")
    if meta.scope == "corpus":
        missing = [name for name in ("collect", "finalize", "contribute", "lookup_keys")
                   if getattr(rule, name) is None]
        if missing:
            raise RuleDefinitionError(
                f"{where}: a corpus rule needs {', '.join(missing)}; contribute and "
                "lookup_keys let a pre-commit run judge changed files against the cached "
                "corpus total (see linter.aggregate)")


def rules_by_code(extra: Iterable[Rule] = ()) -> dict[str, Rule]:
    """Every registered rule by code, plus ``extra`` (a config's declarative rules)."""
    return {rule.code: rule for rule in (*all_rules(), *extra)}


def find_rule(key: str, extra: Iterable[Rule] = ()) -> Rule | None:
    """Look a rule up by code (any case) or kebab-case name."""
    key_upper = key.upper()
    for rule in (*all_rules(), *extra):
        if rule.code == key_upper or rule.meta.name == key.lower():
            return rule
    return None


def family_names() -> dict[str, str]:
    from linter.rules import FAMILIES

    return FAMILIES


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: 0 = no match, higher = more specific."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 1
    if sel.lower() == rule.meta.name or sel.upper() == rule.code:
        return _EXACT
    if sel.lower() == family_names().get(rule.meta.family, "").lower():
        return 2
    upper = sel.upper()
    if upper and rule.code.startswith(upper):
        return 2 + len(upper)
    return 0


def is_known_selector(selector: str, extra: Iterable[Rule] = ()) -> bool:
    return any(specificity(selector, rule) for rule in (*all_rules(), *extra))


def selector_names(extra: Iterable[Rule] = ()) -> list[str]:
    """Every spelling a selector may take: codes, rule names, family names, ALL."""
    rules = (*all_rules(), *extra)
    names = ["ALL", *(rule.code for rule in rules), *(rule.meta.name for rule in rules)]
    names += [family.lower() for family in family_names().values()]
    names += sorted(family_names())  # the family prefixes, e.g. BRK
    return list(dict.fromkeys(names))


def suggest_selector(selector: str, extra: Iterable[Rule] = ()) -> str:
    """`` (did you mean 'X'?)`` for the closest known selector, or ''."""
    choices = selector_names(extra)
    by_key = {choice.lower(): choice for choice in choices}
    guess = difflib.get_close_matches(selector.strip().lower(), list(by_key), n=1,
                                      cutoff=0.6)
    return f" (did you mean '{by_key[guess[0]]}'?)" if guess else ""


def resolve(
    rules: Iterable[Rule], select: list[str] | None, ignore: list[str]
) -> list[Rule]:
    """Rules enabled by ``select``/``ignore``; ``select=None`` means the default set."""
    enabled: list[Rule] = []
    for rule in rules:
        if select is None:
            best_select = 1 if rule.meta.enabled_by_default else 0
        else:
            best_select = max((specificity(s, rule) for s in select), default=0)
        best_ignore = max((specificity(s, rule) for s in ignore), default=0)
        if best_select and best_select > best_ignore:
            enabled.append(rule)
    return enabled
