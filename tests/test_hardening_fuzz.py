"""A bounded-time fuzz test over the whole CLI (issue 16).

Random bytes, near-valid markup, sidecars and configs go through ``annolint check``; every
run must exit 0, 1 or 2 (never 3, never a traceback), print valid JSON when it lints, keep
every position inside its file, and give the same findings with the index as without it
(cold and warm). ``ANNOLINT_FUZZ_EXAMPLES`` raises the number of examples (default 12, about 8 s).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from linter.cli import main  # noqa: E402

EXAMPLES = int(os.environ.get("ANNOLINT_FUZZ_EXAMPLES", "12"))
PIECES = ["[ORG ", "[PER ", "[LOC ", "[MISC ", "[XYZ ", "  ]", " ]", "]", "[", "Lima", "Peru",
          "Sendero Luminoso", " ", "\n", "\t", ",", ".", "\x1b[2J", "\r", "\x00", "é", "\udcff",
          "SUBJECT: ", "CONFIDENTIAL\n", "(C) ", "1. ", "¶"]
texts = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogateescape")),
)
configs = st.one_of(
    st.just(None),
    st.sampled_from([
        "include: ['**/*.txt']\n", "fail-on: never\n", "labels: []\n", "select: [BRK, FIL]\n",
        "max-findings-per-file: 2\n", "profile: cable\n", "a: &x 1\nb: *x\n", "[unclosed\n",
        "rules: {BRK005: {style: trimmed}}\n", "include: ['" + "*a" * 20 + "']\n",
        "severity: {BRK: info}\n", "fail_on: never\n", "extends: [a, b]\n", "- 1\n",
        "include: !!python/object/apply:os.system [ls]\n",
    ]),
    st.text(max_size=80),
)
sidecars = st.one_of(st.just(None), st.sampled_from([
    '{"annotator": "ann", "created": "2009-05-01"}', "[" * 2000, '{"annotator": 5}',
    "not json", '{"annotator": "a\\udc00"}']))


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue()


def _findings(data) -> list[tuple]:
    return sorted((f["rule"], f["path"], f["line"], f["column"], f["message"])
                  for f in data["findings"])


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("ANNOLINT_FUZZ_RANDOM"),
          suppress_health_check=list(HealthCheck))
@given(files=st.lists(texts, min_size=1, max_size=4), config=configs, sidecar=sidecars)
def test_the_cli_never_crashes_and_the_cache_changes_nothing(tmp_path_factory, files, config,
                                                             sidecar):
    folder = tmp_path_factory.mktemp("fuzz")
    previous = os.getcwd()
    os.chdir(folder)
    try:
        corpus = folder / "c"
        corpus.mkdir()
        for index, data in enumerate(files):
            (corpus / f"d{index}.txt").write_bytes(data)
        if sidecar is not None:
            (corpus / "d0.meta.json").write_text(sidecar, "utf-8", "surrogateescape")
        if config is not None:
            (folder / "annolint.yaml").write_text(config, "utf-8", "surrogateescape")
        base = ["check", "c", "--output-format", "json", "--fail-on", "never"]
        code, out = _run(base + ["--no-cache"])
        assert code in (0, 1, 2)
        if code == 2:
            return
        data = json.loads(out)
        lines = {f"c/d{index}.txt": blob.count(b"\n") + 1 for index, blob in enumerate(files)}
        for finding in data["findings"]:
            assert 1 <= finding["line"] <= lines[finding["path"]]
            assert finding["column"] >= 1
        uncached = _findings(data)
        for _ in range(2):  # cold, then warm index
            code, out = _run(base)
            assert code in (0, 1) and _findings(json.loads(out)) == uncached
        focus = ["--corpus-root", "c", "c/d0.txt"]
        code, out = _run(["check", *focus, "--output-format", "json", "--fail-on", "never"])
        assert [f for f in uncached if f[1] == "c/d0.txt"] == _findings(json.loads(out))
    finally:
        os.chdir(previous)
        shutil.rmtree(folder, ignore_errors=True)
