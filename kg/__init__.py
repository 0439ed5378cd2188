"""chidao-kg: a knowledge graph of directives and responsibilities built from Vietnamese government notices."""

__version__ = "0.1.0"
