"""bestservice.site.hand_pages: the knowledge base's own pages, read as data from a checkout anyone may
have written. A page's macros run in Jinja's sandbox; whatever a page gets wrong is a located problem."""

from __future__ import annotations

import os
import time

import pytest
from conftest import REFERENCE

from bestservice.content.problems import ContentError
from bestservice.site.hand_pages import hand_pages

GUIDE_PAGE = "---\nrender_macros: true\ntitle: หน้า\n---\n# หน้า\n\n"


def _pages(tmp_path, name: str, text: str | bytes):
    docs = tmp_path / "kb" / "docs"
    (docs / name).parent.mkdir(parents=True, exist_ok=True)
    (docs / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return hand_pages(docs, REFERENCE, tmp_path / "kb")


def _refused(tmp_path, name: str, text: str | bytes) -> str:
    with pytest.raises(ContentError) as refused:
        _pages(tmp_path, name, text)
    (problem,) = refused.value.problems
    assert problem.path.endswith(name) and problem.line >= 1, problem
    return problem.message


def test_the_guides_macros_still_render(tmp_path):
    (page,) = _pages(tmp_path, "guide/count.md", GUIDE_PAGE + "เกณฑ์ {{ ref.criteria | length }} ข้อ {{ guide.stage(1).title_th }}\n")
    assert "เกณฑ์ 12 ข้อ" in page.markdown and "{{" not in page.markdown


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
        "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
        "{{ ref.__class__.__init__.__globals__ }}",
    ],
)
def test_a_page_that_reaches_for_python_internals_runs_nothing_and_is_located(tmp_path, payload, monkeypatch):
    monkeypatch.chdir(tmp_path)
    message = _refused(tmp_path, "guide/evil.md", GUIDE_PAGE + payload + "\n")
    assert "ใช้คำสั่งแมโครไม่ได้" in message
    assert not (tmp_path / "PWNED").exists(), "the page's template ran a command"


@pytest.mark.parametrize(
    "payload",
    ["{{ 'a' * 10 ** 9 }}", "{{ range(10 ** 9) | list | length }}", "{{ 10 ** 100000000 }}", "{{ [1] * 1000000000 }}", "{{ 1 / 0 }}"],
)
def test_a_page_cannot_make_the_build_run_out_of_time_or_memory(tmp_path, payload):
    started = time.monotonic()
    assert "ใช้คำสั่งแมโครไม่ได้" in _refused(tmp_path, "guide/big.md", GUIDE_PAGE + payload + "\n")
    assert time.monotonic() - started < 5


def test_statements_are_refused_at_their_line(tmp_path):
    """A loop could run without end; the guide's pages need only {{ expressions }}."""
    message = _refused(tmp_path, "guide/loop.md", GUIDE_PAGE + "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}\n")
    assert "{% ... %}" in message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("---\ntitle: [ไม่ปิด\n---\nเนื้อหา\n", "ส่วนหัว YAML อ่านไม่ได้"),
        ("---\n- รายการ\n- แทนหัวข้อ\n---\nเนื้อหา\n", "ต้องเป็นหัวข้อและค่า"),
        ("---\ntitle: !!python/object/apply:os.system ['touch PWNED']\n---\nเนื้อหา\n", "ส่วนหัว YAML อ่านไม่ได้"),
        ("---\ntitle: หน้า\n---\n".encode() + "ข้อความ".encode("cp874"), "ไม่ได้เข้ารหัสเป็น UTF-8"),
    ],
)
def test_a_page_that_cannot_be_read_is_a_located_problem(tmp_path, text, says, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert says in _refused(tmp_path, "about.md", text)
    assert not (tmp_path / "PWNED").exists()


def test_a_fifo_named_like_a_page_is_refused_without_waiting(tmp_path):
    docs = tmp_path / "kb" / "docs"
    docs.mkdir(parents=True)
    os.mkfifo(docs / "pipe.md")
    with pytest.raises(ContentError, match="pipe.md"):
        hand_pages(docs, REFERENCE, tmp_path / "kb")


def test_a_page_linked_from_outside_the_knowledge_base_is_not_read(tmp_path):
    (tmp_path / "secret.md").write_text("ความลับ", encoding="utf-8")
    docs = tmp_path / "kb" / "docs"
    docs.mkdir(parents=True)
    (docs / "leak.md").symlink_to(tmp_path / "secret.md")
    with pytest.raises(ContentError, match="อยู่นอกคลังความรู้"):
        hand_pages(docs, REFERENCE, tmp_path / "kb")


def test_docs_may_be_a_link_to_a_shared_folder_as_content_folders_may(tmp_path):
    shared = tmp_path / "shared-docs"
    shared.mkdir()
    (shared / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "docs").symlink_to(shared, target_is_directory=True)
    assert [page.source for page in hand_pages(tmp_path / "kb" / "docs", REFERENCE, tmp_path / "kb")] == ["index.md"]
