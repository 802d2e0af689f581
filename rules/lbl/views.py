"""The LBL corpus evidence as the rules read it: one :class:`TextView` per case-folded text,
parsed once from the flat entries :mod:`linter.rules.lbl.evidence` adds up."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from linter.rules.lbl.evidence import MEMO_LIMIT, VOTE_SCALE, content_word, decode, text_key


_EMPTY: dict = {}


_NORMAL: dict[str, str] = {}  # context word -> its normal form (see content_word)


Source = Mapping[Any, Any] | Callable[[], Mapping | None] | None  # a blob, or its reader


def _read(source: Source) -> Mapping[Any, Any]:
    return (source() if callable(source) else source) or _EMPTY


class TextView:
    """The corpus evidence about the strings of one case-folded text, as the rules read it:
    the flat blob of the aggregate parsed once into the tables the rules look up.

    ``contexts`` and ``examples`` are the blobs of the text's context and example keys (the
    words next to its mentions, where it occurs), or functions returning them: read only
    when a rule asks for a context or for examples, which few strings need (see
    :mod:`linter.rules.lbl.evidence`)."""

    __slots__ = ("usual", "_blob", "_n", "_h", "_parsed", "_v", "_vh", "_va", "_vm", "_c",
                 "_o", "_x", "_b", "_r", "_contexts", "_examples", "_on_grow")

    def __init__(self, blob: Mapping[Any, Any] | None, contexts: Source = None,
                 examples: Source = None) -> None:
        # the label counts now (every view needs them), the rest on first use
        self._blob = blob = blob or _EMPTY
        self._contexts, self._examples = contexts, examples
        self._c: dict[str, dict[str, dict[str, int]]] | None = None
        self._o: dict[str, dict[str, int]] = _EMPTY
        self._x: dict[str, dict[str, dict[int, int]]] | None = None
        self._on_grow: Callable[[int], None] | None = None
        n: dict[str, dict[str, int]] = {}
        h: dict[str, dict[str, int]] = {}
        for entry, value in blob.items():
            tag = entry[0]
            if tag == "n" or tag == "h":  # (tag, text, label)
                table = n if tag == "n" else h
                counts = table.get(entry[1])
                if counts is None:
                    table[entry[1]] = {entry[2]: value}
                else:
                    counts[entry[2]] = value
        self._n, self._h = n, h
        self._parsed = False
        if n:
            totals = {text: sum(counts.values()) for text, counts in n.items()}
            # the body's usual spelling; ties go to the smaller text (deterministic)
            self.usual = min(totals, key=lambda text: (-totals[text], text))
        else:
            self.usual = None

    def _parse_examples(self) -> None:
        """The example sketches, by variant (``n``/``h`` + text) and label."""
        blob = _read(self._examples)
        self._examples = None
        x: dict[str, dict[str, dict[int, int]]] = {}
        for entry, value in blob.items():  # (tag, text, label, cell)
            variant = ("n" if entry[0] == "x" else "h") + entry[1]
            x.setdefault(variant, {}).setdefault(entry[2], {})[entry[3]] = value
        self._x = x
        if self._on_grow is not None and blob:
            self._on_grow(len(blob))

    def _parse_contexts(self) -> None:
        """The context tables (LBL001's context expert, LBL003's words left outside)."""
        blob = _read(self._contexts)
        self._contexts = None
        c: dict[str, dict[str, dict[str, int]]] = {}
        o: dict[str, dict[str, int]] = {}
        normal = _NORMAL
        if len(normal) > MEMO_LIMIT:
            normal.clear()
        for entry, value in blob.items():
            # (tag, text, nearest word, next word, label)
            tag, text, near, far, label = entry
            side = tag[1]
            outside = o.get(text)
            if outside is None:
                outside = o[text] = {}
            if far is not None:  # two words kept outside (LBL003)
                side_words = side + (f"{far} {near}" if side == "L" else f"{near} {far}")
                outside[side_words] = outside.get(side_words, 0) + value
            word = normal.get(near)
            if word is None:
                word = normal[near] = content_word(near) or ""
            if not word:
                continue  # kept for the word after it only
            # one word outside (LBL003) and the context expert (LBL001)
            side_words = side + near
            outside[side_words] = outside.get(side_words, 0) + value
            variant = ("n" if tag[0] == "c" else "h") + text
            side_word = side + word
            contexts = c.get(variant)
            if contexts is None:
                contexts = c[variant] = {}
            by_label = contexts.get(side_word)
            if by_label is None:
                contexts[side_word] = {label: value}
            else:
                by_label[label] = by_label.get(label, 0) + value
        self._c, self._o = c, o
        if self._on_grow is not None and blob:
            self._on_grow(len(blob))

    def _parse(self) -> None:
        """The tables other than the label counts and contexts, from the flat blob."""
        self._parsed = True
        v: dict[str, dict[str, int]] = {}
        vh: dict[str, dict[str, int]] = {}
        va: dict[str, int] = {}
        vm: dict[str, dict[str, int]] = {}
        b: dict[str, int] = {}
        r: dict[str, dict[str, int]] = {}
        by_tag = {"v": v, "vh": vh, "vm": vm}
        for entry, value in self._blob.items():
            tag = entry[0]
            table = by_tag.get(tag)
            if table is not None:  # (tag, text, label)
                counts = table.get(entry[1])
                if counts is None:
                    table[entry[1]] = {entry[2]: value}
                else:
                    counts[entry[2]] = value
            elif tag == "b":
                b[entry[1]] = value
            elif tag == "r":
                r.setdefault(entry[1], {})[entry[2]] = value
            elif tag == "va":
                va[entry[1]] = value
        self._v, self._vh, self._va, self._vm = v, vh, va, vm
        self._b, self._r = b, r

    def group(self, text: str, headline: bool) -> str:
        """LBL001's key for a mention: headline mentions join the usual body spelling."""
        if headline and self.usual is not None:
            return self.usual
        return text

    def _variants(self, key: str) -> list[str]:
        if self.usual is None:
            return ["h" + key]
        variants = ["n" + key]
        if key == self.usual:
            variants.extend("h" + text for text in self._h)
        return variants

    def labels(self, key: str) -> dict[str, int]:
        """Label counts of LBL001's group ``key``."""
        out: dict[str, int] = {}
        for variant in self._variants(key):
            table = self._n if variant[0] == "n" else self._h
            for label, count in table.get(variant[1:], _EMPTY).items():
                out[label] = out.get(label, 0) + count
        return out

    @staticmethod
    def _scaled(counts: Mapping[str, int], difference: Mapping[str, int]) -> dict[str, int]:
        """Summed document votes: ``count * VOTE_SCALE`` plus the stored differences."""
        out = {label: count * VOTE_SCALE for label, count in counts.items()}
        for label, value in difference.items():
            out[label] = out.get(label, 0) + value
        return out

    def votes(self, key: str) -> dict[str, int]:
        """The corpus expert's summed document votes of group ``key`` (scaled)."""
        if not self._parsed:
            self._parse()
        if self.usual is None:
            return self._scaled(self._h.get(key, _EMPTY), self._vh.get(key, _EMPTY))
        out = self._scaled(self._n.get(key, _EMPTY), self._v.get(key, _EMPTY))
        if key == self.usual:
            heads: dict[str, int] = {}
            for counts in self._h.values():
                for label, count in counts.items():
                    heads[label] = heads.get(label, 0) + count
            for part in (self._scaled(heads, self._va), self._vm.get(key, _EMPTY)):
                for label, value in part.items():
                    out[label] = out.get(label, 0) + value
        return out

    def context(self, key: str, side_word: str) -> dict[str, int]:
        if self._c is None:
            self._parse_contexts()
        out: dict[str, int] = {}
        contexts = self._c
        for variant in self._variants(key):
            for label, count in contexts.get(variant, _EMPTY).get(side_word, _EMPTY).items():
                out[label] = out.get(label, 0) + count
        return out

    def group_examples(self, key: str, label: str) -> list[tuple[str, int, int]]:
        if self._x is None:
            self._parse_examples()
        sketches = self._x
        found = []
        for variant in self._variants(key):
            found.extend(decode(sketches.get(variant, _EMPTY).get(label, _EMPTY)))
        return sorted(set(found))

    # exact-text views (LBL002, LBL003)

    def text_labels(self, text: str) -> dict[str, int]:
        out = dict(self._n.get(text, _EMPTY))
        for label, count in self._h.get(text, _EMPTY).items():
            out[label] = out.get(label, 0) + count
        return out

    def body_labels(self, text: str) -> dict[str, int]:
        """Label counts of ``text`` outside all-caps headlines only (LBL002's forms)."""
        return dict(self._n.get(text, _EMPTY))

    def text_examples(self, text: str) -> list[tuple[str, int, int]]:
        if self._x is None:
            self._parse_examples()
        sketches = self._x
        found = []
        for variant in ("n" + text, "h" + text):
            for cells in sketches.get(variant, _EMPTY).values():
                found.extend(decode(cells))
        return sorted(set(found))

    def outside(self, text: str, side_words: str) -> int:
        if self._c is None:
            self._parse_contexts()
        return self._o.get(text, _EMPTY).get(side_words, 0)

    def bare_one_word(self, text: str) -> int:
        if not self._parsed:
            self._parse()
        return self._b.get(text, 0)

    def bare_runs(self, text: str) -> Mapping[str, int]:
        if not self._parsed:
            self._parse()
        return self._r.get(text, _EMPTY)


