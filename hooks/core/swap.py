"""Replacing a built folder by a new build without ever leaving a half-written one.

The new build goes into a temporary sibling folder (so a rename stays on one file system);
only when it succeeds is it exchanged with the old one, atomically where the kernel offers
``renameat2(RENAME_EXCHANGE)`` (Linux), else by two renames (a moment without the folder,
never a mixed one). A failed build leaves the old folder untouched, and nothing behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class SwapError(Exception):
    """The new folder could not be put in place; the message says where things are."""


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    text, number = ctypes.c_char_p, ctypes.c_int
    renameat2.argtypes = [number, text, number, text, ctypes.c_uint]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0


def swap_in(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target``; the previous ``target`` (if any) is removed."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now holds the previous build
        return
    old = new.with_name(new.name + ".old")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError as error:
        os.rename(old, target)  # put the previous build back
        raise SwapError(f"could not move the new build into {target}: {error}") from None
    shutil.rmtree(old)


def build_then_swap(target: Path, build: Callable[[Path], int]) -> int:
    """Run ``build(folder)`` into a fresh temporary sibling of ``target``; on exit status 0
    swap it in. Returns the build's exit status; ``target`` is untouched unless it is 0."""
    target.parent.mkdir(parents=True, exist_ok=True)
    workspace = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    try:
        new = workspace / target.name
        code = build(new)
        if code == 0:
            if not new.is_dir():
                raise SwapError(f"the build reported success but wrote no {new}")
            swap_in(new, target)
        return code
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
