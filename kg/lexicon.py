"""Small lexicons the extractor uses: demonyms, known acronyms, armed groups, head nouns.

Everything here is general knowledge about fact sheets of this kind (country adjectives,
well-known agencies and groups); nothing is keyed to one document. The lists are data files in
``kg/extract/lexicons/``, loaded (once) by :mod:`kg.extract.lexicon`; this module gives them
the names they always had.
"""

from __future__ import annotations

from kg.extract.lexicon import (
    ARMED_GROUPS,
    DEMONYMS,
    FORCE_WORDS,
    KNOWN_ACRONYMS,
    KNOWN_NAMES,
    LEADING_HEADS,
    LEADING_STOPWORDS,
    NON_ORG_HEADS,
    NOT_ORG_ACRONYMS,
    ORG_HEADS,
    POLICY_HEADS,
    SECURITY_WORDS,
    TRAINING_WORDS,
)

__all__ = [
    "ARMED_GROUPS",
    "DEMONYMS",
    "FORCE_WORDS",
    "KNOWN_ACRONYMS",
    "KNOWN_NAMES",
    "LEADING_HEADS",
    "LEADING_STOPWORDS",
    "NON_ORG_HEADS",
    "NOT_ORG_ACRONYMS",
    "ORG_HEADS",
    "POLICY_HEADS",
    "SECURITY_WORDS",
    "TRAINING_WORDS",
]
