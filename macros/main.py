"""mkdocs-macros adapter: hands the reference data to hand-written guide pages.

Only pages with `render_macros: true` are rendered (render_by_default is off). Contributor
content (projects/, lessons/) never passes through Jinja.
"""

from bestservice.reference import load_reference


def define_env(env):
    env.variables["ref"] = load_reference()
