"""Best Service knowledge base: content model, validation and site generation for BMA.

The core package never imports MkDocs: the MkDocs hooks and macros in macros/ only adapt it.
"""

__version__ = "1.0.0"
