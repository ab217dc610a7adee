"""Data handed between the processes of one build, while they run: each writes its part
once, to a folder they share; the others wait for it while its writer lives.

hooks/parallel.py builds the languages side by side, each in a process of its own; one
language's pages may show what another's build made (hooks/parallel_text.py: a post's
HTML beside its translation). What a process has finished is written whole (a reader never
sees half a file); where it cannot be written, an empty file says that nothing came, so no
reader waits for it. A build killed by a signal cannot remove its folder (at 1000 posts per
language it holds tens of megabytes of HTML): the next build does, once its maker is gone.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hooks.core.forked import alive

POLL = 0.005  # seconds between two looks for a part not written yet
# A folder left by a build whose process is gone is removed once it is this old (seconds):
# a process of another container, whose id means nothing here, would not lose its folder
# while it runs.
STALE_AFTER = 3600.0
_WRITER = ".writer"  # (a part's name, then this: the lock its writing process holds)
_held: list[int] = []  # the locks this process holds, as the writer of parts


class Exchange:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def create(cls, prefix: str) -> Exchange | None:
        """A new folder in the system's temporary one, named after this process (None where
        none can be made); the folders that builds killed before their end left are removed."""
        remove_stale(Path(tempfile.gettempdir()), prefix)
        try:
            return cls(Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-")))
        except OSError:
            return None

    def publish(self, name: str, data: Any) -> bool:
        """Write ``data`` (JSON) as the part ``name``; False where it could not be written
        (a full disk): then the part is empty, read as nothing."""
        final, written = self.folder / f"{name}.json", self.folder / f"{name}.json.part"
        try:
            written.write_text(json.dumps(data), encoding="utf-8")
            os.replace(written, final)  # whole, or not there
            return True
        except OSError:
            with contextlib.suppress(OSError):
                written.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                final.touch()
            return False

    def note_process(self, name: str) -> None:
        """Say that this process writes the part ``name``, for the processes forked before
        it, which were not told its id: it holds a lock on a file of the folder for as long
        as it lives. The system lets go of it as the process ends, before any parent reaps
        it (a process id would still name an unreaped one, or a newer one)."""
        final = self.folder / f"{name}{_WRITER}"
        written = final.with_name(f"{final.name}.{os.getpid()}")
        try:
            held = os.open(written, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except OSError:
            return
        try:
            fcntl.flock(held, fcntl.LOCK_EX)  # (then put in place: never seen unlocked)
            os.replace(written, final)
        except OSError:  # (a file system without locks: the wait is then the cap's)
            os.close(held)
            with contextlib.suppress(OSError):
                written.unlink()
            return
        _held.append(held)  # open until the process ends

    def writer_alive(self, name: str, pid: int) -> bool:
        """Whether the writer of the part ``name`` may still write it: the process ``pid``,
        or, when that is unknown here (0: forked after this process), the one holding the
        part's lock (a writer not started yet is taken as alive)."""
        if pid:
            return alive(pid)
        try:
            lock = os.open(self.folder / f"{name}{_WRITER}", os.O_RDONLY)
        except OSError:  # not there yet (or the folder is gone: receive stops anyway)
            return True
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True  # held: its writer runs
        except OSError:
            return True
        finally:
            os.close(lock)
        return False

    def receive(self, name: str, writer_alive: Callable[[], bool], wait: float) -> Any:
        """The part ``name``, once written; None when it never will be: its writer has
        died, the folder is gone (the build is over), ``wait`` seconds have passed, or it
        is empty (it could not be written)."""
        path, started = self.folder / f"{name}.json", time.monotonic()
        while not path.exists():
            if not self.folder.is_dir() or not writer_alive():
                break
            if time.monotonic() - started > wait:
                break
            time.sleep(POLL)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not there, or empty
            return None

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_stale(folder: Path, prefix: str, now: float | None = None) -> list[Path]:
    """Remove this user's folders ``prefix<pid>-…`` in ``folder`` (not links to folders)
    whose process is gone and which are older than STALE_AFTER; the removed ones."""
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError):
        for entry in sorted(folder.glob(f"{prefix}*-*")):
            pid = entry.name[len(prefix) :].partition("-")[0]
            if not (pid.isascii() and pid.isdigit() and 0 < len(pid) < 10) or alive(int(pid)):
                continue  # (not a process id, or its build still runs)
            with contextlib.suppress(OSError):
                info = entry.lstat()
                mine = info.st_uid == os.getuid()  # (another user's is theirs to remove)
                if mine and stat.S_ISDIR(info.st_mode) and now - info.st_mtime > STALE_AFTER:
                    shutil.rmtree(entry)
                    removed.append(entry)
    return removed
