"""The bundled Cypher recipes (``*.cypher`` data files), loaded by :class:`kg.recipes.Registry`."""
