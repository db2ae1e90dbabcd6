"""bestservice.background: build work in a second process, with the same result as in place."""

from __future__ import annotations

import os

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
