"""The reference data (reference/*.yaml): units, groups, policies, criteria, tools, awards.

What changes over time (a reorganised unit, a new governor's policy) is edited there, never here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import jsonschema

from bestservice.content.contract import SCHEMA_DIR, TYPE_NAMES
from bestservice.content.document import display_path
from bestservice.content.load import parse_yaml, read_limited
from bestservice.content.problems import ContentError, Problem


def _read(directory: Path, name: str) -> dict:
    """A reference file, read and checked against its shape (schema/reference.schema.json): a file of
    the wrong shape is a located problem before any part of the program reads a field of it."""
    path = directory / name
    data, lines = parse_yaml(read_limited(path).decode("utf-8", "replace"), path)  # a FIFO or a device is refused, not waited on
    validator = _shape_of(name)
    if validator is not None:
        wrong = next(iter(sorted(validator.iter_errors(data), key=lambda error: list(map(str, error.absolute_path)))), None)
        if wrong is not None:
            where = tuple(wrong.absolute_path)
            while where and where not in lines:
                where = where[:-1]
            field = ".".join(map(str, wrong.absolute_path)) or name
            raise ContentError(
                [
                    Problem(
                        display_path(path),
                        lines.get(where, 1),
                        field,
                        f"ข้อมูลอ้างอิงผิดรูปแบบ: {_in_thai(wrong)}",
                        "reference data",
                        "แก้ให้ตรงกับรูปแบบของไฟล์เดิม (ดูตัวอย่างใน reference/ ของคลังความรู้ที่สร้างด้วย bestservice init)",
                    )
                ]
            )
    return data


@cache
def _shapes() -> dict:
    """schema/reference.schema.json: the shape of each reference file, and the definitions they share."""
    return json.loads((SCHEMA_DIR / "reference.schema.json").read_text(encoding="utf-8"))


@cache
def _shape_of(name: str):
    """The validator of a reference file's shape (None for a file the program does not read by name)."""
    shapes = _shapes()
    if name not in shapes["files"]:
        return None
    return jsonschema.Draft202012Validator({"$defs": shapes["$defs"], **shapes["files"][name]})


