"""The MkDocs adapter of the core package: one plugin (`bestservice` in mkdocs.yml's `plugins:`)
and the mkdocs-macros module of the guide pages. Only this package imports MkDocs."""
