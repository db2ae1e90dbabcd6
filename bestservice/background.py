"""Independent parts of a build, run in a second process while MkDocs renders the pages.

The search index, the similar-check data and the open-data files need only the content and the
core's pages, and the main process is busy generating and rendering pages meanwhile. With more than
one core each runs in a forked process (nothing is copied in: the child inherits the parent's
memory) and the hook collects the result at the end. With one core, where fork is missing
(Windows), or with BESTSERVICE_PARALLEL=0, the work runs in place. The result is the same either way.

A job may also take input that comes while it runs (`stream=True`): the function gets a last
argument, an iterator over what the hook `send()`s until it calls `close()` (the search index
reads the generated pages while the main process is still making them).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

END = None  # closes a stream: None is never sent as a value
NICENESS = 10
_running: set = set()  # forked jobs not yet collected: while there are any, what they inherited stays frozen


def parallel() -> bool:
    return os.environ.get("BESTSERVICE_PARALLEL", "1") != "0" and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class Job:
    """`function(*args)` started now; `result()` waits for it (and raises what it raised)."""

    def __init__(self, function: Callable[..., Any], *args: Any, stream: bool = False) -> None:
        self.function, self.args, self.stream = function, args, stream
        self.sent: list = []  # the stream, kept to run in place (references, not copies)
        self.process = None
        if parallel():
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            if stream:
                inbox, outbox = context.Pipe(duplex=False)
                args = (*args, _received(inbox))
            child_closes = (outbox,) if stream else ()  # else a dead parent leaves the child waiting for more
            self.process = context.Process(target=_run, args=(sender, function, args, child_closes), daemon=True)
            # As Python's gc documentation advises before a fork: what exists now (the content, the
            # reference data) lives for the whole build, so neither process's cyclic collector need
            # walk it again and again (a second of a 5,000-project build), and the child's collections
            # leave the pages it shares with the parent untouched.
            gc.freeze()
            _running.add(self)
            self.process.start()
            sender.close()
            if stream:
                inbox.close()
                # sent from a thread: a pipe holds 64 kB, and the child reads when it gets there
                self.outgoing: queue.SimpleQueue = queue.SimpleQueue()
                threading.Thread(target=_send_all, args=(self.outgoing, outbox), daemon=True).start()

    def send(self, value: Any) -> None:
        """One more item of a `stream=True` job's input."""
        self.sent.append(value)
        if self.process is not None:
            self.outgoing.put(value)

    def close(self) -> None:
        """The end of the stream."""
        if self.process is not None:
            self.outgoing.put(END)

    def result(self) -> Any:
        if self.process is None:
            return self._in_place()
        try:
            ok, value = self.receiver.recv()
        except EOFError:  # the child died without a word (killed, out of memory): do it here
            ok, value = True, self._in_place()
        finally:
            self.receiver.close()
            self.process.join()
            _collected(self)
        if not ok:
            raise RuntimeError(value)
        return value

    def _in_place(self) -> Any:
        return self.function(*self.args, *([iter(self.sent)] if self.stream else []))

    def cancel(self) -> None:
        """Stop a job whose result is no longer wanted (a build that failed before collecting it)."""
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        if self.stream and self.process is not None:
            self.outgoing.put(END)  # lets the sending thread finish
        _collected(self)


def _collected(job: Job) -> None:
    """Once no job runs any more, the frozen objects are the collector's again (under `mkdocs serve`
    the next build's content replaces them)."""
    _running.discard(job)
    if not _running:
        gc.unfreeze()


def _received(connection) -> Iterator[Any]:
    while (value := connection.recv()) is not END:
        yield value
    connection.close()


def _send_all(outgoing: queue.SimpleQueue, connection) -> None:
    with contextlib.suppress(OSError):  # the child is gone: result() reports why
        while (value := outgoing.get()) is not END:
            connection.send(value)
        connection.send(END)
    connection.close()


def _run(sender, function, args, child_closes=()) -> None:
    for connection in child_closes:
        connection.close()
    # Below the main process, which renders the pages: jobs fill the cores it leaves idle
    # instead of slowing it down when there are more jobs than free cores.
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    try:
        sender.send((True, function(*args)))
    except BaseException:  # reported to the parent, which raises it in the build
        sender.send((False, traceback.format_exc()))
    finally:
        sender.close()
