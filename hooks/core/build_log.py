"""What `make check` shows of a build's output: every problem, whole, with short paths.

MkDocs logs ``LEVEL -  message``; a message may go on over indented lines (the nav
warning lists its pages that way), and a crash in a hook or plugin is a bare Python
traceback with no level at all. Every warning and error is kept with its continuation
lines, a traceback is kept as a crash (its innermost frame and exception first), and paths
inside the project or the temporary build folder are shown relative.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_RECORD = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s{1,2}(.*)$")
_SHOWN = {"WARNING", "ERROR", "CRITICAL"}
_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<function>.+)$')
_NAV_ITEM = re.compile(r"^(\s+- )(.+)$")
_NAV_WARNING = 'are not included in the "nav" configuration'


@dataclass(frozen=True)
class Paths:
    """How paths are shortened: the project root and docs folder become relative, the
    temporary build folder is shown as the folder `make build` writes."""

    root: str  # absolute project folder
    docs: str  # docs_dir relative to the root, e.g. "docs"
    site: str = ""  # absolute temporary build folder, if any
    site_label: str = "site"

    def shorten(self, text: str) -> str:
        if self.site:
            text = text.replace(self.site.rstrip("/") + "/", self.site_label + "/")
            text = text.replace(self.site.rstrip("/"), self.site_label)
        return text.replace(self.root.rstrip("/") + "/", "")


@dataclass(frozen=True)
class Crash:
    exception: str  # the last line of the traceback, e.g. "KeyError: 'x'"
    where: str  # innermost frame, e.g. "hooks/blog.py:12, in on_nav"
    traceback: tuple[str, ...]


def problems_and_crash(output: str, paths: Paths) -> tuple[list[str], Crash | None]:
    """Every WARNING/ERROR record of ``output`` (continuation lines kept, the nav
    warning's pages shown as project paths), and the traceback if the build crashed."""
    lines = output.splitlines()
    problems: list[str] = []
    crash: Crash | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("Traceback (most recent call last):"):
            end = index + 1
            while end < len(lines) and (
                lines[end].startswith((" ", "\t")) or not lines[end].strip()
            ):
                end += 1
            block = [paths.shorten(text) for text in lines[index : end + 1]]
            if crash is not None:  # chained: "During handling of the above exception..."
                block = [*crash.traceback, "", *block]
            crash = _crash(block)
            index = end + 1
            continue
        record = _RECORD.match(line)
        if record is None or record.group(1) not in _SHOWN:
            index += 1
            continue
        message = [paths.shorten(record.group(2))]
        index += 1
        while index < len(lines) and lines[index].startswith((" ", "\t")):
            message.append(_continuation(lines[index], message[0], paths))
            index += 1
        problems.append("\n".join(message))
    return problems, crash


def _continuation(line: str, first: str, paths: Paths) -> str:
    item = _NAV_ITEM.match(line)
    if item and _NAV_WARNING in first:
        return f"{item.group(1)}{paths.docs}/{item.group(2)}"  # docs-relative in MkDocs' text
    return paths.shorten(line)


def _crash(block: Sequence[str]) -> Crash:
    exception = block[-1].strip() if block else "unknown error"
    frames = [match for text in block if (match := _FRAME.match(text))]
    where = ""
    if frames:
        last = frames[-1]
        where = f"{last['file']}:{last['line']}, in {last['function']}"
    return Crash(exception, where, tuple(block))


def _library(frame: str) -> bool:
    match = _FRAME.match(frame)
    return bool(match) and ("site-packages/" in match["file"] or match["file"].startswith("<"))


def project_frames(traceback: Sequence[str]) -> tuple[list[str], int]:
    """The traceback without the frames of installed libraries (MkDocs, click, runpy...),
    the innermost frame always kept; and how many frames were left out."""
    kept: list[str] = []
    hidden = 0
    frames = [i for i, text in enumerate(traceback) if _FRAME.match(text)]
    last = frames[-1] if frames else -1
    skipping = False
    for index, text in enumerate(traceback):
        if _FRAME.match(text):
            skipping = index != last and _library(text)
            hidden += skipping
        elif not text.startswith("    ") or not text.strip():
            skipping = False  # "Traceback ...", the exception, "During handling ..."
        if not skipping:
            kept.append(text)
    return kept, hidden


def render(problems: Sequence[str], crash: Crash | None) -> list[str]:
    """The lines `make check` prints for a build's problems and crash."""
    shown = list(problems)
    if crash is not None:
        shown.append(
            "The build crashed (a bug in a hook or plugin, not a problem in the content): "
            f"{crash.exception}" + (f"\n  at {crash.where}" if crash.where else "")
        )
        kept, hidden = project_frames(crash.traceback)
        note = f"\n  ({hidden} frames of installed libraries left out)" if hidden else ""
        shown.append("  " + "\n  ".join(kept) + note)
    return shown
