"""Selectors that select nothing are errors, not a silent green run.

An unknown selector in ``--select``/``--ignore`` is a usage error with a did-you-mean
suggestion (the config's ``select``/``ignore`` get the same, with their file position, in
:mod:`linter.config`); so is a selection that leaves no rule to run.
"""

from __future__ import annotations

from linter.config import ConfigError, LoadedConfig
from linter.registry import suggest_selector

COMMAND_LINE = "<command line>"


def check_selection(config: LoadedConfig, select: list[str] | None,
                    ignore: list[str] | None) -> None:
    """Raise :class:`ConfigError` (exit 2) for an unknown command-line selector, or when
    the config and command line together leave no rule to run."""
    from linter.registry import all_rules, is_known_selector, resolve

    custom = config.custom_rules
    for option, values in (("--select", select), ("--ignore", ignore)):
        for selector in values or []:
            if not is_known_selector(selector, custom):
                raise ConfigError(f"{option}: '{selector}' matches no rule code, prefix, name "
                                  f"or family{suggest_selector(selector, custom)} (see "
                                  "'annolint rules')", COMMAND_LINE)
    settings = config.settings
    chosen_select = select if select is not None else settings.select
    chosen_ignore = list(settings.ignore) + list(ignore or [])
    if resolve((*all_rules(), *custom), chosen_select, chosen_ignore):
        return
    where = COMMAND_LINE if select is not None or ignore else (
        str(config.path) if config.path else COMMAND_LINE)
    raise ConfigError("no rule is selected after select and ignore: nothing would be "
                      "checked (see 'annolint rules')", where)
