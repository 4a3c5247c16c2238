"""The RDF layer: vocabulary, IRI minting, graph builders and SHACL validation.

::

    from kg.rdf.build import build_article_graph, build_reference_graph
    from kg.rdf.validate import validate_graph

Modules: ``vocab`` (namespaces; ``GK`` mirrors ontology/kg.ttl), ``iris`` (the only place IRIs
are minted), ``build`` (article graph + claim graphs; private helpers in ``_context``,
``_events``, ``_comments``, ``_terms``), ``reference`` (curated reference graph), ``validate``
(pySHACL against ontology/shapes.ttl).
"""
