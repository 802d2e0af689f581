"""SARIF 2.1.0 output: schema-valid, every rule that ran described, stable fingerprints."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from linter.reports import json_report, sarif
from tests.conftest import lint_files

DATA = Path(__file__).parent / "data"


def corpus() -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in (DATA / "report_corpus").glob("*.txt")}


@pytest.fixture
def result(tmp_path):
    return lint_files(tmp_path, {f"corpus/{name}": text for name, text in corpus().items()})


def render(result) -> dict:
    out = io.StringIO()
    sarif.render(result, out)
    return json.loads(out.getvalue())


def test_validates_against_the_sarif_schema(result):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    log = render(result)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"


def test_schema_check_is_not_vacuous():
    """The validator rejects a malformed log, so the test above can fail."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"message": {"text": "m"},
                                                      "level": "fatal"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(bad)


def test_every_rule_that_ran_is_described(result):
    run = render(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [meta.code for meta in result.rules]
    fired = {finding.rule for finding in result.findings}
    assert len(rules) > len(fired)  # rules that found nothing are listed too
    for rule, meta in zip(rules, result.rules):
        assert rule["name"] == meta.name
        assert rule["shortDescription"]["text"] == meta.summary
        assert rule["fullDescription"]["text"]
        assert meta.rationale.split()[0] in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == sarif.LEVELS[meta.severity]


def test_results_match_findings(result):
    run = render(result)["runs"][0]
    assert len(run["results"]) == len(result.findings) > 0
    rules = run["tool"]["driver"]["rules"]
    for record, finding in zip(run["results"], result.findings):
        assert record["ruleId"] == finding.rule
        assert rules[record["ruleIndex"]]["id"] == finding.rule
        assert record["level"] == {"error": "error", "warning": "warning",
                                   "info": "note"}[finding.severity]
        assert record["message"]["text"] == finding.message
        assert record["partialFingerprints"]["primaryLocationLineHash"] == finding.fingerprint
        location = record["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding.path.removeprefix("./")
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = location["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.line, finding.column)


def test_levels_follow_configured_severity(tmp_path):
    result = lint_files(tmp_path, {"a.txt": "[ORG SL ] and [ORG X  ] and [ORG Y  ]\n"},
                        config_text="severity:\n  BRK005: info\n")
    records = render(result)["runs"][0]["results"]
    assert [r["level"] for r in records if r["ruleId"] == "BRK005"] == ["note"]


def test_uri_is_percent_encoded_and_relative():
    assert sarif.artifact_uri("./corpus/a b#1.txt") == ("corpus/a%20b%231.txt", True)
    uri, relative = sarif.artifact_uri("/abs/x.txt")
    assert uri == "file:///abs/x.txt" and not relative


def test_fingerprints_match_json_report(result):
    records = render(result)["runs"][0]["results"]
    out = io.StringIO()
    json_report.render(result, out)
    fingerprints = [f["fingerprint"] for f in json.loads(out.getvalue())["findings"]]
    assert [r["partialFingerprints"]["annolint/v1"] for r in records] == fingerprints


def test_every_rule_links_its_documentation_section(result):
    """helpUri is the rule's anchor in docs/rules.md, and that anchor is on the page."""
    from urllib.parse import urlsplit

    from linter.docs import rule_url

    page = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text("utf-8")
    rules = render(result)["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        assert rule["helpUri"] == rule_url(rule["id"])
        url = urlsplit(rule["helpUri"])
        assert url.scheme == "https" and url.fragment == rule["id"].lower()
        assert page.count(f'<a id="{url.fragment}"></a>') == 1
        assert rule["help"]["markdown"].endswith(f"({rule['helpUri']})")
        assert rule["help"]["text"].endswith(f"Documentation: {rule['helpUri']}")


def test_a_config_rule_has_no_help_uri_and_stays_valid(tmp_path):
    """A declarative rule has no section in docs/rules.md: no dead link for it."""
    jsonschema = pytest.importorskip("jsonschema")
    config = ("custom-rules:\n  - code: ACME001\n    name: ministries-are-org\n"
              "    kind: label-of\n    label: ORG\n    patterns: ['Ministry of .+']\n"
              "    bad: [\"[LOC Ministry of Defense  ]\\n\"]\n")
    result = lint_files(tmp_path, {"a.txt": "[LOC Ministry of Defense  ] met .\n"},
                        config_text=config)
    log = render(result)
    jsonschema.Draft4Validator(json.loads((DATA / "sarif-schema-2.1.0.json")
                                          .read_text("utf-8"))).validate(log)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "helpUri" not in rules["ACME001"]
    assert "Documentation:" not in rules["ACME001"]["help"]["text"]
    assert "helpUri" in rules["BRK001"]
    assert "ACME001" in {r["ruleId"] for r in log["runs"][0]["results"]}


def test_schema_refuses_a_misspelt_help_uri(result):
    """The schema closes reportingDescriptor, so the validation test would catch 'helpURI'."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    log = render(result)
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    rule["helpURI"] = rule.pop("helpUri")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)
