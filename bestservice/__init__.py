"""Best Service knowledge base: content model, validation and site generation for BMA.

The core package never imports MkDocs: its MkDocs plugin (bestservice_mkdocs/) only adapts it.
"""

__version__ = "1.0.0"
