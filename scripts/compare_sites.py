#!/usr/bin/env python3
"""Are two built sites the same, page for page? (A redesign must not change what people see.)

    .venv/bin/python scripts/compare_sites.py /tmp/site-before site

Both sites must hold the same files. HTML pages are compared by what a reader gets: the title, the
main text and where the links go (markup order, whitespace and the way a relative link is written may
differ); JSON, and scripts that only set `window.NAME` to JSON data, by their parsed value; every other
file byte for byte. Values that differ on every build are left out: the build date MkDocs and
the feeds write, the sitemap's dates and a workbook's save time. Exit 0 when the same, 1 with one line per difference.
"""

from __future__ import annotations

import argparse
import io
import json
import posixpath
import re
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

BUILD_STAMPS = [
    re.compile(r"<lastmod>[^<]*</lastmod>"),  # sitemap.xml
    re.compile(r"<(lastBuildDate|updated|pubDate)>[^<]*</\1>"),  # feeds: when the site was built
]
JSON_STAMPS = ("generated", "generated_at")  # top-level keys of the open data: when it was built
DATA_SCRIPT = re.compile(r"^window\.[A-Za-z_]+=(.*);\n?$", re.S)  # a page's data as a script file


class ReaderView(HTMLParser):
    """What a reader of a page gets: its title, its text and where its links go."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.text.append(data)


def reader_view(html: str, page: str = "") -> dict:
    """`page`: the page's file in the site (e.g. guide/index.html), to tell where relative links go."""
    view = ReaderView()
    view.feed(html)
    return {
        "title": " ".join("".join(view.title).split()),
        "text": " ".join(" ".join(view.text).split()),
        "links": [resolved(link, page) for link in view.links],
    }


def resolved(link: str, page: str) -> str:
    """Where a link goes, from the site's root: ../../units/x/ on projects/y/index.html → units/x/."""
    if re.match(r"^[a-z]+:|^/|^#", link):
        return link
    path, hash_, fragment = link.partition("#")
    target = posixpath.normpath(posixpath.join(str(PurePosixPath(page).parent), path)) if path else page
    return target + ("/" if path.endswith("/") or path == "." else "") + hash_ + fragment


def data_script(data: bytes):
    """The JSON value a data script sets, or None when the file is not one."""
    match = DATA_SCRIPT.match(data.decode("utf-8", "replace"))
    if match is None:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None


def without_build_stamps(text: str) -> str:
    for stamp in BUILD_STAMPS:
        text = stamp.sub("", text)
    return text


def without_json_stamps(value):
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if key not in JSON_STAMPS}
    return value


def workbook_parts(data: bytes) -> dict[str, bytes]:
    """A workbook's parts but its properties, which hold the time it was saved (openpyxl sets it)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


def differences(before: Path, after: Path) -> list[str]:
    """One line per file that is missing, extra or different."""
    files_before = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    files_after = {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    found = [f"only in {before}: {name}" for name in sorted(files_before - files_after)]
    found += [f"only in {after}: {name}" for name in sorted(files_after - files_before)]
    for name in sorted(files_before & files_after):
        old, new = (before / name).read_bytes(), (after / name).read_bytes()
        if old == new:
            continue
        if name.suffix == ".html":
            page = name.as_posix()
            old_view, new_view = reader_view(old.decode("utf-8", "replace"), page), reader_view(new.decode("utf-8", "replace"), page)
            changed = [part for part in ("title", "text", "links") if old_view[part] != new_view[part]]
            if changed:
                found.append(f"differs: {name} ({', '.join(changed)})")
        elif name.suffix == ".json":
            try:
                same = without_json_stamps(json.loads(old)) == without_json_stamps(json.loads(new))
            except ValueError:
                same = False
            if not same:
                found.append(f"differs: {name}")
        elif name.suffix == ".js" and data_script(old) is not None:
            if data_script(old) != data_script(new):
                found.append(f"differs: {name}")
        elif name.suffix in (".xml", ".txt", ".csv"):
            if without_build_stamps(old.decode("utf-8", "replace")) != without_build_stamps(new.decode("utf-8", "replace")):
                found.append(f"differs: {name}")
        elif name.suffix == ".xlsx":
            if workbook_parts(old) != workbook_parts(new):
                found.append(f"differs: {name}")
        elif name.suffix != ".gz":  # sitemap.xml.gz holds the sitemap's dates; sitemap.xml is compared
            found.append(f"differs: {name}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    for site in (args.before, args.after):
        if not site.is_dir():
            print(f"{site}: not a built site (no such folder)", file=sys.stderr)
            return 1
    found = differences(args.before, args.after)
    count = sum(1 for p in args.after.rglob("*") if p.is_file())
    if found:
        print("\n".join(found))
        print(f"{len(found)} differences in {count} files")
        return 1
    print(f"{count} files: the same")
    return 0


if __name__ == "__main__":
    sys.exit(main())
