"""What the site build reads of mkdocs.yml: as data, never run (the core never imports MkDocs, and a
checkout's settings may be anyone's). A file that cannot be read is a located error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bestservice.content.document import display_path
from bestservice.content.load import read_limited
from bestservice.content.problems import ContentError, Problem


@dataclass(frozen=True)
class SiteSettings:
    """What the build needs of mkdocs.yml (read as data: the core never imports MkDocs)."""

    site_name: str = ""
    site_url: str = ""
    markdown_extensions: tuple = ()
    config: dict = field(default_factory=dict, compare=False)  # mkdocs.yml as written

    @classmethod
    def read(cls, config_file: Path, site_url: str | None = None) -> SiteSettings:
        config = read_config(Path(config_file))
        extensions = config.get("markdown_extensions") or []
        if not isinstance(extensions, list) or not all(isinstance(item, str) or (isinstance(item, dict) and len(item) == 1) for item in extensions):
            raise _config_error(
                Path(config_file), "markdown_extensions ต้องเป็นรายการชื่อส่วนขยาย (list)", "เขียนเป็นรายการ เช่น markdown_extensions: [toc, attr_list]"
            )
        if not isinstance(config.get("theme") or {}, dict):
            raise _config_error(Path(config_file), "theme ต้องเป็นการตั้งค่าแบบมีชื่อหัวข้อ (mapping)", "เขียนเป็น theme: {name: material}")
        return cls(
            site_name=str(config.get("site_name") or ""),
            site_url=str(site_url if site_url is not None else config.get("site_url") or ""),
            markdown_extensions=tuple(extensions),
            config=config,
        )


def read_config(config_file: Path, inherited_by: tuple[Path, ...] = ()) -> dict:
    """mkdocs.yml as MkDocs reads it: a file that INHERITs another is merged into it (mappings key by
    key, other values replaced); relative paths stay relative to the file the build was given. Read as
    data, never run; a file it cannot read is a located error, as is an INHERIT that loops."""
    try:
        config = yaml.load(read_limited(config_file).decode("utf-8"), Loader=_ConfigLoader)  # a FIFO is refused, not waited on
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        mark = getattr(err, "problem_mark", None)
        raise _config_error(
            config_file, f"อ่านไฟล์ตั้งค่าไม่ได้ ({getattr(err, 'problem', None) or err})", "แก้ไฟล์ให้เป็น YAML ที่ถูกต้อง (UTF-8)", mark.line + 1 if mark else 1
        ) from None
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise _config_error(config_file, "ไฟล์ตั้งค่าต้องเป็นหัวข้อและค่า (mapping) เช่น site_name: ...", "เขียนการตั้งค่าแบบ key: value")
    parent = config.pop("INHERIT", None)
    if not parent:
        return config
    base = (config_file.parent / str(parent)).resolve()
    if base in {path.resolve() for path in (*inherited_by, config_file)}:
        raise _config_error(config_file, f"INHERIT: {parent} สืบทอดวนกลับมาที่ไฟล์นี้", "ให้ INHERIT ชี้ไฟล์ตั้งค่าอื่นที่ไม่สืบทอดกลับมาที่ไฟล์นี้")
    return _merged(read_config(base, (*inherited_by, config_file)), config)


def _config_error(config_file: Path, message: str, fix: str, line: int = 1) -> ContentError:
    return ContentError([Problem(display_path(config_file), line, "mkdocs.yml", message, "site settings", fix)])


def _merged(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative) and Python names for Markdown extensions
    (!!python/name:pymdownx.superfences.fence_code_format): read as plain values, never run."""


def _tag_as_text(loader, suffix, node):
    """A tagged scalar as its text (a Python name, `!!python/name:x.y`, as that name); anything else None."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return loader.construct_scalar(node) or suffix.partition(":")[2]


_ConfigLoader.add_multi_constructor("!", _tag_as_text)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tag_as_text)
