"""Rule-based extraction of program facts from a fact sheet's text.

:func:`extract` reads organizations, places, figures and activities from a
:class:`~kg.model.Document` with regular expressions and small lexicons (compiled once at
import): it is pure, deterministic and fast, with no network and no models. Every fact carries
the exact :class:`~kg.model.Span` it was read from.

One module per family of recognizers, each using only those before it:

- :mod:`kg.extract.lexicon`: the word lists (data files in ``kg/extract/lexicons/``);
- :mod:`kg.extract.text`: sentences, spans, tokens and capitalized runs;
- :mod:`kg.extract.places`: countries, subdivisions and named places;
- :mod:`kg.extract.organizations`: organizations, their acronyms, kinds and parents;
- :mod:`kg.extract.units`, :mod:`kg.extract.qualifiers`: units, qualifiers and changes;
- :mod:`kg.extract.years`: the year (or fiscal year) of a figure;
- :mod:`kg.extract.figures`: numbers and what they count;
- :mod:`kg.extract.reporters`: who reports a figure;
- :mod:`kg.extract.agencies`: whether the lead agency did the work a figure counts;
- :mod:`kg.extract.activities`: who did what for whom;
- :mod:`kg.extract.pipeline`: :func:`extract`, which runs them all.

>>> from kg.model import Document
>>> facts = extract(Document("demo", "INL has trained more than 100 judges."))
>>> m = facts.measurements[0]
>>> (m.value, m.unit, m.counted, m.qualifier.value, m.agency)
(Decimal('100'), 'count', 'judge', 'more-than', 'INL')
"""

from __future__ import annotations

from kg.extract.activities import classify_activity
from kg.extract.pipeline import extract, extract_file, extract_many
from kg.extract.text import MAX_SENTENCE, sentences

__all__ = [
    "MAX_SENTENCE",
    "classify_activity",
    "extract",
    "extract_file",
    "extract_many",
    "sentences",
]
