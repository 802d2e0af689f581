"""The two-phase engine: per-file map (read, zone, document rules, corpus collectors),
then a corpus reduce (corpus rules finalize over all per-file summaries), then policy
(selection, per-file ignores, severity, fingerprints) applied in one place.

The per-file phase is a pure function of (file bytes, plan), which is what lets it run
in a process pool and be cached by content hash.
"""

from __future__ import annotations

import hashlib
import os
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from linter import registry as rule_registry
from linter.aggregate import aggregate_name, lookup_keys_of
from linter.caps import cap_findings
from linter.config import LoadedConfig, options_for
from linter.discovery import SourceFile
from linter.documents import LintedDocuments, format_for
from linter.kebab import plain
from linter.lazy_totals import LazyTotal, Untrusted
from linter.metadata import load_metadata, sidecar_problems
from linter.model import Finding
from linter.policy import Policy
from linter.pooled import in_order
from linter.profiles import apply_profile
from linter.readers import read_document
from linter.readers.views import Remapper
from linter.registry import resolve, rules_by_code
from linter.result import FileStats, RunResult
from linter.rule import CorpusContext, Rule, RuleContext
from linter.safe_io import NotRegular, outside_root, read_regular
from linter.stream import reduce_stream

PARALLEL_THRESHOLD = 200  # below this many files a process pool costs more than it saves


@dataclass(frozen=True)
class Plan:
    """Everything the per-file phase needs, picklable for worker processes."""

    labels: frozenset[str]
    allow: frozenset[str]
    profile: str
    document_codes: tuple[str, ...]
    corpus_codes: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)
    formats: tuple[tuple[str, str], ...] = ()
    root: str = "."  # the config's folder: config globs are relative to it
    external_links: bool = False  # follow symlinks that lead outside ``root``
    custom: tuple[Rule, ...] = ()  # the config's declarative rules that run (not registered)
    timed: bool = False  # measure each rule's time per file (--profile-run); not in the plan key


@dataclass(slots=True)
class FileResult:
    """The per-file output: findings of document rules and summaries for corpus rules."""

    stats: FileStats
    findings: list[Finding]
    summaries: dict[str, Any]
    errors: list[str]
    # identity of the bytes that were linted (stat taken before reading), for the index
    size: int = -1
    mtime_ns: int = -1
    digest: str = ""
    # view path -> (file path, anchors, text offsets?) for formats read through prose views
    views: dict[str, tuple[str, bytes, bool]] | None = None
    timings: dict[str, float] | None = None  # rule code -> seconds, with Plan.timed


def make_plan(config: LoadedConfig, select: list[str] | None = None,
              ignore: list[str] | None = None, timed: bool = False) -> tuple[Plan, list[Rule]]:
    """Resolve which rules run (config plus command-line selectors) into a Plan."""
    settings = config.settings
    chosen_select = select if select is not None else settings.select
    chosen_ignore = list(settings.ignore) + list(ignore or [])
    rules = resolve((*rule_registry.all_rules(), *config.custom_rules), chosen_select,
                    chosen_ignore)
    options = {rule.code: options_for(config, rule.code, rule.meta.options) for rule in rules}
    options["readers"] = settings.readers  # part of the plan key: a change relints
    plan = Plan(
        labels=frozenset(settings.labels),
        allow=frozenset(settings.allow),
        profile=settings.profile,
        document_codes=tuple(r.code for r in rules if r.meta.scope == "document"),
        corpus_codes=tuple(r.code for r in rules if r.meta.scope == "corpus"),
        options=options,
        formats=tuple(settings.format.items()),
        root=str(config.root),
        external_links=settings.follow_external_symlinks,
        custom=tuple(rule for rule in rules if rule in config.custom_rules),
        timed=timed,
    )
    return plan, rules


