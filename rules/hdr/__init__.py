"""HDR: consistency of a cable's classification header (banner, portion marks, caveats,
E.O./DECL line, CLASSIFIED BY/REASON) with itself, with the cable date and with metadata.

Every check reads the facts the cable profile parsed into its zones; only the TAGS and
SUBJECT checks read the text of a field the profile delimited. Checks whose finding is
often a drafting habit rather than an error report at info severity. Checks that need the
cable date stay silent when neither the metadata nor the file's WikiLeaks id gives it.

Two checks are left out on purpose, because on real cables they would cry wolf: an 'End
summary' without a start (it closes a summary that began in paragraph 1) and a missing
signature (many cables are signed in mixed case, 'Leach', which the profile does not read
as a signature).

One module per part of the header: ``marks`` (banner and portion marks),
``classified_by``, ``eo_decl`` (E.O. line and declassification date), ``metadata``,
``caveats`` and ``tags``.
"""

from __future__ import annotations

from . import caveats, classified_by, eo_decl, marks, metadata, tags

_BY_CODE = {rule.code: rule for module in (marks, classified_by, eo_decl, metadata, caveats, tags)
            for rule in module.RULES}
RULES = [_BY_CODE[code] for code in sorted(_BY_CODE)]  # HDR001 ... HDR019
