"""hooks.core.forked: a function run in a forked copy of the process hands back its value,
its exception and its log lines, and never returns into the caller's code."""

from __future__ import annotations

import gc
import io
import logging
import os
import sys
import time

import pytest

from hooks.core.forked import Changes, ForkedError, changes, fork

LOGGER = "forked-test"


def test_the_value_and_the_log_lines_come_back_in_order() -> None:
    def work() -> object:
        log = logging.getLogger(f"{LOGGER}.child")
        log.info("first")
        log.warning("second %s", "with an argument")
        log.info("Dropped: this prefix is not wanted")
        return {"pid": os.getpid(), "pages": [1, 2, 3]}

    logging.getLogger(LOGGER).setLevel(logging.INFO)
    outcome = fork(work, LOGGER, dropped_prefixes=("Dropped:",)).join()
    assert outcome.error is None
    assert isinstance(outcome.value, dict)
    assert outcome.value["pages"] == [1, 2, 3]
    assert outcome.value["pid"] != os.getpid()  # it really ran elsewhere
    assert outcome.log == [
        (f"{LOGGER}.child", logging.INFO, "first"),
        (f"{LOGGER}.child", logging.WARNING, "second with an argument"),
    ]


def test_the_copy_does_not_change_this_process() -> None:
    state = {"touched": False}

    def work() -> object:
        state["touched"] = True
        return state["touched"]

    assert fork(work, LOGGER).join().value is True
    assert state == {"touched": False}


def test_the_copy_collector_leaves_the_inherited_heap_alone_and_this_one_does_not() -> None:
    inherited = [[number] for number in range(1000)]  # objects the collector tracks

    def work() -> object:
        return gc.get_freeze_count()

    frozen_there = fork(work, LOGGER).join().value
    assert isinstance(frozen_there, int) and frozen_there > len(inherited)
    assert gc.get_freeze_count() == 0  # here every object is collectable again


def test_an_exception_comes_back_with_its_type_and_message() -> None:
    def work() -> object:
        raise ValueError("the English build failed")

    outcome = fork(work, LOGGER).join()
    assert isinstance(outcome.error, ValueError)
    assert str(outcome.error) == "the English build failed"
    assert 'raise ValueError("the English build failed")' in outcome.traceback


def test_an_exception_that_cannot_be_pickled_still_reports_its_traceback() -> None:
    class Local(Exception):  # a class defined in a function cannot be pickled
        pass

    def work() -> object:
        raise Local("unpicklable")

    outcome = fork(work, LOGGER).join()
    assert isinstance(outcome.error, RuntimeError)
    assert "Local: unpicklable" in str(outcome.error)


def test_a_process_that_dies_without_reporting_is_an_error() -> None:
    def work() -> object:
        os._exit(3)

    with pytest.raises(ForkedError, match="exit status 3"):
        fork(work, LOGGER).join()


def test_kill_stops_a_process_whose_work_is_not_wanted() -> None:
    def work() -> object:
        time.sleep(60)
        return None

    started = time.perf_counter()
    forked = fork(work, LOGGER)
    forked.kill()
    assert time.perf_counter() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(forked.pid, os.WNOHANG)  # already reaped
    assert not os.path.exists(forked.result_path)


def test_changes_made_in_the_copy_are_applied_here_and_only_they() -> None:
    shared = {"kept": "a", "replaced": "b", "set equal": "c" * 3, "removed": "d"}
    inherited = dict(shared)  # what the forked process notes as it starts

    def work() -> object:
        shared["replaced"] = "B"
        shared["set equal"] = "".join(["c", "c", "c"])  # another object, the same value
        shared["added"] = "e"
        del shared["removed"]
        return changes(inherited, shared)

    outcome = fork(work, LOGGER).join()
    assert outcome.error is None
    handed = outcome.value
    assert isinstance(handed, Changes)
    assert shared == {"kept": "a", "replaced": "b", "set equal": "ccc", "removed": "d"}
    assert set(handed.updated) == {"replaced", "set equal", "added"}  # "kept": not sent back
    assert handed.removed == ["removed"]
    here = {**shared, "own": "f"}  # this process went on meanwhile: its own entries stay
    handed.apply(here)
    assert here == {"kept": "a", "replaced": "B", "set equal": "ccc", "added": "e", "own": "f"}


def test_a_set_changed_in_the_copy_changes_here_too() -> None:
    shared = {"kept", "removed"}
    inherited = set(shared)

    def work() -> object:
        shared.discard("removed")
        shared.add("added")
        return changes(inherited, shared)

    handed = fork(work, LOGGER).join().value
    assert isinstance(handed, Changes)
    here = {"kept", "removed", "own"}
    handed.apply(here)
    assert here == {"kept", "added", "own"}


def test_the_copy_writes_through_streams_of_its_own(monkeypatch) -> None:
    """A server's thread may be in the middle of a write when a language's process is
    forked: the copy would inherit that stream's buffer with its lock held, and its first
    write or flush would wait for ever. It writes through new stream objects on the same
    file descriptors instead (what it prints still arrives, once)."""
    read_end, write_end = os.pipe()
    inherited = io.TextIOWrapper(io.BufferedWriter(io.FileIO(write_end, "w")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", inherited)
    inherited.write("pending here, ")  # this process's to write, not the copy's

    def work() -> object:
        print("printed there")
        return sys.stdout is not inherited and sys.stdout.fileno() != inherited.fileno()

    try:
        outcome = fork(work, LOGGER).join()
        assert outcome.error is None
        assert outcome.value is True
        inherited.flush()
        inherited.close()
        with os.fdopen(read_end, "rb") as pipe:
            assert pipe.read().decode() == "pending here, printed there\n"
    finally:
        monkeypatch.undo()
