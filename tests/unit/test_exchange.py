"""hooks/core/exchange.py and forked.alive: what one process of a build hands another
while both run, and how a reader stops waiting."""

from __future__ import annotations

import os
import time
from pathlib import Path

from hooks.core import exchange as exchange_module
from hooks.core.exchange import Exchange
from hooks.core.forked import alive

HOSTILE = '"><script>alert(1)</script>'


def test_a_part_is_received_whole_as_written(tmp_path: Path) -> None:
    exchange = Exchange(tmp_path)
    data = {"posts/a.md": ["digest", f"<p>{HOSTILE}</p>"]}
    assert exchange.publish("es", data)
    assert exchange.receive("es", lambda: True, wait=1.0) == data
    assert sorted(path.name for path in tmp_path.iterdir()) == ["es.json"]  # no .part left


def test_a_part_that_cannot_be_written_is_received_as_nothing_at_once(tmp_path: Path) -> None:
    (tmp_path / "es.json.part").mkdir()  # where it is written first: as on a full disk
    exchange = Exchange(tmp_path)
    assert not exchange.publish("es", {"a": 1})
    started = time.monotonic()
    assert exchange.receive("es", lambda: True, wait=30.0) is None
    assert time.monotonic() - started < 1.0


def test_a_reader_stops_waiting_when_the_writer_dies_or_the_build_ends(tmp_path: Path) -> None:
    exchange = Exchange(tmp_path / "folder")
    exchange.folder.mkdir()
    started = time.monotonic()
    assert exchange.receive("en", lambda: False, wait=30.0) is None  # its writer is dead
    exchange.remove()
    assert exchange.receive("en", lambda: True, wait=30.0) is None  # the folder is gone
    assert time.monotonic() - started < 1.0
    assert Exchange(tmp_path).receive("en", lambda: True, wait=0.05) is None  # the cap


def test_a_part_written_by_another_process_is_waited_for(tmp_path: Path) -> None:
    exchange = Exchange(tmp_path)
    pid = os.fork()
    if pid == 0:  # the writer: its part comes a moment later
        time.sleep(0.2)
        exchange.publish("en", {"late": True})
        os._exit(0)
    try:
        assert exchange.receive("en", lambda: alive(pid), wait=30.0) == {"late": True}
    finally:
        os.waitpid(pid, 0)


def test_an_ended_child_is_seen_ended_and_can_still_be_waited_for() -> None:
    pid = os.fork()
    if pid == 0:
        os._exit(7)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not alive(pid)
    _, status = os.waitpid(pid, 0)  # not reaped by alive()
    assert os.waitstatus_to_exitcode(status) == 7
    assert alive(os.getpid())  # not a child: this process itself
    assert not alive(pid)  # reaped, gone


def test_a_folder_a_killed_build_left_is_removed_by_the_next(tmp_path: Path) -> None:
    """A build killed by a signal leaves its folder (tens of megabytes at 1000 posts per
    language); the next build removes it once its process is gone and it is an hour old,
    and nothing else: not a running build's, not a recent one, not a link, not a stranger."""
    ended = os.fork()
    if ended == 0:
        os._exit(0)
    os.waitpid(ended, 0)  # (reaped: its id names no process now)
    prefix = "parallel-text-"
    old, recent = time.time() - 2 * exchange_module.STALE_AFTER, time.time()
    made = {
        "killed": (f"{prefix}{ended}-abc", old),
        "running": (f"{prefix}{os.getpid()}-abc", old),
        "recent": (f"{prefix}{ended}-def", recent),
        "stranger": ("parallel-text-notapid-abc", old),
        "other": (f"other-{ended}-abc", old),
    }
    for name, stamp in made.values():
        (tmp_path / name).mkdir()
        (tmp_path / name / "es.json").write_text("{}", encoding="utf-8")
        os.utime(tmp_path / name, (stamp, stamp))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x", encoding="utf-8")
    os.symlink(outside, tmp_path / f"{prefix}{ended}-link")
    os.utime(tmp_path / f"{prefix}{ended}-link", (old, old), follow_symlinks=False)
    removed = exchange_module.remove_stale(tmp_path, prefix)
    assert removed == [tmp_path / made["killed"][0]]
    left = sorted(path.name for path in tmp_path.iterdir())
    assert made["killed"][0] not in left
    assert {made[kept][0] for kept in ("running", "recent", "stranger", "other")} <= set(left)
    assert (outside / "keep.txt").exists()


def test_the_folder_is_named_after_the_process_that_made_it() -> None:
    exchange = Exchange.create("parallel-text-test-")
    assert exchange is not None
    try:
        assert exchange.folder.name.startswith(f"parallel-text-test-{os.getpid()}-")
    finally:
        exchange.remove()


def test_a_writer_forked_later_is_known_by_the_lock_it_holds(tmp_path: Path) -> None:
    """A process forked before another is not told its id (hooks/parallel.py forks them one
    after another): the later one holds a lock while it lives, so that its death ends the
    wait for its part at once, also while it is a zombie its parent has not reaped yet (its
    id would still answer to kill(pid, 0))."""
    exchange = Exchange(tmp_path)
    assert exchange.writer_alive("fr", 0)  # not started yet: taken as alive
    ready, go = os.pipe()
    finish_read, finish = os.pipe()
    child = os.fork()
    if child == 0:
        exchange.note_process("fr")
        os.write(go, b"x")
        os.read(finish_read, 1)
        os._exit(0)
    os.read(ready, 1)
    assert exchange.writer_alive("fr", 0)  # running, holding its lock
    os.write(finish, b"x")
    deadline = time.monotonic() + 10
    while os.waitid(os.P_PID, child, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.kill(child, 0)  # a zombie: its id still names a process
    started = time.monotonic()
    assert exchange.receive("fr", lambda: exchange.writer_alive("fr", 0), wait=30.0) is None
    assert time.monotonic() - started < 1.0
    os.waitpid(child, 0)
    (tmp_path / "de.writer").write_text("not locked by anyone", encoding="utf-8")
    assert not exchange.writer_alive("de", 0)  # a lock file nobody holds: no writer
    for descriptor in (ready, go, finish_read, finish):
        os.close(descriptor)
