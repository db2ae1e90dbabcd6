"""Independent parts of a build, run in a second process while MkDocs renders the pages.

The search index of the generated pages and the similar-check data need only the content, which is
known before MkDocs renders anything, and rendering takes about as long. With more than one core
each runs in a forked process (nothing is copied in: the child inherits the parent's memory) and
the hook collects the result after the build. With one core, where fork is missing (Windows), or
with BESTSERVICE_PARALLEL=0, the work runs in place. The result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import Any


def parallel() -> bool:
    return os.environ.get("BESTSERVICE_PARALLEL", "1") != "0" and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class Job:
    """`function(*args)` started now; `result()` waits for it (and raises what it raised)."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self.function, self.args = function, args
        self.process = None
        if parallel():
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=_run, args=(sender, function, args), daemon=True)
            self.process.start()
            sender.close()

    def result(self) -> Any:
        if self.process is None:
            return self.function(*self.args)
        try:
            ok, value = self.receiver.recv()
        except EOFError:  # the child died without a word (killed, out of memory): do it here
            ok, value = True, self.function(*self.args)
        finally:
            self.receiver.close()
            self.process.join()
        if not ok:
            raise RuntimeError(value)
        return value


def _run(sender, function, args) -> None:
    try:
        sender.send((True, function(*args)))
    except BaseException:  # reported to the parent, which raises it in the build
        sender.send((False, traceback.format_exc()))
    finally:
        sender.close()
