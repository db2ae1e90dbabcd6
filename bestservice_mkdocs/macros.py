"""mkdocs-macros module (mkdocs.yml: `macros: modules: [bestservice_mkdocs.macros]`): the guide pages'
macros, which live in the core (bestservice.pages.guide_markdown), made from the reference data the
site build currently holds.

Only pages with `render_macros: true` are rendered (render_by_default is off); contributor files
(projects/, lessons/) never pass through Jinja.
"""

from bestservice.pages.guide_markdown import GuideMarkdown


def define_env(env):
    site = env.conf.plugins["bestservice"].site_for(env.conf)
    guide = GuideMarkdown(site.reference, here=lambda: env.page.url if env.page is not None else "")
    env.variables.update(guide.macros())
    env.variables["bestservice_guide_markdown"] = guide


def on_post_page_macros(env):
    """Link every mention of a glossary term on the guide pages to its definition."""
    if env.page is not None and env.page.file.src_uri.startswith("guide/"):
        env.markdown = env.variables["bestservice_guide_markdown"].with_term_links(env.markdown)
