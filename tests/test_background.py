"""bestservice.background: build work in a second process, with the same result as in place."""

from __future__ import annotations

import gc
import os
import time

import pytest

from bestservice import background


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fails(message: str):
    raise ValueError(message)


def test_a_job_runs_in_another_process_when_there_are_two_cores(monkeypatch):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("BESTSERVICE_PARALLEL", raising=False)
    pid, square = background.Job(_pid_and_square, 12).result()
    assert square == 144
    assert pid != os.getpid(), "with two cores the work should leave the main process free to render pages"


@pytest.mark.parametrize("setting", [{"BESTSERVICE_PARALLEL": "0"}, {"cores": 1}])
def test_a_job_runs_in_place_when_asked_or_on_one_core(monkeypatch, setting):
    monkeypatch.setattr(background.os, "cpu_count", lambda: setting.get("cores", 2))
    for name, value in setting.items():
        if name.isupper():
            monkeypatch.setenv(name, value)
    pid, square = background.Job(_pid_and_square, 7).result()
    assert (pid, square) == (os.getpid(), 49)


@pytest.mark.parametrize("parallel", ["1", "0"])
def test_an_error_in_a_job_fails_the_build_with_its_message(monkeypatch, parallel):
    monkeypatch.setenv("BESTSERVICE_PARALLEL", parallel)
    with pytest.raises((RuntimeError, ValueError), match="ไฟล์เสีย"):
        background.Job(_fails, "ไฟล์เสีย").result()


def _numbered(prefix: str, items) -> list[str]:
    return [f"{prefix}{item}" for item in items]


@pytest.mark.parametrize("parallel", ["1", "0"])
def test_a_stream_job_gets_everything_sent_in_order_until_closed(monkeypatch, parallel):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BESTSERVICE_PARALLEL", parallel)
    job = background.Job(_numbered, "page-", stream=True)
    for n in range(5):
        job.send(n)
    job.send("ก" * 300_000)  # more than a pipe holds
    job.close()
    assert job.result() == [*(f"page-{n}" for n in range(5)), "page-" + "ก" * 300_000]


def _waits_for(flag: str, items) -> str:
    """Reads nothing until `flag` exists (at most 10 s): tells whether the sender had to wait for it."""
    for _ in range(1000):
        if os.path.exists(flag):
            return "sender went on" if sum(len(item) for item in items) == 2_000_000 else "lost data"
        time.sleep(0.01)
    return "sender blocked until the job read"


def test_sending_to_a_busy_job_does_not_hold_up_the_build(monkeypatch, tmp_path):
    """The main process hands pages to the search index while generating them: a job that is still
    busy (not reading) must not make send() wait, or the build would run one thing at a time."""
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BESTSERVICE_PARALLEL", "1")
    flag = tmp_path / "sent"
    job = background.Job(_waits_for, str(flag), stream=True)
    job.send("x" * 1_000_000)
    job.send("y" * 1_000_000)
    flag.touch()
    job.close()
    assert job.result() == "sender went on"


def test_a_cancelled_job_stops(monkeypatch):
    """mkdocs serve: a build that failed leaves its job behind; the next build stops it."""
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BESTSERVICE_PARALLEL", "1")
    job = background.Job(_numbered, "never-", stream=True)  # waits for a stream that never closes
    job.cancel()
    assert not job.process.is_alive()


def _dies_in_a_child(parent: int, items) -> list:
    if os.getpid() != parent:
        os._exit(1)  # killed, out of memory...: no word to the parent
    return list(items)


def test_a_job_whose_process_dies_is_done_in_place_with_all_it_was_sent(monkeypatch):
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BESTSERVICE_PARALLEL", "1")
    job = background.Job(_dies_in_a_child, os.getpid(), stream=True)
    for batch in (["a", "b"], ["c"]):
        job.send(batch)
    job.close()
    assert job.result() == [["a", "b"], ["c"]], "the build must still get its index when the second process dies"


def test_nothing_stays_frozen_once_every_job_is_collected(monkeypatch):
    """Jobs freeze the parent's objects for the collector while they run (gc.freeze before fork);
    once the build has collected them all, the objects are the collector's again, so a long
    `mkdocs serve` session does not keep every earlier build's content."""
    monkeypatch.setattr(background.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BESTSERVICE_PARALLEL", "1")
    first, second = background.Job(_pid_and_square, 2), background.Job(_numbered, "x-", stream=True)
    assert gc.get_freeze_count() > 0
    assert first.result()[1] == 4
    assert gc.get_freeze_count() > 0, "another job still runs: its inherited objects stay frozen"
    second.close()
    assert second.result() == []
    assert gc.get_freeze_count() == 0
    background.Job(_numbered, "y-", stream=True).cancel()
    assert gc.get_freeze_count() == 0, "a cancelled job counts as collected"
