"""Rule plugins through the ``annolint.rules`` entry points.

The example plugin (``examples/plugin``) is built by pip into a temporary virtualenv (offline:
``--no-index --no-build-isolation``; the venv sees this environment's packages through a
``.pth`` file) and discovered there; broken plugins and code collisions are checked in
process with stand-in entry points.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from importlib import metadata
from pathlib import Path

import pytest

from linter import plugins, registry
from linter.cli import main
from tests.conftest import EXAMPLES, SEED

PLUGIN = EXAMPLES / "plugin"


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("plugin-venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(base / "venv")],
                   check=True)
    python = base / "venv" / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; "
                           "print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    parent = sysconfig.get_paths()["purelib"]
    Path(site, "_annolint_parent.pth").write_text(f"import site; site.addsitedir({parent!r})\n")
    source = base / "plugin"  # built from a copy: the build leaves files beside the sources
    shutil.copytree(PLUGIN, source, ignore=shutil.ignore_patterns("*.egg-info", "build"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-index", "--no-build-isolation", "--no-deps", str(source)],
        capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return python


def annolint(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "linter", *args], cwd=cwd, capture_output=True,
                          text=True, env={"NO_COLOR": "1", "COLUMNS": "200", "PATH": "/usr/bin:/bin"})


def test_the_plugin_is_discovered_with_its_package(venv, tmp_path):
    listing = annolint(venv, "rules", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    rows = [line for line in listing.stdout.splitlines() if "EXP00" in line]
    assert len(rows) == 2 and all("annolint-example-plugin" in row for row in rows)
    explain = annolint(venv, "explain", "EXP002", cwd=tmp_path)
    assert "Source: annolint-example-plugin" in explain.stdout


def test_plugin_findings_in_json_and_sarif(venv, tmp_path):
    (tmp_path / "seed.txt").write_text(SEED.read_text("utf-8"), encoding="utf-8")
    (tmp_path / "other.txt").write_text("[LOC Lima  ] [LOC Lima  ] [LOC Lima  ]\n"
                                        "[LOC Lima  ] [LOC Lima  ] [LOC Lima  ]\n", "utf-8")
    run = annolint(venv, "check", ".", "--select", "EXP", "--no-cache", "--output-format", "json",
                   "-o", "out.json", "--report", "sarif=out.sarif", "--fail-on", "never",
                   cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "out.json").read_text("utf-8"))
    found = sorted((f["rule"], f["path"], f["line"], f["column"]) for f in report["findings"])
    assert ("EXP001", "seed.txt", 1, 82) in found  # [LOC DECL:  ]
    assert any(rule == "EXP002" and path == "seed.txt" for rule, path, *_ in found)  # LIMA
    sarif = json.loads((tmp_path / "out.sarif").read_text("utf-8"))["runs"][0]
    assert [rule["id"] for rule in sarif["tool"]["driver"]["rules"]] == ["EXP001", "EXP002"]
    assert {result["ruleId"] for result in sarif["results"]} == {"EXP001", "EXP002"}


def test_the_plugin_examples_hold(venv, tmp_path):
    script = textwrap.dedent("""
        from linter.custom.examples import example_problem
        from linter.registry import all_rules
        labels = frozenset({"PER", "LOC", "ORG", "MISC"})
        for rule in all_rules():
            if rule.meta.source:
                for kind in ("bad", "good"):
                    for example in getattr(rule.meta, kind):
                        problem = example_problem(rule, rule.meta.options(), kind, example, labels)
                        print(rule.code, kind, problem)
    """)
    out = subprocess.run([str(venv), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:-1] == ["EXP001 bad None", "EXP001 good None",
                                           "EXP002 bad None", "EXP002 good None"]


# ---------------------------------------------------------------- in process, stand-ins

@pytest.fixture
def entry_points(tmp_path, monkeypatch):
    """Install stand-in plugin modules and entry points; the registry reloads them."""
    monkeypatch.syspath_prepend(str(tmp_path))
    points: list[metadata.EntryPoint] = []

    def add(module: str, source: str, value: str | None = None) -> None:
        (tmp_path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        points.append(metadata.EntryPoint(name=module, value=value or f"{module}:RULES",
                                          group=plugins.GROUP))

    monkeypatch.setattr(plugins.metadata, "entry_points", lambda group: list(points))
    registry.all_rules.cache_clear()
    yield add
    registry.all_rules.cache_clear()
    for point in points:  # the next test writes other modules under the same names
        sys.modules.pop(point.value.partition(":")[0], None)


RULE = """
from linter.rule import Rule, RuleMeta
def check(doc, ctx):
    return []
RULES = [Rule(RuleMeta(code="{code}", name="{name}", family="X", summary="s", rationale="r",
                       bad=("x",), good=("y",)), check=check)]
"""


def test_stand_in_plugins_register(entry_points):
    entry_points("pkg_a", RULE.format(code="ZZA001", name="zz-a"))
    rule = registry.find_rule("zz-a")
    assert rule is not None and rule.meta.source == "pkg_a"


@pytest.mark.parametrize(("setup", "says"), [
    ([("pkg_a", "import missing_module_xyz\n")],
     "plugin pkg_a (entry point pkg_a = pkg_a:RULES) cannot be loaded: ModuleNotFoundError"),
    ([("pkg_a", RULE.format(code="ZZA001", name="zz-a")),
      ("pkg_b", RULE.format(code="ZZA001", name="zz-b"))],
     "rule code ZZA001 is registered by both pkg_a and pkg_b"),
    ([("pkg_a", RULE.format(code="BRK001", name="zz-a"))],
     "rule code BRK001 starts with a prefix of annolint's own rules"),
    ([("pkg_a", "RULES = ['not a rule']\n")], "registers 'not a rule', which is not a"),
    ([("pkg_a", RULE.replace("check=check", "check=None").format(code="ZZA001", name="a"))],
     "a document rule needs check(doc, ctx)"),
])
def test_a_broken_plugin_is_one_clear_error(entry_points, tmp_path, monkeypatch, capsys,
                                           setup, says):
    for module, source in setup:
        entry_points(module, source)
    with pytest.raises(plugins.PluginError, match="pkg_a"):
        registry.all_rules()
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_plugins_load_only_when_rules_are_needed(entry_points, tmp_path, monkeypatch):
    entry_points("pkg_lazy", "raise RuntimeError('imported')\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "pkg_lazy" not in sys.modules
    with pytest.raises(plugins.PluginError, match="pkg_lazy .* RuntimeError: imported"):
        registry.all_rules()
