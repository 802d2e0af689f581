"""Reading config files: YAML without aliases or foreign tags, TOML with positioned errors.

Kept apart from :mod:`linter.config` (validation) so that each stays small; nothing here
imports it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A configuration problem with its position; the CLI prints it and exits 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        self.message, self.path, self.line, self.column = message, path, line, column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or "<config>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml configures annolint; a broken one that mentions
    ``tool.annolint`` counts (loading it then reports the TOML error)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return re.search(r"^\s*\[\s*tool\s*\.\s*annolint\b", text, re.M) is not None
    return isinstance(tool, dict) and "annolint" in tool


# ---------------------------------------------------------------------------- loading

def _read_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config: {error}", str(path)) from None
    try:
        yaml = YAML(typ="rt")
        _refuse_references(yaml, text, path)
        data = yaml.load(text)
    except ConfigError:
        raise
    except MarkedYAMLError as error:
        mark = error.problem_mark
        raise ConfigError(
            f"invalid YAML: {error.problem}", str(path),
            mark.line + 1 if mark else None, mark.column + 1 if mark else None,
        ) from None
    except Exception as error:  # ruamel raises several unrelated types on bad input
        raise ConfigError(f"invalid YAML: {error}", str(path)) from None
    return {} if data is None else data


_SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in
              ("str", "int", "float", "bool", "null", "map", "seq")}


def _refuse_references(yaml: Any, text: str, path: Path) -> None:
    """Refuse anchors, aliases and unknown tags before anything is built.

    Aliases expand exponentially (a few hundred bytes of nested aliases make 10**9 leaves)
    and tags such as ``!!python/object/apply:os.system`` are never config values; both
    are refused at their position. Reading the event stream costs time linear in the text.
    """
    for event in yaml.parse(text):
        mark = event.start_mark
        where = (str(path), mark.line + 1, mark.column + 1)
        if type(event).__name__ == "AliasEvent":
            raise ConfigError("YAML aliases (*name) are not allowed in the config; expected "
                              "a plain value", *where)
        if getattr(event, "anchor", None):
            raise ConfigError("YAML anchors (&name) are not allowed in the config; expected "
                              "a plain value", *where)
        tag = getattr(event, "tag", None)
        tag = getattr(tag, "value", tag)
        if tag and str(tag) not in _SAFE_TAGS:
            raise ConfigError("YAML tags other than !!str, !!int, !!float, !!bool, !!null, "
                              "!!map and !!seq are not allowed in the config", *where)


def _toml_position(error: tomllib.TOMLDecodeError, text: str) -> tuple[int | None, int | None]:
    """tomllib's position; "at end of document" is the end of the last non-empty line."""
    found = re.search(r"line (\d+), column (\d+)", str(error))
    if found:
        return int(found[1]), int(found[2])
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return len(lines), len(lines[-1]) + 1


def _read_pyproject(path: Path) -> tuple[Any, str]:
    try:
        text = path.read_text("utf-8")
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config: {error.__class__.__name__}", str(path)) from None
    except tomllib.TOMLDecodeError as error:
        message = re.sub(r"\s*\(at [^)]*\)", "", str(error))
        raise ConfigError(f"invalid TOML: {message}", str(path), *_toml_position(error, text)) from None
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("tool: expected a table ([tool.annolint])", str(path),
                          *_position(None, ("tool",), text))
    table = tool.get("annolint", {})
    if not isinstance(table, dict):
        raise ConfigError("tool.annolint: expected a table of settings", str(path),
                          *_position(None, ("annolint",), text))
    return table, text


def _position(data: Any, loc: tuple, toml_text: str | None) -> tuple[int | None, int | None]:
    """1-based position of the key at ``loc`` in a ruamel document (or a best guess in TOML)."""
    node, line, column = data, None, None
    for part in loc:
        lc = getattr(node, "lc", None)
        if lc is None:
            break
        try:
            if isinstance(part, int):
                line, column = lc.item(part)
            else:
                line, column = lc.key(part)
            line, column = line + 1, column + 1
        except (KeyError, IndexError, TypeError, AttributeError):
            break
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if line is None and toml_text is not None and loc:
        key = str(loc[-1] if not isinstance(loc[-1], int) else loc[-2] if len(loc) > 1 else "")
        for number, text in enumerate(toml_text.splitlines(), 1):
            stripped = text.strip()
            if stripped.startswith((key, f'"{key}"')):
                return number, text.index(stripped[0]) + 1
    return line, column
