"""HDR rule comparing the cable's banner with the 'classification' of its metadata record."""

from __future__ import annotations

from linter.profiles.cable import header_facts
from linter.profiles.cable_marks import LEVEL_NAMES, grade, metadata_level
from linter.rule import Example, Rule, RuleMeta

from ._shared import META, banner_name, banner_of, tok


def _banner_vs_metadata(doc, ctx):
    zone, level = banner_of(doc)
    value = doc.metadata.get("classification") if doc.metadata else None
    if zone is None or not isinstance(value, str):
        return
    meta_level, meta_noforn = metadata_level(value)
    if meta_level is None or grade(meta_level) == grade(level):
        return
    yield ctx.report(
        zone.start, zone.end,
        f"the banner {banner_name(header_facts(doc))} ({LEVEL_NAMES[level]}) disagrees with the "
        f"metadata classification '{value}': two records of the same fact differ",
        evidence={"banner": level, "metadata": value},
    )


BANNER_METADATA_MISMATCH = Rule(RuleMeta(
    code="HDR010", name="banner-metadata-mismatch", family="HDR", severity="error",
    profile="cable",
    summary="The banner's classification level differs from the metadata 'classification'.",
    rationale=(
        "The banner and the WikiLeaks metadata table record the same fact; when they differ one "
        "was transcribed wrongly. Only the level is compared (U and SBU count as one)."
    ),
    fix=(
        "Compare with the original cable and correct the record that is wrong, the banner or the "
        "metadata 'classification'."
    ),
    bad=(
        Example(
            tok() + META.format(cls="SECRET"),
            expect=("09LIMA1659.txt:1:12 disagrees with the metadata classification 'SECRET'",),
        ),
    ),
    good=(tok() + META.format(cls="CONFIDENTIAL//NOFORN"), tok()),
), check=_banner_vs_metadata)


RULES = [BANNER_METADATA_MISMATCH]