def reference_fingerprint(directory: Path) -> str:
    """Changes whenever a reference file does (name, time, size): read anew at every site build, so
    an edit of units.yaml under `mkdocs serve` is seen at the next rebuild."""
    files = sorted(p for p in Path(directory).rglob("*") if p.is_file())
    return repr([(p.relative_to(directory).as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files])


# eq=False: two readings of one folder are different data when a file changed in between, so
# anything kept per Reference (the similar check's analyzer, the search fold table) is kept per reading.
@dataclass(frozen=True, eq=False)
class Reference:
    directory: Path

    def _file(self, name: str) -> dict:
        return _read(self.directory, name)

    @cached_property
    def fingerprint(self) -> str:
        """The fingerprint of the files this reading was made from (taken when it was first asked for)."""
        return reference_fingerprint(self.directory)

    # --- organisational units -------------------------------------------------------------
    @cached_property
    def _units_file(self) -> dict:
        return self._file("units.yaml")

    @cached_property
    def unit_types(self) -> list[dict]:
        return self._units_file["unit_types"]

    @cached_property
    def groups(self) -> list[dict]:
        return self._units_file["groups"]

    @cached_property
    def units(self) -> list[dict]:
        return self._units_file["units"]

    @cached_property
    def unit_by_id(self) -> dict[str, dict]:
        return {unit["id"]: unit for unit in self.units}

    @cached_property
    def group_by_id(self) -> dict[str, dict]:
        return {group["id"]: group for group in self.groups}

    @cached_property
    def unit_type_by_id(self) -> dict[str, dict]:
        return {kind["id"]: kind for kind in self.unit_types}

    def districts_of(self, group_id: str) -> list[dict]:
        return [u for u in self.units if u["type"] == "district" and u.get("group") == group_id]

    def unit_name(self, unit_id: str) -> str:
        unit = self.unit_by_id.get(unit_id)
        return unit["name_th"] if unit else unit_id

    # --- governor's policy ------------------------------------------------------------------
    @cached_property
    def policy_sets(self) -> list[dict]:
        return self._file("policies.yaml")["policy_sets"]

    def policy_set_for(self, fiscal_year: int) -> dict | None:
        """The policy framework in force in a fiscal year (None when the data has none)."""
        for policy_set in self.policy_sets:
            years = policy_set["fiscal_years"]
            if years["from"] <= fiscal_year and (years.get("to") is None or fiscal_year <= years["to"]):
                return policy_set
        return None

    @cached_property
    def dimension_by_id(self) -> dict[str, dict]:
        return {dim["id"]: {**dim, "set": s["id"]} for s in self.policy_sets for dim in s["dimensions"]}

    # --- criteria, tools, awards, service centre --------------------------------------------
    @cached_property
    def criteria(self) -> list[dict]:
        return self._file("criteria.yaml")["criteria"]

    @cached_property
    def criterion_by_number(self) -> dict[int, dict]:
        return {c["number"]: c for c in self.criteria}

    @cached_property
    def rule_texts(self) -> dict[str, str]:
        """What each rule a criterion names checks, in Thai."""
        return self._file("criteria.yaml").get("rule_texts_th", {})

    @cached_property
    def tools(self) -> list[dict]:
        return self._file("tools.yaml")["tools"]

    @cached_property
    def tool_by_id(self) -> dict[str, dict]:
        return {tool["id"]: tool for tool in self.tools}

    @cached_property
    def _awards_file(self) -> dict:
        return self._file("awards.yaml")

    @cached_property
    def record_kinds(self) -> list[dict]:
        return self._awards_file["record_kinds"]

    @cached_property
    def award_kinds(self) -> list[dict]:
        return self._awards_file["award_kinds"]

    @cached_property
    def guide_external_awards(self) -> list[dict]:
        return self._awards_file["guide_external_awards"]

    @cached_property
    def award_rounds(self) -> list[dict]:
        """What sources say about one award in one year (how many winners), for "X of Y" on the awards page."""
        return self._awards_file.get("award_rounds", [])

    # --- what the knowledge base holds ------------------------------------------------------
    @cached_property
    def complete_fiscal_years(self) -> dict[int, str]:
        """Fiscal year -> why it is complete: the years whose every proposal is in projects/
        (reference/holdings.yaml; a knowledge base without the file holds no year completely)."""
        path = self.directory / "holdings.yaml"
        years = self._file("holdings.yaml").get("complete_fiscal_years") if path.is_file() else None
        return {entry["fiscal_year"]: entry.get("note_th", "") for entry in years or []}

    @cached_property
    def service_center(self) -> dict:
        return self._file("service_center.yaml")

    @cached_property
    def sources(self) -> dict[str, dict]:
        return {s["id"]: s for s in self._file("sources.yaml")["sources"]}

    def ids(self, name: str) -> list[str]:
        """Allowed ids for a schema field marked `x-reference: <name>`."""
        lists = {
            "units": self.units,
            "tools": self.tools,
            "record_kinds": self.record_kinds,
            "award_kinds": self.award_kinds,
            "policy_dimensions": list(self.dimension_by_id.values()),
        }
        return [item["id"] for item in lists[name]]


def _in_thai(error) -> str:
    """What a shape error says, for a person."""
    if error.validator == "required":
        return f"ขาดฟิลด์ {error.message.split(chr(39))[1]}"
    if error.validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"ค่า {error.instance!r:.60} ต้องเป็น" + " หรือ ".join(TYPE_NAMES.get(kind, kind) for kind in expected)
    if error.validator in ("minimum", "maximum"):
        return f"ค่า {error.instance!r:.60} อยู่นอกช่วงที่รับได้"
    return f"ค่า {error.instance!r:.60} ไม่ตรงรูปแบบ ({error.validator})"


def reference_problems(reference: Reference) -> list[Problem]:
    """What is wrong with the shape of each reference file there is (validate of the whole knowledge
    base, CI's check, reports them all, before a build reads a field of one)."""
    found = []
    for name in _shapes()["files"]:
        if (reference.directory / name).is_file():
            try:
                reference._file(name)
            except ContentError as err:
                found.extend(err.problems)
    return found


def load_reference(directory: Path) -> Reference:
    """The reference data of a knowledge base (its reference/ folder), read as it is now."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError(
            [
                Problem(
                    str(directory),
                    1,
                    "reference",
                    "ไม่พบโฟลเดอร์ข้อมูลอ้างอิง (หน่วยงาน นโยบาย เกณฑ์ เครื่องมือ ...)",
                    "reference data",
                    "คลังความรู้ต้องมีโฟลเดอร์ reference/ ข้าง mkdocs.yml: คัดลอกจากคลังความรู้เดิม หรือสร้างคลังใหม่ด้วย bestservice init DIR",
                )
            ]
        )
    reference = Reference(directory)
    _ = reference.fingerprint  # taken now: the data is read from the files as they are now
    return reference
