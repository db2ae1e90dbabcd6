"""Modules that others import early must import on their own: an import cycle shows only when a module
is the first one a program imports (bestservice.files and the content package's cache import each other's
neighbours)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["bestservice.files", "bestservice.content.cache", "bestservice.content.document", "bestservice.content.load"])
def test_a_module_imports_first_without_a_cycle(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert done.returncode == 0, f"importing {module} first fails (an import cycle?): {done.stderr[-800:]}"
