"""Run a function in a forked copy of this process; get back its result and its log lines.

The copy shares everything loaded so far (copy-on-write), works on another core, and
reports through a temporary file: the function's return value or its exception, and the
log records it emitted (held back, not printed, so that the caller replays them in order
where the work would have run in this process).
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import os
import pickle
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

LogLine = tuple[str, int, str]  # logger name, level, message
K = TypeVar("K")
V = TypeVar("V")


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None
    log: list[LogLine] = field(default_factory=list)
    traceback: str = ""  # of ``error``, as formatted where it was raised


class ForkedError(RuntimeError):
    """The forked process died without reporting (killed, or crashed in C)."""


class _Recorder(logging.Handler):
    def __init__(self, dropped_prefixes: tuple[str, ...]) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[LogLine] = []
        self.dropped_prefixes = dropped_prefixes

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(self.dropped_prefixes):
            self.lines.append((record.name, record.levelno, message))


@dataclass
class Forked:
    pid: int
    result_path: str

    def join(self) -> Outcome:
        """Wait for the process; its outcome (raises ForkedError if it left none)."""
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:  # reaped meanwhile by kill() (a server shutting down)
            status = 0
        try:
            with open(self.result_path, "rb") as file:
                data = file.read()
            os.unlink(self.result_path)
        except FileNotFoundError:  # (removed by kill())
            data = b""
        if not data:
            raise ForkedError(
                f"the forked process {self.pid} ended without a result "
                f"(exit status {os.waitstatus_to_exitcode(status)})"
            )
        outcome: Outcome = pickle.loads(data)  # noqa: S301 - written by our own fork
        return outcome

    def kill(self) -> None:
        """Stop the process (when its work is no longer wanted) and reap it."""
        try:
            os.kill(self.pid, signal.SIGTERM)  # not SIGKILL: the process may clean up
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        if os.path.exists(self.result_path):
            os.unlink(self.result_path)


def alive(pid: int) -> bool:
    """Whether the process ``pid`` still runs. A child of this process that has ended is
    seen as ended without being reaped: whoever waits for it (:meth:`Forked.join`) still
    gets its status."""
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
    except ChildProcessError:  # not a child of this process
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's: it exists
        pass
    return True


def fresh_streams() -> None:
    """In a forked copy: its own ``sys.stdout`` and ``sys.stderr`` objects on the same file
    descriptors. Another thread of the process that forked (a server's) may have been
    writing to the inherited ones at that moment: their buffer's lock would then stay held
    in the copy, and its first write or flush would wait for ever. The inherited buffers'
    pending bytes are the other process's to write, not written twice."""
    for name, descriptor in (("stdout", 1), ("stderr", 2)):
        inherited = getattr(sys, name)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            descriptor = inherited.fileno()  # (else the process's own)
        try:
            raw = io.FileIO(os.dup(descriptor), "w")
        except OSError:
            continue  # closed: nothing to write to anyway
        setattr(
            sys,
            name,
            io.TextIOWrapper(
                io.BufferedWriter(raw),
                encoding=getattr(inherited, "encoding", None) or "utf-8",
                errors=getattr(inherited, "errors", None) or "backslashreplace",
                line_buffering=bool(getattr(inherited, "line_buffering", False)),
            ),
        )


def fork_frozen() -> int:
    """``os.fork()``, the child's garbage collector leaving every object it inherited alone.
    A collection there would otherwise walk the whole inherited heap, copying it page by page
    (copy on write), and find nothing to free in it: measured, a tenth of the English build
    of a new post at 1000 posts per language. The parent's objects are its collector's again
    once the fork is done (the pattern of Python's ``gc.freeze`` documentation)."""
    gc.freeze()
    pid = os.fork()
    if pid:
        gc.unfreeze()
    return pid


def fork(
    function: Callable[[], object], logger: str, dropped_prefixes: Iterable[str] = ()
) -> Forked:
    """Start ``function`` in a forked process; records of ``logger`` (and its children) are
    recorded there instead of printed, except messages starting with ``dropped_prefixes``."""
    descriptor, result_path = tempfile.mkstemp(prefix="forked-", suffix=".pickle")
    os.close(descriptor)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # or the copy would print this process's pending output again
    pid = fork_frozen()
    if pid:
        return Forked(pid, result_path)
    code = 1
    try:
        fresh_streams()
        recorder = _Recorder(tuple(dropped_prefixes))
        logging.getLogger(logger).handlers = [recorder]
        outcome = Outcome()
        try:
            outcome.value = function()
        except BaseException as error:  # reported to the parent, whatever it is
            outcome.error = error
            outcome.traceback = traceback.format_exc()
        outcome.log = recorder.lines
        try:
            data = pickle.dumps(outcome)
        except Exception:
            unsent = RuntimeError(f"result could not be sent back:\n{outcome.traceback}")
            data = pickle.dumps(Outcome(None, unsent, outcome.log, outcome.traceback))
        with open(result_path, "wb") as file:
            file.write(data)
        code = 0
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(code)  # never back into the caller's code: this copy's work is done


@dataclass
class Changes(Generic[K, V]):
    """What a forked process did to a dict (or a set) it inherited: entries set (a set's
    elements added, as keys), keys removed."""

    updated: dict[K, V] = field(default_factory=dict)
    removed: list[K] = field(default_factory=list)

    def apply(self, target: dict[K, V] | set[K]) -> None:
        """Do the same to ``target`` (the dict or set in the process that forked)."""
        for key in self.removed:
            if isinstance(target, set):
                target.discard(key)
            else:
                target.pop(key, None)
        target.update(self.updated)  # (a set is given the keys)


def changes(before: Mapping[K, V] | set[K], after: Mapping[K, V] | set[K]) -> Changes[K, V]:
    """What turned ``before`` (a shallow copy taken as the forked process started) into
    ``after`` (the dict or set as it left it). A dict's values are compared by identity: one
    set again, even to an equal value, is handed back (cheap to merge, never missed)."""
    if isinstance(after, set):
        return Changes(
            {key: None for key in after if key not in before},  # type: ignore[misc]
            [key for key in before if key not in after],
        )
    missing = object()
    assert isinstance(before, Mapping)
    return Changes(
        {key: value for key, value in after.items() if before.get(key, missing) is not value},
        [key for key in before if key not in after],
    )
