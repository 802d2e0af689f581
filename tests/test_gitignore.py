"""respect-gitignore: discovery skips what git ignores; the config globs are pathspec's."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import pytest

from linter.cli import main

LINE = "[PER Ann] ok\n"  # one BRK005 finding in every file: the finding paths are the files


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def tree(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def corpus(root, *names: str, git: bool = True) -> None:
    if git:
        (root / ".git" / "info").mkdir(parents=True)
    tree(root, {name: LINE for name in names})


def linted(capsys, *args: str) -> set[str]:
    code = main(["check", *args, "--no-cache", "--output-format", "json", "--select", "BRK005"])
    data = json.loads(capsys.readouterr().out)
    assert code in (0, 1) or (code == 2 and data["summary"]["files"] == 0), data  # 2: no file
    return {finding["path"] for finding in data["findings"]}


def test_an_ignored_folder_is_not_linted_by_check_dot(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "drafts/d.txt", "drafts/more/e.txt", "notes.txt")
    tree(tmp_path, {".gitignore": "# drafts stay local\ndrafts/\nnotes.txt\n"})
    assert linted(capsys, ".") == {"a.txt"}


def test_negation_re_includes_a_file(tmp_path, capsys):
    corpus(tmp_path, "keep/k.txt", "keep/k2.txt", "lvl/y.txt", "lvl/keep.txt", "out/o.txt")
    tree(tmp_path, {".gitignore": "keep/*\n!keep/k.txt\nlvl/**\n!lvl/keep.txt\n"
                                  "out/\n!out/o.txt\n"})
    # out/ itself is ignored, so nothing under it comes back (git's rule); lvl/** leaves lvl
    assert linted(capsys, ".") == {"keep/k.txt", "lvl/keep.txt"}


def test_nested_gitignore_files_apply_below_their_folder(tmp_path, capsys):
    corpus(tmp_path, "top.txt", "sub/top.txt", "sub/s.txt", "sub/deep/x.txt", "deep/y.txt",
           "sub/inner/z.tmp.txt", "sub/inner/back.txt")
    tree(tmp_path, {".gitignore": "*.tmp.txt\n",
                    "sub/.gitignore": "/top.txt\ndeep/\n",
                    "sub/inner/.gitignore": "!z.tmp.txt\nback.txt\n"})
    assert linted(capsys, ".") == {"top.txt", "sub/s.txt", "deep/y.txt",
                                   "sub/inner/z.tmp.txt"}
    assert linted(capsys, "sub") == {"sub/s.txt", "sub/inner/z.tmp.txt"}


def test_git_info_exclude_applies(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "scratch/s.txt")
    (tmp_path / ".git" / "info" / "exclude").write_text("scratch\n", encoding="utf-8")
    assert linted(capsys, ".") == {"a.txt"}


def test_a_worktree_reads_the_main_repositorys_info_exclude(tmp_path, capsys):
    main_git = tmp_path / "repo" / ".git"
    (main_git / "worktrees" / "wt").mkdir(parents=True)
    (main_git / "info").mkdir()
    (main_git / "info" / "exclude").write_text("local.txt\n", encoding="utf-8")
    (main_git / "worktrees" / "wt" / "commondir").write_text("../..\n", encoding="utf-8")
    work = tmp_path / "wt"
    tree(work, {".git": f"gitdir: {main_git / 'worktrees' / 'wt'}\n", "a.txt": LINE,
                "local.txt": LINE})
    assert linted(capsys, str(work)) == {"wt/a.txt"}


def test_no_respect_gitignore_lints_ignored_files(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "drafts/d.txt")
    tree(tmp_path, {".gitignore": "drafts/\n"})
    assert linted(capsys, ".", "--no-respect-gitignore") == {"a.txt", "drafts/d.txt"}


def test_config_respect_gitignore_false_lints_ignored_files(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "drafts/d.txt")
    tree(tmp_path, {".gitignore": "drafts/\n", "annolint.yaml": "respect-gitignore: false\n"})
    assert linted(capsys, ".") == {"a.txt", "drafts/d.txt"}
    tree(tmp_path, {"annolint.yaml": "respect-gitignore: true\n"})
    assert linted(capsys, ".") == {"a.txt"}


def test_respect_gitignore_must_be_a_boolean(tmp_path, capsys):
    tree(tmp_path, {"annolint.yaml": "labels: [PER]\nrespect-gitignore: maybe\n", "a.txt": LINE})
    assert main(["check", ".", "--no-cache"]) == 2
    assert "annolint.yaml:2:" in capsys.readouterr().err


def test_files_and_folders_named_on_the_command_line_are_linted(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "drafts/d.txt", "drafts/junk/j.txt", "notes.txt")
    tree(tmp_path, {".gitignore": "drafts/\nnotes.txt\n", "drafts/.gitignore": "junk/\n"})
    assert linted(capsys, "drafts/d.txt", "notes.txt") == {"drafts/d.txt", "notes.txt"}
    # an ignored folder named explicitly is walked; the .gitignore files inside still apply
    assert linted(capsys, "drafts") == {"drafts/d.txt"}


def test_without_git_the_gitignore_of_the_config_folder_applies(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "drafts/d.txt", "sub/b.txt", git=False)
    tree(tmp_path, {".gitignore": "drafts/\nsub/b.txt\n"})
    assert linted(capsys, ".") == {"a.txt"}
    assert linted(capsys, "sub") == set()


def test_a_bad_gitignore_line_is_skipped_like_git_does(tmp_path, capsys):
    corpus(tmp_path, "a.txt", "b.txt", "x.txt")
    tree(tmp_path, {".gitignore": "[z-a]x.txt\nb.txt\n\\\n"})
    assert linted(capsys, ".") == {"a.txt", "x.txt"}


def test_a_character_class_in_exclude_and_per_file_ignores(tmp_path, capsys):
    corpus(tmp_path, "file3.txt", "file4.txt", "file5.txt", "d/file3.txt", git=False)
    tree(tmp_path, {"annolint.yaml": "exclude: ['d/file[34].txt']\n"
                                     "per-file-ignores: {'file[34].txt': [BRK005]}\n"})
    assert linted(capsys, ".") == {"file5.txt"}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_discovery_agrees_with_git(tmp_path, capsys):
    names = ["a.txt", "b1.txt", "b2.txt", "b3.txt", "drafts/d.txt", "keep/k.txt", "keep/k2.txt",
             "lvl/y.txt", "lvl/keep.txt", "lvl/sub/z.txt", "sub/top.txt", "sub/deep/x.txt",
             "sub/inner/z.tmp.txt", "x.tmp.txt", "doc/a/b/c.txt", "doc/c.txt", "esc[1].txt",
             "sp ace.txt", "we(ird)+[1]/w.txt", "we(ird)+[1]/v.txt", "we(ird)+[1]/x/u.txt"]
    tree(tmp_path, {name: LINE for name in names})
    tree(tmp_path, {".gitignore": "drafts\nkeep/*\n!keep/k.txt\nlvl/**\n!lvl/keep.txt\n"
                                  "*.tmp.txt\nb[23].txt\n!b3.txt\ndoc/**/c.txt\n"
                                  "esc\\[1\\].txt\nsp\\ ace.txt\n",
                    "sub/.gitignore": "/top.txt\ndeep\n", "sub/inner/.gitignore": "!*.tmp.txt\n",
                    "we(ird)+[1]/.gitignore": "w.txt\n/x/\n"})
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("a.txt\n", encoding="utf-8")
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "-z"],
                            cwd=tmp_path, check=True, capture_output=True, text=True).stdout
    by_git = {name for name in listed.split("\0") if name.endswith(".txt")}
    assert by_git == linted(capsys, ".")
    assert len(by_git) < len(names)


# ----------------------------------------------------------------------- the config globs

def test_globs_character_classes_and_ranges():
    from linter.globs import matches, matches_any

    assert matches("file3.txt", "file[34].txt") and matches("a/file4.txt", "file[34].txt")
    assert not matches("file5.txt", "file[34].txt") and not matches("file[34].txt",
                                                                    "file[34].txt")
    assert matches("x7.txt", "x[0-9].txt") and not matches("x7.txt", "x[!0-9].txt")
    assert matches("xa.txt", "x[^0-9].txt")
    assert matches_any("d/file3.txt", ["*.md", "d/file[34].txt"])
    # the many-wildcard path (segment table) has the same classes
    many = "f" + "*i" * 5 + "[34].txt"
    assert matches("fiiiii3.txt", many) and not matches("fiiiii5.txt", many)


def test_globs_match_the_whole_path_and_keep_their_other_meanings():
    from linter.globs import matches

    assert not matches("legacy/x.txt", "legacy") and not matches("a.txt/b.txt", "a.txt")
    assert matches("legacy/x.txt", "legacy/") and matches("a/legacy/x.txt", "legacy/")
    assert matches("top.txt", "/top.txt") and not matches("a/top.txt", "/top.txt")
    assert matches("!x.txt", "!x.txt") and matches("#x.txt", "#x.txt")
    assert matches("x*y.txt", "x\\*y.txt") and not matches("xzy.txt", "x\\*y.txt")
    assert matches("a/b/c", "a/*/c") and not matches("a/b/d/c", "a/*/c")
    assert matches("[x.txt", "[x.txt")  # an unclosed class is a plain '['
    assert not matches("b.txt", "[z-a].txt")  # a bad range matches nothing, without a crash


def test_a_gitignore_line_with_many_wildcards_cannot_backtrack(tmp_path, capsys):
    long_name = "a" * 90 + ".txt"
    corpus(tmp_path, long_name, "xaaaa1.txt", "daaaa/in.txt", "daaaa.txt", "keep/xaaaa2.txt")
    tree(tmp_path, {".gitignore": "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\nx*a*a*a*a*.txt\n"
                                  "d*a*a*a*a*/\n", "keep/.gitignore": "!x*a*a*a*a*.txt\n"})
    started = time.perf_counter()
    assert linted(capsys, ".") == {long_name, "daaaa.txt", "keep/xaaaa2.txt"}
    assert time.perf_counter() - started < 5
