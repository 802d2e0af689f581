"""LBL: label consistency across the corpus.

LBL001-003 and LBL006 (:mod:`.spurious`) are corpus rules. They share one per-document summary (:mod:`.mentions`, built by
:mod:`.scan`) and one additive corpus aggregate (:mod:`.evidence`, read through :mod:`.views`),
so a pre-commit run judges the changed files against the cached corpus total (:mod:`.keys`
says which parts of it each rule reads). LBL004 and LBL005 (:mod:`.names`) look at one
document. None of these rules needs the cable profile: they read zones only to skip
structural ones when a profile found them.
"""

from __future__ import annotations

from linter.rules.lbl.boundary import BOUNDARY_INCONSISTENCY
from linter.rules.lbl.inconsistent_label import INCONSISTENT_LABEL
from linter.rules.lbl.missed_mention import MISSED_MENTION
from linter.rules.lbl.names import ACRONYM_DISAGREEMENT, SPLIT_NAME
from linter.rules.lbl.spurious import SPURIOUS_ENTITY

RULES = [INCONSISTENT_LABEL, MISSED_MENTION, BOUNDARY_INCONSISTENCY, ACRONYM_DISAGREEMENT,
         SPLIT_NAME, SPURIOUS_ENTITY]
