"""What a build works on: the knowledge base of the mkdocs.yml being built, its reference data and
its content, read once per build and shared by the plugin's parts."""

from __future__ import annotations

from bestservice.content import Content, shared_content
from bestservice.content.reference import Reference, load_reference
from bestservice.kb import KnowledgeBase, from_config_file


def knowledge_base(config) -> KnowledgeBase:
    """The folder of the mkdocs.yml being built, never the folder the package was installed from."""
    return from_config_file(config.config_file_path)


def reference(config) -> Reference:
    return load_reference(knowledge_base(config).reference_dir)


def content(config) -> Content:
    kb = knowledge_base(config)
    return shared_content(kb.projects_dir, kb.lessons_dir, build=config)