# The views kept parsed at once, weighed by the entries of their blobs: a batch of a large
# corpus reads more strings than fit in memory parsed together; a view dropped is parsed
# again from the aggregate when asked for (the same view: it is a pure function).
VIEW_BUDGET = 1_000_000


class _Parsed:
    """Parsed views by case-folded key, least recently used first out beyond the budget
    (weighed by the entries parsed: the blob, and the contexts once read)."""

    __slots__ = ("views", "weights", "weight")

    def __init__(self) -> None:
        self.views: OrderedDict[str, TextView] = OrderedDict()
        self.weights: dict[str, int] = {}
        self.weight = 0

    def add(self, key: str, view: TextView) -> None:
        self.views[key] = view
        self.weights[key] = len(view._blob)
        self.weight += len(view._blob)
        view._on_grow = partial(self._grow, key, view)
        self._evict()

    def _grow(self, key: str, view: TextView, entries: int) -> None:
        if self.views.get(key) is view:
            self.weights[key] += entries
            self.weight += entries
            self._evict()

    def _evict(self) -> None:
        views = self.views
        while self.weight > VIEW_BUDGET and len(views) > 1:
            dropped, _ = views.popitem(last=False)
            self.weight -= self.weights.pop(dropped)


class Views:
    """Memoised :class:`TextView` per case-folded text over one aggregate (least recently
    used first out, beyond :data:`VIEW_BUDGET`).

    Over the spilled totals of a large run (an aggregate with a ``memo``, see
    :class:`linter.spill_totals.OnDemand`) the parsed views outlive the batch and are shared
    by the LBL rules, for the keys the batch looks up: a string most documents mention is
    parsed once per worker instead of once per batch and rule."""

    def __init__(self, aggregate: Mapping[str, Any]) -> None:
        self.aggregate = aggregate
        memo = getattr(aggregate, "memo", None)
        wants = getattr(aggregate, "wants", None)
        if isinstance(memo, dict) and wants is not None:
            parsed = memo.get("lbl-views")
            if not isinstance(parsed, _Parsed):
                parsed = memo["lbl-views"] = _Parsed()
            self._parsed, self._wants = parsed, wants
        else:
            self._parsed, self._wants = _Parsed(), None
        # where a view reads its contexts when asked: the run's merged totals for a shared
        # view (which must not hold on to this batch), else this aggregate
        reader = getattr(aggregate, "reader", None)
        self._read = reader() if reader is not None and wants is not None else aggregate.get
        self._keys: dict[str, str] = {}  # text -> its case-folded key
        self._local: dict[str, TextView] = {}  # keys the shared views may not serve

    def __call__(self, text: str) -> TextView:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = text_key(text)
        views = self._parsed.views
        view = views.get(key)
        if view is not None:
            if self._wants is None or self._wants(key):
                views.move_to_end(key)
                return view
        # a key this batch did not look up reads as absent, whatever another batch read;
        # absent keys (most of what LBL002 and LBL003 try) are not worth sharing
        view = self._local.get(key)
        if view is None:
            read, folded = self._read, key[1:]
            view = TextView(self.aggregate.get(key), partial(read, "c" + folded),
                            partial(read, "x" + folded))
            if view._blob and (self._wants is None or self._wants(key)):
                self._parsed.add(key, view)
            else:
                self._local[key] = view
        return view


def pick_label(counts: Mapping[str, int], prefer: str | None = None) -> tuple[str, int]:
    """The most frequent label; a tie goes to ``prefer`` (the label the judged document
    uses) when it is among the tied, else to the alphabetically first. The corpus total
    does not remember which label came first, so the order never decides."""
    label = min(counts, key=lambda name: (-counts[name], name != prefer, name))
    return label, counts[label]
