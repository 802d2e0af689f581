"""How the corpus index stores results: JSON rows, validated on load, authenticated.

The cache folder sits in the repository, so its bytes are untrusted input. Nothing is
unpickled: a row is JSON built from plain values only (a small tagged encoding keeps tuples
and dicts with non-string keys), and :func:`decode_result` checks every field's type before
it builds the one result class itself. Each row carries an HMAC over the path, the content
hash it claims, the plan and the payload, with a key kept outside the repository (in the
user's cache folder): a row that was damaged, edited or committed by someone else does not
verify, and its file is simply linted again.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import hmac
import json
import math
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from linter.engine import FileResult
from linter.model import Finding
from linter.result import FileStats

RESULT_FORMAT = 3
MAX_DEPTH = 100  # deeper values are not cached (and not accepted from the index)
_KEY_BYTES = 32


class Unstorable(ValueError):
    """A value the index does not store (its file is relinted on every run instead)."""


class Invalid(ValueError):
    """Bytes from the index that do not describe a valid value."""


# ------------------------------------------------------------------ plain values

_PLAIN = frozenset({type(None), bool, int, str})  # JSON values as they are (floats: checked)


def encode(value: Any, depth: int = 0) -> Any:
    """A JSON-ready form of ``value``: lists stay lists, ``{"t": [...]}`` is a tuple and
    ``{"d": [[key, value], ...]}`` a dict (keys may be tuples).

    Plain values inside lists, tuples and dicts are taken as they are rather than through a
    call each (a corpus total updated after an edit holds megabytes of small tuples)."""
    if depth > MAX_DEPTH:
        raise Unstorable("nested too deeply")
    kind = type(value)
    if kind in _PLAIN:
        return value
    if depth == MAX_DEPTH:  # any child is too deep
        return _encode(value, depth)
    child = depth + 1
    if kind is list:
        return [item if type(item) in _PLAIN else encode(item, child) for item in value]
    if kind is tuple:
        return {"t": [item if type(item) in _PLAIN else encode(item, child) for item in value]}
    if kind is dict:
        return {"d": [[k if type(k) in _PLAIN else encode(k, child),
                       v if type(v) in _PLAIN else encode(v, child)] for k, v in value.items()]}
    return _encode(value, depth)


def _encode(value: Any, depth: int) -> Any:
    """:func:`encode` one call per value (floats, subclasses and the deepest level)."""
    if depth > MAX_DEPTH:
        raise Unstorable("nested too deeply")
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Unstorable("not a finite number")
        return value
    if isinstance(value, list):
        return [encode(item, depth + 1) for item in value]
    if isinstance(value, tuple) and type(value) is tuple:
        return {"t": [encode(item, depth + 1) for item in value]}
    if type(value) is dict:
        return {"d": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    raise Unstorable(f"cannot store a {type(value).__name__}")


# ------------------------------------------------------------------ plain values, back

_SCALARS = frozenset({type(None), bool, int, str, float})


def decode(data: Any, depth: int = 0) -> Any:
    """The value :func:`encode` made ``data`` from (the inverse); raises :class:`Invalid`.

    Plain values inside lists, tuples and dicts are taken as they are rather than through a
    call each: a looked-up corpus total holds megabytes of small tuples."""
    if depth > MAX_DEPTH:
        raise Invalid("nested too deeply")
    kind = type(data)
    if kind in _SCALARS:
        return data
    if depth == MAX_DEPTH:  # any child is too deep
        return _decode(data, depth)
    child = depth + 1
    if kind is list:
        return [item if type(item) in _SCALARS else decode(item, child) for item in data]
    if kind is dict and len(data) == 1:
        items = data.get("t")
        if type(items) is list:
            return tuple([item if type(item) in _SCALARS else decode(item, child)
                          for item in items])
        pairs = data.get("d")
        if type(pairs) is list:
            out = {}
            for pair in pairs:
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise Invalid("bad dict entry")
                key, value = pair
                if type(key) not in _SCALARS:
                    key = decode(key, child)
                if type(value) not in _SCALARS:
                    value = decode(value, child)
                try:
                    out[key] = value
                except TypeError:  # an unhashable key
                    raise Invalid("bad dict key") from None
            return out
    return _decode(data, depth)


def _decode(data: Any, depth: int) -> Any:
    """:func:`decode` one call per value (values of other types than JSON's own, and the
    deepest level)."""
    if depth > MAX_DEPTH:
        raise Invalid("nested too deeply")
    if data is None or isinstance(data, bool | int | str | float):
        return data
    if isinstance(data, list):
        return [decode(item, depth + 1) for item in data]
    if isinstance(data, dict) and len(data) == 1:
        if isinstance(data.get("t"), list):
            return tuple(decode(item, depth + 1) for item in data["t"])
        if isinstance(data.get("d"), list):
            out = {}
            for pair in data["d"]:
                if not (isinstance(pair, list) and len(pair) == 2):
                    raise Invalid("bad dict entry")
                key = decode(pair[0], depth + 1)
                try:
                    out[key] = decode(pair[1], depth + 1)
                except TypeError:  # an unhashable key
                    raise Invalid("bad dict key") from None
            return out
    raise Invalid("unknown value")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Without the cyclic collector: decoding builds no cycles, and a full collection every
    few thousand new containers walks every object already alive (3-5 times the decoding
    itself for a corpus total of a few megabytes)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=True, separators=(",", ":"))


def loads(text: Any) -> Any:
    if not isinstance(text, str):
        raise Invalid("not text")
    try:
        with paused_gc():
            return decode(json.loads(text))
    except (ValueError, RecursionError) as error:
        raise Invalid(str(error)) from None


# ------------------------------------------------------------------ summaries

def _check(condition: bool, what: str) -> None:
    if not condition:
        raise Invalid(what)


_OPTIONAL_STR = (str, type(None))


def _rule(code: str):
    from linter.registry import rules_by_code

    return rules_by_code().get(code)


def encode_summary(summary: Any, code: str) -> Any:
    """A corpus rule's summary as JSON data: through the rule's own ``dump_summary`` when it
    declares one (the rule knows its summary's shape), else as a plain value."""
    rule = _rule(code)
    if rule is not None and rule.dump_summary is not None and summary is not None:
        return {"rule": rule.dump_summary(summary)}
    if summary is None or type(summary) in (dict, list, tuple, str, int, float, bool):
        return {"plain": encode(summary)}
    raise Unstorable(f"cannot store a {type(summary).__name__} summary")


def decode_summary(data: Any, path: str, code: str) -> Any:
    """The summary ``data`` describes, checked by the rule's ``load_summary`` (which raises
    ValueError on anything malformed) or decoded as a plain value."""
    _check(isinstance(data, dict) and len(data) == 1, "summary")
    if "plain" in data:
        return decode(data["plain"])
    rule = _rule(code)
    _check("rule" in data and rule is not None and rule.load_summary is not None, "summary")
    try:
        return rule.load_summary(data["rule"], path)
    except (ValueError, TypeError) as error:
        raise Invalid(f"summary: {error}") from None


# ------------------------------------------------------------------ results

_FINDING_FIELDS = ("rule", "path", "line", "column", "end_line", "end_column", "message",
                   "span", "score", "evidence", "context", "severity", "fingerprint")


def encode_result(result: FileResult) -> str:
    """The row payload of ``result``; raises :class:`Unstorable` for what cannot be stored."""
    stats = result.stats
    groups: dict[int, list] = {}  # rules sharing one summary object share one entry
    for code, summary in result.summaries.items():
        groups.setdefault(id(summary), [[], summary])[0].append(code)
    payload = {
        "format": RESULT_FORMAT,
        "stats": [stats.path, stats.entities, encode(stats.labels), stats.chars, stats.profile,
                  encode(stats.metadata), stats.readable],
        "findings": [[encode(getattr(f, name)) for name in _FINDING_FIELDS]
                     for f in result.findings],
        "summaries": [[codes, encode_summary(summary, codes[0])]
                      for codes, summary in groups.values()],
        "identity": [result.size, result.mtime_ns, result.digest],
        # documents of a multi-document file, read through views: what maps their findings
        # back to the file's lines and columns
        "views": {view: [file, base64.b64encode(anchors).decode("ascii"), offsets]
                  for view, (file, anchors, offsets) in (result.views or {}).items()},
    }
    return json.dumps(payload, ensure_ascii=True, separators=(",", ":"))


def _finding(row: Any, path: str) -> Finding:
    _check(isinstance(row, list) and len(row) == len(_FINDING_FIELDS), "finding")
    values = dict(zip(_FINDING_FIELDS, (decode(item) for item in row)))
    _check(all(isinstance(values[k], str) for k in ("rule", "message", "context",
                                                     "fingerprint")), "finding text")
    _check(values["path"] == path, "finding path")
    _check(all(type(values[k]) is int for k in ("line", "column", "end_line", "end_column")),
           "finding position")
    span = values["span"]
    _check(span is None or (isinstance(span, tuple) and len(span) == 2
                            and all(isinstance(s, str) for s in span)), "finding span")
    _check(values["score"] is None or type(values["score"]) in (int, float), "finding score")
    _check(values["evidence"] is None or isinstance(values["evidence"], dict), "evidence")
    _check(values["severity"] is None or isinstance(values["severity"], str), "severity")
    return Finding(**values)


def decode_result(text: Any, path: str, digest: str) -> FileResult:
    """The FileResult a row payload describes; raises :class:`Invalid` unless every field
    has its type and the row is about ``path`` with content hash ``digest``."""
    with paused_gc():
        return _decode_result(text, path, digest)


def _decode_result(text: Any, path: str, digest: str) -> FileResult:
    if not isinstance(text, str):
        raise Invalid("not text")
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise Invalid(str(error)) from None
    _check(isinstance(payload, dict) and payload.get("format") == RESULT_FORMAT, "format")
    stats = payload.get("stats")
    _check(isinstance(stats, list) and len(stats) == 7, "stats")
    shown, entities, labels, chars, profile, metadata, readable = stats
    labels, metadata = decode(labels), decode(metadata)
    _check(shown == path and type(entities) is int and type(chars) is int, "stats fields")
    _check(isinstance(labels, dict) and all(isinstance(k, str) and type(v) is int
                                            for k, v in labels.items()), "stats labels")
    _check(isinstance(profile, _OPTIONAL_STR) and isinstance(metadata, dict)
           and type(readable) is bool, "stats fields")
    identity = payload.get("identity")
    _check(isinstance(identity, list) and len(identity) == 3 and identity[2] == digest
           and all(type(n) is int for n in identity[:2]), "identity")
    findings = payload.get("findings")
    _check(isinstance(findings, list), "findings")
    summaries: dict[str, Any] = {}
    groups = payload.get("summaries")
    _check(isinstance(groups, list), "summaries")
    for group in groups:
        _check(isinstance(group, list) and len(group) == 2 and isinstance(group[0], list)
               and group[0] and isinstance(group[0][0], str), "summary group")
        summary = decode_summary(group[1], path, group[0][0])
        for code in group[0]:
            _check(isinstance(code, str) and code not in summaries, "summary code")
            summaries[code] = summary
    return FileResult(FileStats(shown, entities, labels, chars, profile, metadata, readable),
                      [_finding(row, path) for row in findings], summaries, [],
                      identity[0], identity[1], digest, views=_views(payload.get("views"), path))


def _views(data: Any, path: str) -> dict[str, tuple[str, bytes, bool]] | None:
    _check(isinstance(data, dict), "views")
    views = {}
    for view, entry in data.items():
        _check(isinstance(view, str) and isinstance(entry, list) and len(entry) == 3
               and entry[0] == path and isinstance(entry[1], str)
               and type(entry[2]) is bool, "view")
        try:
            anchors = base64.b64decode(entry[1], validate=True)
        except ValueError:
            raise Invalid("view anchors") from None
        views[view] = (entry[0], anchors, entry[2])
    return views or None


# ------------------------------------------------------------------ authentication

def _key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "annolint" / "index.key"


def load_key() -> bytes:
    """This user's index key, created on first use (0600, written then linked into place, so
    two runs never overwrite each other's); a random one-run key if it cannot be kept."""
    path = _key_path()
    try:
        key = path.read_bytes()
        if len(key) == _KEY_BYTES:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(_KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temp)
        stored = path.read_bytes()
        return stored if len(stored) == _KEY_BYTES else key
    except OSError:
        return key


def mac(key: bytes, *parts: Any) -> str:
    message = "\0".join("" if part is None else str(part) for part in parts)
    return hmac.new(key, message.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def verify(key: bytes, expected: Any, *parts: Any) -> bool:
    return isinstance(expected, str) and hmac.compare_digest(expected, mac(key, *parts))
