"""How link findings reach people: a grouped summary, a JSON file, GitHub annotations."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from hooks.core.links_check import Finding


def summary(findings: Sequence[Finding], external_checked: int | None = None) -> str:
    """Readable end-of-build report: one entry per defect, grouped by broken link, with the
    number of pages that show it."""
    if not findings:
        tail = f"; {external_checked} external URLs checked" if external_checked is not None else ""
        return f"Link check: no problems{tail}."
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in sorted(findings, key=_order):
        groups.setdefault((finding.kind, finding.written or finding.url), []).append(finding)
    pages = len({page for finding in findings for page in _pages(finding)})
    lines = [f"Link check: {len(findings)} problem(s) on {pages} page(s)"]
    for (kind, link), group in groups.items():
        first = group[0]
        shown = {page for finding in group for page in _pages(finding)}
        count = f" (on {len(shown)} pages)" if len(shown) > 1 else ""
        lines.append(f"  {link} [{kind}]{count}: {first.message}")
        if first.suggestion:
            lines.append(f"    {first.suggestion}")
        lines.extend(f"    at {finding.location}{_shown_in(finding)}" for finding in group)
    return "\n".join(lines)


def _pages(finding: Finding) -> tuple[str, ...]:
    return finding.pages or (finding.page,)


def _shown_in(finding: Finding) -> str:
    """', shown in en, fr' for a source shown by several languages (fallback copies), or
    the page count for a defect several pages show."""
    if len(finding.languages) > 1:
        return f" (shown in {', '.join(finding.languages)})"
    if len(finding.pages) > 1:
        return f" (on {len(finding.pages)} pages)"
    return ""


def to_json(findings: Iterable[Finding], external_checked: int | None = None) -> dict[str, Any]:
    items = [
        {
            "kind": f.kind,
            "file": f.path,
            "line": f.line,
            "column": f.col,
            "emitter": f.emitter,
            "page": f.page,
            "pages": list(_pages(f)),
            "languages": list(f.languages),
            "link": f.url,
            "written": f.written,
            "message": f.message,
            "suggestion": f.suggestion,
        }
        for f in sorted(findings, key=_order)
    ]
    return {"problems": items, "count": len(items), "external_checked": external_checked}


def github_annotations(findings: Iterable[Finding]) -> list[str]:
    """``::error file=…,line=…,col=…::…`` workflow commands (GitHub Actions)."""
    lines = []
    for finding in sorted(findings, key=_order):
        properties = [f"file={_property(finding.path)}"]
        if finding.line:
            properties += [f"line={finding.line}", f"col={finding.col}"]
        properties.append(f"title={_property('Broken link: ' + finding.kind)}")
        message = f"{finding.written or finding.url}: {finding.message}"
        if finding.suggestion:
            message += f"; {finding.suggestion}"
        if finding.emitter != "content":
            message += f" (emitted by {finding.emitter})"
        lines.append(f"::error {','.join(properties)}::{_data(message)}")
    return lines


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return (finding.path, finding.line, finding.col, finding.url, finding.kind)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
