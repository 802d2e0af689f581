"""SPN: entities that swallow cable structure.

The tagger saw the cable header as one sentence and headings glued to the next
paragraph, so its entities run over structure: a header keyword tagged as a place
(``[LOC DECL:  ]``), a span from SUBJECT into REF, a heading absorbed into an ORG, a
portion mark tagged ORG. These checks read the cable profile's zones, so they only run on
documents the profile recognised.

Modules: ``keywords`` (cable keywords inside entities, entities in TAGS), ``structure``
(entities across structure, swallowed headings, portion marks as entities) and
``cable_ids`` (cable ids in the header annotated alike).
"""

from __future__ import annotations

from . import cable_ids, keywords, structure
from ._shared import header_like  # the example cable builder, used by tests

__all__ = ["RULES", "header_like"]

_BY_CODE = {rule.code: rule for module in (keywords, structure, cable_ids) for rule in module.RULES}
RULES = [_BY_CODE[code] for code in sorted(_BY_CODE)]  # SPN001 ... SPN006
