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
_PROCESS = ".process"  # (a part's name, then this: the note of which process writes it)


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
        """Say which process writes the part ``name`` (this one): for the processes forked
        before it, which were not told its id."""
        self.publish(f"{name}{_PROCESS}", os.getpid())

    def process_of(self, name: str) -> int | None:
        """The id of the process that writes the part ``name``, if it has said it."""
        try:
            pid = json.loads((self.folder / f"{name}{_PROCESS}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else None

    def writer_alive(self, name: str, pid: int) -> bool:
        """Whether the writer of the part ``name`` may still write it: ``pid``, or, when
        that is unknown here (0: forked after this process), the id it noted, if any (a
        writer not started yet is taken as alive)."""
        pid = pid or self.process_of(name) or 0
        return pid == 0 or alive(pid)

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
    """Remove the folders ``prefix<pid>-…`` in ``folder`` (not links to folders) whose
    process is gone and which are older than STALE_AFTER; the removed ones."""
    now = time.time() if now is None else now
    removed = []
    with contextlib.suppress(OSError):
        for entry in sorted(folder.glob(f"{prefix}*-*")):
            pid = entry.name[len(prefix) :].partition("-")[0]
            if not (pid.isascii() and pid.isdigit() and 0 < len(pid) < 10) or alive(int(pid)):
                continue  # (not a process id, or its build still runs)
            with contextlib.suppress(OSError):
                info = entry.lstat()
                if stat.S_ISDIR(info.st_mode) and now - info.st_mtime > STALE_AFTER:
                    shutil.rmtree(entry)
                    removed.append(entry)
    return removed
