"""The user's policy over raw findings, applied in one place: selection, per-file ignores,
severity and fingerprints (see :class:`Policy`)."""

from __future__ import annotations

import hashlib
from collections import Counter

from linter.config import LoadedConfig
from linter.discovery import root_relative
from linter.globs import matches
from linter.model import Finding
from linter.registry import specificity
from linter.rule import Rule


class Policy:
    """Applies the user's policy to raw findings: per-file ignores, severity, fingerprints."""

    def __init__(self, config: LoadedConfig, enabled: list[Rule]) -> None:
        self.settings = config.settings
        self.root = config.root
        self.enabled = {rule.code: rule for rule in enabled}
        self._levels: dict[str, str] = {}

    def severity(self, rule: Rule) -> str:
        level = self._levels.get(rule.code)
        if level is None:
            level = self._levels[rule.code] = self._severity(rule)
        return level

    def _severity(self, rule: Rule) -> str:
        best, level = 0, rule.meta.severity
        for selector, value in self.settings.severity.items():
            score = specificity(selector, rule)
            if score > best:
                best, level = score, value
        return level

    def ignored(self, finding: Finding, rule: Rule) -> bool:
        if not self.settings.per_file_ignores:
            return False
        key = root_relative(finding.path, self.root)
        for pattern, selectors in self.settings.per_file_ignores.items():
            if matches(key, pattern) and any(specificity(s, rule) for s in selectors):
                return True
        return False

    def apply(self, findings: list[Finding]) -> list[Finding]:
        kept: list[Finding] = []
        seen: Counter[tuple[str, str, str]] = Counter()
        for finding in sorted(findings, key=Finding.sort_key):
            rule = self.enabled.get(finding.rule)
            if rule is None:  # a rule the user did not select
                continue
            if self.ignored(finding, rule):
                continue
            finding.severity = self.severity(rule)
            key = (finding.rule, finding.path, finding.context)
            seen[key] += 1
            digest = hashlib.sha1(
                "\0".join((*key, str(seen[key]))).encode("utf-8", "surrogatepass")
            ).hexdigest()
            finding.fingerprint = digest[:20]
            kept.append(finding)
        return kept
