"""The LBL corpus evidence as the rules read it: one :class:`TextView` per case-folded text,
parsed once from the flat entries :mod:`linter.rules.lbl.evidence` adds up."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from linter.rules.lbl.evidence import CONTEXT_TAGS, MEMO_LIMIT, VOTE_SCALE, content_word, decode, text_key


_EMPTY: dict = {}


_NORMAL: dict[str, str] = {}  # context word -> its normal form (see content_word)


class TextView:
    """The corpus evidence about the strings of one case-folded text, as the rules read it:
    the flat blob of the aggregate parsed once into the tables the rules look up."""

    __slots__ = ("usual", "_blob", "_n", "_h", "_parsed", "_v", "_vh", "_va", "_vm", "_c",
                 "_o", "_x", "_b", "_r")

    def __init__(self, blob: Mapping[Any, Any] | None) -> None:
        # the label counts now (every view needs them), the rest on first use
        self._blob = blob = blob or _EMPTY
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

    def _parse(self) -> None:
        """The tables other than the label counts, from the flat blob."""
        self._parsed = True
        v: dict[str, dict[str, int]] = {}
        vh: dict[str, dict[str, int]] = {}
        va: dict[str, int] = {}
        vm: dict[str, dict[str, int]] = {}
        c: dict[str, dict[str, dict[str, int]]] = {}
        o: dict[str, dict[str, int]] = {}
        x: dict[str, dict[str, dict[int, int]]] = {}
        b: dict[str, int] = {}
        r: dict[str, dict[str, int]] = {}
        by_tag = {"v": v, "vh": vh, "vm": vm}
        normal = _NORMAL
        if len(normal) > MEMO_LIMIT:
            normal.clear()
        for entry, value in self._blob.items():
            tag = entry[0]
            if tag in CONTEXT_TAGS:  # (tag, text, nearest word, next word, label)
                text, near, far, label = entry[1], entry[2], entry[3], entry[4]
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
                continue
            table = by_tag.get(tag)
            if table is not None:  # (tag, text, label)
                counts = table.get(entry[1])
                if counts is None:
                    table[entry[1]] = {entry[2]: value}
                else:
                    counts[entry[2]] = value
            elif tag == "x" or tag == "X":  # (tag, text, label, cell)
                variant = ("n" if tag == "x" else "h") + entry[1]
                x.setdefault(variant, {}).setdefault(entry[2], {})[entry[3]] = value
            elif tag == "b":
                b[entry[1]] = value
            elif tag == "r":
                r.setdefault(entry[1], {})[entry[2]] = value
            elif tag == "va":
                va[entry[1]] = value
        self._v, self._vh, self._va, self._vm = v, vh, va, vm
        self._c, self._o, self._x, self._b, self._r = c, o, x, b, r

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
        if not self._parsed:
            self._parse()
        out: dict[str, int] = {}
        contexts = self._c
        for variant in self._variants(key):
            for label, count in contexts.get(variant, _EMPTY).get(side_word, _EMPTY).items():
                out[label] = out.get(label, 0) + count
        return out

    def group_examples(self, key: str, label: str) -> list[tuple[str, int, int]]:
        if not self._parsed:
            self._parse()
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
        if not self._parsed:
            self._parse()
        sketches = self._x
        found = []
        for variant in ("n" + text, "h" + text):
            for cells in sketches.get(variant, _EMPTY).values():
                found.extend(decode(cells))
        return sorted(set(found))

    def outside(self, text: str, side_words: str) -> int:
        if not self._parsed:
            self._parse()
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
    """Parsed views by case-folded key, least recently used first out beyond the budget."""

    __slots__ = ("views", "weight")

    def __init__(self) -> None:
        self.views: OrderedDict[str, TextView] = OrderedDict()
        self.weight = 0

    def add(self, key: str, view: TextView) -> None:
        views = self.views
        views[key] = view
        self.weight += len(view._blob)
        while self.weight > VIEW_BUDGET and len(views) > 1:
            _, dropped = views.popitem(last=False)
            self.weight -= len(dropped._blob)


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
            view = TextView(self.aggregate.get(key))
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
