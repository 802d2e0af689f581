"""The worked example: examples/guidelines.yaml on the example cable."""

from __future__ import annotations

from collections import Counter

from linter.config import load_config
from linter.discovery import discover_files
from linter.engine import run
from tests.conftest import EXAMPLES, SEED


def test_the_guideline_file_loads_and_flags_the_cable(monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    config = load_config(EXAMPLES / "guidelines.yaml")
    assert len(config.custom_rules) == 9
    sources, _ = discover_files([str(SEED)], config.settings.include, config.settings.exclude,
                                EXAMPLES, EXAMPLES)
    result = run(config, sources, select=["GUIDE"], jobs=1)
    counts = Counter(f.rule for f in result.findings)
    assert counts == {"GUIDE002": 22, "GUIDE004": 2, "GUIDE009": 1}
    vrae = [f for f in result.findings if f.rule == "GUIDE002" and f.span == ("VRAE", "ORG")]
    assert len(vrae) == 18
    assert vrae[0].message == "'VRAE' is ORG; the project gazetteer lists it as LOC"
    header = sorted((f.line, f.column) for f in result.findings if f.rule == "GUIDE004")
    assert header == [(1, 87), (1, 392)]  # DECL: and REF: inside entities
    (variant,) = [f for f in result.findings if f.rule == "GUIDE009"]
    assert (variant.line, variant.column, variant.severity) == (22, 155, "info")
