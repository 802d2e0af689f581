"""Reader settings (the ``readers:`` table of the config), shared by every reader."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Scheme = Literal["auto", "IOB1", "IOB2", "BIOES", "BILOU", "IO"]


class ReaderOptions(BaseModel):
    """``tag-column``: the CoNLL column holding the tag, 1-based (default: the last one).
    ``scheme``: the tag scheme, or ``auto`` to detect it per file.
    ``misc-key``: the CoNLL-U MISC key holding entities (default: ``NER`` then ``Entity``).
    ``conllu-column``: a CoNLL-U column (1-based) holding BIO tags instead of MISC."""

    model_config = ConfigDict(extra="forbid", alias_generator=lambda n: n.replace("_", "-"),
                              populate_by_name=True, frozen=True, defer_build=True)

    tag_column: int | None = Field(default=None, ge=1)
    scheme: Scheme = "auto"
    misc_key: str | None = None
    conllu_column: int | None = Field(default=None, ge=1, le=10)


DEFAULT_OPTIONS = ReaderOptions.model_construct()  # the defaults, validator not built