def lint_file(source: SourceFile, plan: Plan, content: bytes | None = None) -> FileResult:
    """Read one file and run the per-file phase; never raises. ``content``: the file's
    bytes as given (standard input, :mod:`linter.cli_stdin`); the file is then not read."""
    opened = time.perf_counter() if plan.timed else 0.0
    stats = FileStats(path=source.display)
    findings: list[Finding] = []
    summaries: dict[str, Any] = {}
    errors: list[str] = []
    try:
        if content is None and not plan.external_links and outside_root(source.path,
                                                                         plan.root):
            raise NotRegular(0, "a symlink leading outside the project root (set "
                             "follow-external-symlinks: true to lint it)", source.path)
        data, stat = (content, None) if content is not None else read_regular(source.path)
    except OSError as error:
        stats.readable = False
        reason = error.strerror or type(error).__name__
        findings.append(Finding("FIL001", source.display, 1, 1, 1, 1,
                                f"cannot read file: {reason}", context="unreadable"))
        return FileResult(stats, findings, summaries, errors)
    identity = {"size": stat.st_size if stat else len(data),
                "mtime_ns": stat.st_mtime_ns if stat else -1,
                "digest": hashlib.sha256(data).hexdigest()}
    doc, problem = read_document(source.display, data,
                                 fmt=format_for(source.display, plan.formats, plan.root),
                                 labels=plan.labels, options=plan.options.get("readers"),
                                 real_path=source.path)
    if doc is None:
        stats.readable = False
        findings.append(Finding(problem.code, source.display, problem.line, problem.column,
                                problem.line, problem.column + 1, problem.message,
                                context=problem.code))
        return FileResult(stats, findings, summaries, errors, **identity)
    doc.metadata = load_metadata(source.path, plan.root)
    findings.extend(Finding("FIL001", source.display, 1, 1, 1, 1, message, context="sidecar")
                    for message in sidecar_problems(source.path, plan.root))
    units = doc.views or [doc]  # what rules about wording read (see linter.readers.views)
    for unit in units:
        if unit is not doc:
            unit.metadata = {**doc.metadata, **unit.metadata}
        try:
            apply_profile(unit, plan.profile)
        except Exception:  # a profile bug must not lose the other rules' findings
            errors.append(f"{source.display}: profile failed:\n{traceback.format_exc()}")
    stats.chars = len(doc.text)
    stats.entities = doc.facts.get("entities", len(doc.spans))  # brat: fragments are one
    stats.labels = dict(Counter(span.label for span in doc.spans))
    stats.profile = doc.profile
    stats.metadata = doc.metadata
    stats.documents = len(units)
    stats.format = doc.format
    remap = Remapper()
    if doc.views:
        offsets = doc.format in ("jsonl", "labelstudio")
        views = {view.path: (doc.path, view.anchors, offsets) for view in doc.views}
        remap.add(views)
    registry = rules_by_code(plan.custom)
    timings = {"(read)": time.perf_counter() - opened} if plan.timed else None
    for code in plan.document_codes + plan.corpus_codes:
        began = time.perf_counter() if timings is not None else 0.0
        rule = registry[code]
        formats = rule.meta.formats
        if formats and doc.format not in formats:
            continue
        for unit in ([doc] if formats else units):
            if rule.meta.profile and rule.meta.profile != unit.profile:
                continue
            context = RuleContext(rule.meta, unit, plan.options.get(code), plan.labels,
                                  plan.allow)
            try:
                if rule.meta.scope == "corpus":
                    key = code if len(units) == 1 or formats else f"{code}\0{unit.path}"
                    summaries[key] = rule.collect(unit, context)
                else:
                    found = rule.check(unit, context)
                    if unit is not doc:  # fixes edit inline text only (linter.fixes)
                        found = [_no_fix(remap.finding(finding)) for finding in found]
                    findings.extend(found)
            except Exception:
                errors.append(f"{source.display}: rule {code} crashed:\n"
                              f"{traceback.format_exc()}")
        if timings is not None:
            timings[code] = time.perf_counter() - began
    return FileResult(stats, findings, summaries, errors, **identity,
                      views=views if doc.views else None, timings=timings)


def _no_fix(finding: Finding) -> Finding:
    """A finding moved from a prose view to its file: its edits were on the view's text."""
    finding.edits = ()
    return finding


def _lint_chunk(args: tuple[list[SourceFile], Plan]) -> list[FileResult]:
    sources, plan = args
    return [lint_file(source, plan) for source in sources]


