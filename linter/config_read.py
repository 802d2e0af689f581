"""Reading config files: YAML without aliases or foreign tags, TOML with positioned errors.

Kept apart from :mod:`linter.config` (validation) so that each stays small; nothing here
imports it.
"""

from __future__ import annotations

import bisect
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
    if path.name != "pyproject.toml" and "tool" not in document:
        return document, text  # annolint.toml: the settings at the top, no [tool.annolint]
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("tool: expected a table ([tool.annolint])", str(path),
                          *_toml_key_position(("tool",), text))
    table = tool.get("annolint", {})
    if not isinstance(table, dict):
        raise ConfigError("tool.annolint: expected a table of settings", str(path),
                          *_toml_key_position(("tool", "annolint"), text))
    return table, text


def _position(data: Any, loc: tuple, toml_text: str | None) -> tuple[int | None, int | None]:
    """1-based position of the key at ``loc`` in a ruamel document, or in the TOML text
    (under ``[tool.annolint]`` in a pyproject): the deepest part of ``loc`` written there."""
    if toml_text is not None:
        return _toml_key_position(_toml_prefix(toml_text) + tuple(loc), toml_text)
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
    return line, column


def _toml_prefix(text: str) -> tuple:
    """Where the settings live: ``tool.annolint`` when the document has it, else the top."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return ()
    tool = document.get("tool")
    return ("tool", "annolint") if isinstance(tool, dict) and "annolint" in tool else ()


def _toml_key_position(loc: tuple, text: str) -> tuple[int | None, int | None]:
    """The position of the longest prefix of ``loc`` that the document writes."""
    positions = toml_key_positions(text)
    for end in range(len(loc), 0, -1):
        found = positions.get(tuple(loc[:end]))
        if found:
            return found
    return None, None


# ---------------------------------------------------------------------------- TOML positions

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = " \t"
_SCALAR = re.compile(r"[^,\]}\r\n#\s][^,\]}\r\n#]*")


class _TomlScan:
    """Walks a TOML text that tomllib accepted and records where every key path is first
    written: table headers (``[a.b]``, ``[[a]]`` with the element's index), dotted keys,
    inline tables and array items (``("select", 0)``). Positions are 1-based (line, column)
    of the key's own segment, so ``rules.BRK005.style = 1`` puts ``style`` at its column.
    It never raises: on anything unexpected it stops with what it has found."""

    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0
        self.positions: dict[tuple, tuple[int, int]] = {}
        self.last_index: dict[tuple, int] = {}  # array of tables -> its current element
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def record(self, path: tuple, index: int) -> None:
        self.positions.setdefault(path, self.where(index))

    def peek(self, count: int = 1) -> str:
        return self.text[self.i:self.i + count]

    def skip_blank(self, newlines: bool = False) -> None:
        text = self.text
        while self.i < len(text):
            char = text[self.i]
            if char in _BLANK or (newlines and char in "\r\n"):
                self.i += 1
            elif newlines and char == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return

    def string(self) -> None:
        """Consume the string that starts at ``i`` (any of TOML's four kinds)."""
        text, start = self.text, self.i
        quote = text[start]
        width = 3 if text.startswith(quote * 3, start) else 1
        if quote == "'":
            end = text.index(quote * width, start + width)
        else:
            end = self._basic_end(start + width, width)
        extra = 0
        while width == 3 and extra < 2 and text.startswith(quote, end + 3 + extra):
            extra += 1  # up to two quotes may sit against a closing triple quote
        self.i = end + width + extra

    def _basic_end(self, index: int, width: int) -> int:
        text, delimiter = self.text, '"' * width
        while True:
            char = text[index]
            if char == "\\":
                index += 2
            elif text.startswith(delimiter, index):
                return index
            else:
                index += 1

    def key(self) -> list[tuple[str, int]]:
        """A dotted key: each segment's value and where it starts."""
        parts = []
        while True:
            self.skip_blank()
            start = self.i
            if self.peek() in ('"', "'"):
                self.string()
                quoted = self.text[start:self.i]
                name = (tomllib.loads("k = " + quoted)["k"] if quoted[0] == '"'
                        else quoted[1:-1])
                parts.append((name, start))
            else:
                found = _BARE_KEY.match(self.text, self.i)
                if not found:
                    raise ValueError("not a key")
                parts.append((found.group(), start))
                self.i = found.end()
            self.skip_blank()
            if self.peek() != ".":
                return parts
            self.i += 1

    def assign(self, base: tuple, parts: list[tuple[str, int]]) -> tuple:
        path = base
        for name, start in parts:
            path += (name,)
            self.record(path, start)
        return path

    def value(self, path: tuple) -> None:
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() in ("]", ""):
                    self.i += 1
                    return
                self.record(path + (index,), self.i)
                self.value(path + (index,))
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.i += 1
                    index += 1
        elif char == "{":
            self.i += 1
            while True:
                self.skip_blank(newlines=True)
                if self.peek() in ("}", ""):
                    self.i += 1
                    return
                if self.peek() == ",":
                    self.i += 1
                    continue
                target = self.assign(path, self.key())
                self.i += 1  # '='
                self.skip_blank()
                self.value(target)
        else:  # a number, boolean or date: up to a separator
            found = _SCALAR.match(self.text, self.i)
            if found is None:
                raise ValueError("not a value")
            self.i = found.end()

    def header(self, many: bool) -> None:
        self.i += 2 if many else 1
        path: tuple = ()
        parts = self.key()
        for number, (name, start) in enumerate(parts):
            path += (name,)
            self.record(path, start)
            if number < len(parts) - 1 and path in self.last_index:
                path += (self.last_index[path],)
        if many:
            self.last_index[path] = self.last_index.get(path, -1) + 1
            path += (self.last_index[path],)
            self.record(path, parts[-1][1])
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end
        self.table = path

    def run(self) -> dict[tuple, tuple[int, int]]:
        self.table: tuple = ()
        try:
            while True:
                self.skip_blank(newlines=True)
                if self.i >= len(self.text):
                    break
                if self.peek(2) == "[[":
                    self.header(many=True)
                elif self.peek() == "[":
                    self.header(many=False)
                else:
                    target = self.assign(self.table, self.key())
                    self.i += 1  # '='
                    self.skip_blank()
                    self.value(target)
        except (ValueError, IndexError, tomllib.TOMLDecodeError):
            pass  # text tomllib did not accept: keep what was found
        return self.positions


def toml_key_positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Every key path (and array item) of a TOML document → its first 1-based position."""
    return _TomlScan(text).run()
