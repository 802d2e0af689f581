"""``annolint check --show-settings`` (the effective configuration, as YAML) and
``annolint init [PATH]`` (a starting ``annolint.yaml`` learnt from the corpus).

Registered from :mod:`linter.cli`; the corpus survey and the template are in
:mod:`linter.cli_init`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from linter.config import ConfigError

COMMAND_LINE = "<command line>"


def add_settings_commands(commands, check) -> None:
    """``--show-settings`` on ``check`` and the ``init`` command."""
    check.add_argument("--show-settings", action="store_true",
                       help="print the effective configuration (config file, defaults and "
                       "command-line overrides) as YAML and exit 0 without linting")
    init = commands.add_parser("init", help="write a starting annolint.yaml from the corpus "
                               "(its labels and profile)")
    init.add_argument("path", nargs="?", default=".", metavar="PATH",
                      help="the corpus folder; annolint.yaml is written there (default: .)")
    init.add_argument("--force", action="store_true",
                      help="replace an existing config in PATH")


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def effective_settings(args) -> dict[str, Any]:
    """What ``check`` would run with: the config found (or the defaults), with ``--select``
    replacing its select, ``--ignore`` added to its ignore and ``--fail-on`` replacing its
    fail-on; plus the rules that are then enabled."""
    from linter.config import load_config, options_for
    from linter.decisions import decisions_path
    from linter.engine import make_plan
    from linter.registry import find_rule, is_known_selector

    config = load_config(args.config)
    custom = {rule.code for rule in config.custom_rules}  # listed under custom-rules
    select, ignore = _split(args.select), _split(args.ignore)
    for option, selectors in (("--select", select), ("--ignore", ignore)):
        for selector in selectors or []:
            if not is_known_selector(selector, config.custom_rules):
                raise ConfigError(f"{option}: '{selector}' matches no rule code, prefix, name "
                                  "or family (see 'annolint rules')", COMMAND_LINE)
    settings = config.settings.model_dump(mode="json", by_alias=True)
    overrides: dict[str, Any] = {}
    if select is not None:
        settings["select"] = overrides["select"] = select
    if ignore:
        overrides["ignore"] = ignore
        settings["ignore"] = [*settings["ignore"], *ignore]
    if args.fail_on:
        settings["fail-on"] = overrides["fail-on"] = args.fail_on
    _plan, rules = make_plan(config, select, ignore)
    # the options of every configured or enabled rule that has some, defaults filled in
    chosen = {rule.code: rule for rule in rules if rule.meta.options.model_fields
              and rule.code != "DEC001"}  # DEC001's options are the decisions file
    chosen.update((rule.code, rule) for rule in (find_rule(key, config.custom_rules)
                                                 for key in config.settings.rules) if rule)
    settings["rules"] = {
        code: options_for(config, code, chosen[code].meta.options).model_dump(
            mode="json", by_alias=True)
        for code in sorted(chosen) if code not in custom}
    decisions = decisions_path(config)
    return {
        "config-file": str(config.path.resolve()) if config.path else None,
        "decisions-file": str(decisions.resolve()) if decisions.is_file() else None,
        "root": str(Path(config.root).resolve()),
        "command-line": overrides,
        "settings": settings,
        "enabled-rules": [rule.code for rule in rules],
    }


def command_show_settings(args) -> int:
    from ruamel.yaml import YAML

    shown = effective_settings(args)
    sys.stdout.write("# annolint effective settings: the config file found (null: the "
                     "defaults), with\n# every default filled in and the command line "
                     "applied\n")
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False
    yaml.representer.ignore_aliases = lambda data: True  # no &id001: plain YAML to read
    yaml.dump(shown, sys.stdout)
    return 0


def command_init(args) -> int:
    from linter.cli_init import write_starting_config

    return write_starting_config(Path(args.path), force=args.force)


SETTINGS_COMMANDS = {"init": command_init}