def map_files(sources: list[SourceFile], plan: Plan, jobs: int,
              progress: Callable[[int], None] | None = None) -> Iterable[FileResult]:
    """Run the per-file phase, in a process pool when the corpus is large enough."""
    if len(sources) < PARALLEL_THRESHOLD or worker_count(jobs, len(sources)) <= 1:
        for source in sources:
            yield lint_file(source, plan)
            if progress:
                progress(1)
        return
    jobs = worker_count(jobs, len(sources))
    chunk = max(16, min(256, len(sources) // (jobs * 8) or 1))
    chunks = [(sources[i:i + chunk], plan) for i in range(0, len(sources), chunk)]
    jobs = min(jobs, len(chunks))
    for results in in_order(_lint_chunk, chunks, jobs):
        yield from results
        if progress:
            progress(len(results))


def worker_count(jobs: int, files: int) -> int:
    """``--jobs`` capped at the cores this process may use and at the work available."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(jobs, cores, -(-files // 16)))


def finalize_corpus(rules: list[Rule], plan: Plan, summaries: dict[str, dict[str, Any]],
                    aggregates: Callable[[Rule, dict[str, Any]], dict] | None = None
                    ) -> tuple[list[Finding], list[str]]:
    """Run every corpus rule's finalize over the per-file summaries.

    ``aggregates(rule, summaries)`` supplies the cached corpus total in a focused run.
    """
    findings: list[Finding] = []
    errors: list[str] = []
    for rule in rules:
        if rule.meta.scope != "corpus":
            continue
        per_file = summaries.get(rule.code, {})
        context = CorpusContext(rule.meta, plan.options.get(rule.code), plan.labels, plan.allow)
        try:
            if aggregates is not None:
                context.aggregate = aggregates(rule, per_file)
            findings.extend(rule.finalize(per_file, context))
        except Untrusted:  # a stored total read on demand: the caller judges again
            raise
        except Exception:
            errors.append(f"rule {rule.code} crashed in the corpus phase:\n{traceback.format_exc()}")
    return findings, errors


def run(config: LoadedConfig, sources: list[SourceFile], *, select: list[str] | None = None,
        ignore: list[str] | None = None, jobs: int | None = None,
        progress: Callable[[int], None] | None = None, index: Any = None,
        report_only: set[str] | None = None, complete: bool = False,
        executor: Any = None, stream: bool = True, timed: bool = False,
        on_phase: Callable[[str, int, int], None] | None = None) -> RunResult:
    """Lint ``sources`` and return the RunResult.

    ``index`` (a :class:`linter.cache.CorpusIndex`) reuses per-file results of unchanged
    files. ``report_only`` keeps findings for those display paths only, while corpus rules
    still judge them against every file; when every corpus rule supports aggregates (see
    :mod:`linter.aggregate`) and an index is given, the other files' summaries are not even
    loaded: the rules read the cached corpus totals instead. ``complete`` says ``sources``
    is the whole corpus (the index may forget files that are gone).

    Any other run streams: results go to disk as they arrive and the corpus phase runs in
    batches (:mod:`linter.stream`), so memory does not grow with the corpus; ``stream``
    False keeps everything in memory instead (the reference the streaming path is tested
    against). ``executor`` runs the per-file phase: ``executor.map(sources, plan,
    progress)`` yields FileResults, and an optional ``executor.totals(aggregators)`` returns
    the corpus totals it reduced itself (None: the engine sums them). ``timed`` measures
    every rule (``RunResult.rule_times``).
    """
    plan, rules = make_plan(config, select, ignore, timed)
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    corpus_rules = [rule for rule in rules if rule.meta.scope == "corpus"]
    # every corpus rule declares contribute and lookup_keys (registry.check_rule refuses
    # one that does not), so a run with an index can always take the focused path
    aggregators = {aggregate_name(rule.contribute): (rule.code, rule.contribute)
                   for rule in corpus_rules}
    focused = (index is not None and report_only is not None and bool(corpus_rules)
               # a file of several documents (CoNLL, JSONL…) keeps one summary per document,
               # which the cached totals do not hold: judge against every summary instead
               and all(source.path.endswith(".txt") for source in sources))

    def lint(todo: list[SourceFile], plan: Plan) -> Iterable[FileResult]:
        if executor is not None:
            return executor.map(todo, plan, progress)
        return map_files(todo, plan, jobs, progress)

    if index is not None:
        results = index.results(sources, plan, lint, aggregators=aggregators,
                                focus=report_only if focused else None, complete=complete)
    else:
        results = lint(sources, plan)
    documents = {"formats": plan.formats, "root": plan.root, "labels": plan.labels,
                 "options": plan.options.get("readers")}
    common = {"rules": [rule.meta for rule in rules],
              "settings": plain(config.settings, by_alias=True),
              "config_path": str(config.path) if config.path else None}
    if stream and not focused:
        # totals reduced by the executor cover every file only when none came from the index
        totals = getattr(executor, "totals", None) if index is None else None
        reduced = reduce_stream(
            results, plan=plan, rules=rules, policy=Policy(config, rules),
            aggregators=aggregators, limit=config.settings.max_findings_per_file,
            on_disk={source.display: source.path for source in sources},
            report_only=report_only, timed=timed, on_phase=on_phase,
            jobs=worker_count(jobs, len(sources)) if executor is None else 1,
            totals=(lambda: totals(aggregators)) if totals is not None else None)
        timings = {**reduced.timings, "total": time.perf_counter() - started}
        return RunResult(findings=reduced.findings, files=reduced.files,
                         document=LintedDocuments(reduced.linted, **documents),
                         internal_errors=reduced.errors, timings=timings,
                         notes=reduced.notes, rule_times=dict(reduced.rule_times), **common)
    return _in_memory(results, plan, rules, config, sources, focused, report_only, index,
                      started, documents, common)


def _in_memory(results, plan, rules, config, sources, focused, report_only, index, started,
               documents, common) -> RunResult:
    """The reduce with every result in memory: focused runs (a few files) and the
    reference for the streaming path."""
    corpus_rules = [rule for rule in rules if rule.meta.scope == "corpus"]
    raw: list[Finding] = []
    stats: list[FileStats] = []
    errors: list[str] = []
    rule_times: Counter[str] = Counter()
    summaries: dict[str, dict[str, Any]] = {code: {} for code in plan.corpus_codes}
    # where the reported files are (a focused run reports a few of many: only theirs)
    on_disk = {source.display: source.path for source in sources
               if not focused or source.display in report_only}
    linted: dict[str, tuple[str, str]] = {}  # display path -> (path, digest), for reports
    remap = Remapper()
    for result in results:
        rule_times.update(result.timings or {})
        if focused and result.stats.path not in report_only:
            errors.extend(result.errors)
            continue
        stats.append(result.stats)
        disk = on_disk.get(result.stats.path)
        linted[result.stats.path] = (os.path.abspath(disk) if disk else result.stats.path,
                                     result.digest)
        raw.extend(result.findings)
        errors.extend(result.errors)
        remap.add(getattr(result, "views", None))
        for code, summary in result.summaries.items():
            code, _, view = code.partition("\0")  # one summary per document of a file
            summaries[code][view or result.stats.path] = summary
    per_file_done = time.perf_counter()

    # aggregate name -> (totals, keys asked)
    loaded: dict[str, tuple[LazyTotal, set[str]]] = {}

    def cached_totals(rule: Rule, per_file: dict[str, Any]) -> Mapping[str, Any]:
        """The cached totals for this rule's lookup keys; rules sharing an aggregate share
        what was already read (and decoded)."""
        keys = lookup_keys_of(rule, per_file.values())
        name = aggregate_name(rule.contribute)
        totals, asked = loaded.setdefault(name, (LazyTotal(), set()))
        missing = keys - asked
        if missing:
            totals.update_from(index.aggregate(name, missing))
            asked.update(missing)
        return totals.only(keys)

    try:
        corpus_findings, corpus_errors = finalize_corpus(
            rules, plan, summaries, cached_totals if focused else None)
    except Untrusted:  # an entry of a stored total did not verify: rebuild, judge again
        index.distrust()
        loaded.clear()
        corpus_findings, corpus_errors = finalize_corpus(rules, plan, summaries, cached_totals)
    finally:
        if focused and index is not None:
            index.release()
    if remap:  # findings on prose views back to their files' lines and columns
        mapped = {rule.code for rule in corpus_rules if not rule.meta.formats}
        corpus_findings = [remap.finding(f) if f.rule in mapped else f
                           for f in corpus_findings]
        not_inline = {stat.path for stat in stats if stat.format != "inline"}
        corpus_findings = [_no_fix(f) if f.path in not_inline else f for f in corpus_findings]
    raw.extend(corpus_findings)
    errors.extend(corpus_errors)
    corpus_done = time.perf_counter()
    if report_only is not None:
        raw = [finding for finding in raw if finding.path in report_only]
        stats = [stat for stat in stats if stat.path in report_only]
    raw, cap_notes = cap_findings(raw, config.settings.max_findings_per_file)
    findings = Policy(config, rules).apply(raw)
    return RunResult(
        findings=findings,
        files=sorted(stats, key=lambda s: s.path),
        document=LintedDocuments(linted, **documents),
        internal_errors=errors,
        timings={"per_file": per_file_done - started, "corpus": corpus_done - per_file_done,
                 "total": time.perf_counter() - started},
        notes=cap_notes,
        rule_times=dict(rule_times),
        **common,
    )
