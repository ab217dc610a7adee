"""How link findings reach people: a grouped summary, a JSON file, GitHub annotations, and
SARIF 2.1.0 (code-scanning tools: GitHub's, GitLab's, editors' SARIF viewers)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from hooks.core import links_check as kinds
from hooks.core.links_check import Finding, one_line

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "hooks.links"
# One SARIF rule per kind of finding: what it means, as a code-scanning list shows it.
RULES: dict[str, str] = {
    kinds.MISSING_TARGET: "The link points at a page or file the built site does not have.",
    kinds.MISSING_ANCHOR: "The link's #anchor is no element's id on the target page.",
    kinds.FOLDER_WITHOUT_INDEX: "The link points at a folder that has no index.html.",
    kinds.ABSOLUTE_PATH: "An absolute /path that breaks under the site_url's path.",
    kinds.MARKDOWN_LINK: "A .md link MkDocs did not rewrite (no such page).",
    kinds.HREFLANG_MISSING: "An hreflang alternate points at a page that does not exist.",
    kinds.HREFLANG_NOT_RECIPROCAL: "An hreflang alternate whose page does not point back.",
    kinds.HREFLANG_LANG_MISMATCH: "The pages an hreflang alternate names as one language"
    " declare another (or none) in <html lang>.",
    kinds.CROSS_LANGUAGE: "The link goes to the other language's page, though a translation"
    " exists in the page's own language.",
    kinds.MAILTO: "A malformed mailto: address.",
    kinds.EXTERNAL: "An external link that answers with an error, or an external #anchor"
    " that its page does not have.",
    kinds.UNREACHABLE: "An external host that did not answer (DNS, refused, timeout): not"
    " known to be dead.",
    kinds.PAGE_OVERWRITTEN: "Two Markdown files build the same page: the one built last"
    " overwrites the other.",
    kinds.SITE_URL_MISSING: "site_url is not set, but the site's absolute links assume a path"
    " under which it is served.",
}


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
        lines.append(one_line(f"  {link} [{kind}]{count}: {first.message}"))
        if first.suggestion:
            lines.append(one_line(f"    {first.suggestion}"))
        lines.extend(
            one_line(f"    at {finding.location}{_shown_in(finding)}") for finding in group
        )
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
    """``::error file=…,line=…,col=…::…`` workflow commands (GitHub Actions); ``::warning``
    for an unreachable host."""
    lines = []
    for finding in sorted(findings, key=_order):
        properties = [f"file={_property(finding.path)}"]
        if finding.line:
            properties += [f"line={finding.line}", f"col={finding.col}"]
        properties.append(f"title={_property('Broken link: ' + finding.kind)}")
        # The same level as in SARIF: an unreachable host is a warning.
        lines.append(f"::{_level(finding.kind)} {','.join(properties)}::{_data(_message(finding))}")
    return lines


def _message(finding: Finding) -> str:
    """A finding as one line of text: the link, what is wrong, the fix, who wrote it."""
    text = f"{finding.written or finding.url}: {finding.message}"
    if finding.suggestion:
        text += f"; {finding.suggestion}"
    if finding.emitter != "content":  # also "content via snippet …": where it came from
        text += f" (emitted by {finding.emitter})"
    return text


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return (finding.path, finding.line, finding.col, finding.url, finding.kind)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def to_sarif(findings: Iterable[Finding], version: str = "") -> dict[str, Any]:
    """The findings as one SARIF 2.1.0 run: a rule per kind, a result per defect at its
    Markdown file, line and column (file-level when emitted by a template), the pages and
    languages showing it as properties, and a fingerprint that stays while the defect does.
    Paths are relative to the project folder (``%SRCROOT%``)."""
    ordered = sorted(findings, key=_order)
    used = sorted({f.kind for f in ordered})
    index = {kind: i for i, kind in enumerate(used)}
    rules = [
        {
            "id": kind,
            "shortDescription": {"text": RULES.get(kind, kind)},
            "defaultConfiguration": {"level": _level(kind)},
        }
        for kind in used
    ]
    results = []
    for finding in ordered:
        location: dict[str, Any] = {
            "artifactLocation": {"uri": quote(finding.path, safe="/"), "uriBaseId": "%SRCROOT%"}
        }
        if finding.line:
            location["region"] = {"startLine": finding.line, "startColumn": finding.col or 1}
        text = _message(finding)
        identity = "\0".join((finding.kind, finding.path, finding.written or finding.url))
        results.append(
            {
                "ruleId": finding.kind,
                "ruleIndex": index[finding.kind],
                "level": _level(finding.kind),
                "message": {"text": text},
                "locations": [{"physicalLocation": location}],
                "partialFingerprints": {
                    "linkFinding/v1": hashlib.sha256(identity.encode()).hexdigest()[:32]
                },
                "properties": {
                    "link": finding.url,
                    "written": finding.written,
                    "emitter": finding.emitter,
                    "pages": list(_pages(finding)),
                    "languages": list(finding.languages),
                    "suggestion": finding.suggestion,
                },
            }
        )
    driver: dict[str, Any] = {"name": TOOL_NAME, "rules": rules}
    if version:
        driver["version"] = version
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _level(kind: str) -> str:
    # A host that did not answer is not known to be dead: a warning, not an error.
    return "warning" if kind == kinds.UNREACHABLE else "error"
