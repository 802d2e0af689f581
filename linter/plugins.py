"""Rule plugins: packages that register rules through the entry-point group
``annolint.rules`` (read with :mod:`importlib.metadata`).

An entry point names a list of :class:`~linter.rule.Rule` (``mypkg.rules:RULES``), a module
with a ``RULES`` list, a single rule, or a function returning rules. Plugins load the first
time the rule list is needed (not when annolint is imported), and every problem - an import
that fails, an object that is not a rule, a code another package already registers - is one
:class:`PluginError` naming the package, which the command line prints without a traceback.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable
from importlib import metadata

from linter.rule import Rule

GROUP = "annolint.rules"


class PluginError(RuntimeError):
    """A plugin that cannot be used; the message names the package."""


def _package(entry: metadata.EntryPoint) -> str:
    dist = getattr(entry, "dist", None)
    return dist.name if dist is not None else entry.value.partition(":")[0].partition(".")[0]


def _rules_of(obj: object) -> list:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, types.ModuleType):
        return list(getattr(obj, "RULES", ()))
    if callable(obj) and not isinstance(obj, Iterable):
        obj = obj()
    return [obj] if isinstance(obj, Rule) else list(obj)


def load_plugins(taken: dict[str, str], check: Callable[[Rule], None],
                 reserved: Iterable[str] = ()) -> list[Rule]:
    """Every plugin rule, its ``meta.source`` set to the package that registers it.

    ``taken`` maps codes already registered to their package; ``check`` is the registry's
    rule check; codes may not start with a ``reserved`` prefix (annolint's families)."""
    reserved = tuple(reserved)
    found: list[Rule] = []
    owners = dict(taken)
    for entry in sorted(metadata.entry_points(group=GROUP), key=lambda e: (e.name, e.value)):
        package = _package(entry)
        where = f"plugin {package} (entry point {entry.name} = {entry.value})"
        try:
            rules = _rules_of(entry.load())
        except Exception as error:
            raise PluginError(f"{where} cannot be loaded: {type(error).__name__}: {error}") from None
        for rule in rules:
            if not isinstance(rule, Rule):
                raise PluginError(f"{where} registers {rule!r}, which is not a linter.rule.Rule")
            code = rule.code
            if code.startswith(reserved):
                raise PluginError(f"{where}: rule code {code} starts with a prefix of annolint's "
                                  "own rules; pick the plugin's own prefix")
            if code in owners:
                raise PluginError(f"rule code {code} is registered by both {owners[code]} and "
                                  f"{package}")
            try:
                check(rule)
            except Exception as error:
                raise PluginError(f"{where}: {error}") from None
            owners[code] = package
            found.append(dataclasses.replace(
                rule, meta=dataclasses.replace(rule.meta, source=package)))
    return found
