"""kg: knowledge graphs of foreign-assistance program facts.

The pipeline, one module a stage: :mod:`kg.documents` (load fact sheets) -> :mod:`kg.extract`
(draft facts) / :mod:`kg.facts` (curated facts files) -> :mod:`kg.rdf` (map to RDF) ->
:mod:`kg.validate` (SHACL) -> :mod:`kg.store` and :mod:`kg.query` (files, SPARQL); the typed facts
live in :mod:`kg.model`. :func:`kg.build.build` runs it end to end.
"""

__version__ = "0.1.0"
