from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from hooks.core.links_check import (
    UNREACHABLE,
    BuiltSite,
    Finding,
    Overwritten,
    Source,
    _ancestors,
    _folder_of,
    _reuse_key,
    assumed_base,
    check,
    coverage,
    linking_to,
    resolve,
)
from hooks.core.links_external import Cache, Checker, ExternalOptions, Result, retry_after_seconds
from hooks.core.links_extract import (
    CONTENT,
    COPIES_END,
    COPIES_START,
    Link,
    collector_paused,
    extract,
    packed,
    srcset_urls,
    unpacked,
)
from hooks.core.links_report import github_annotations, summary, to_sarif
from hooks.core.links_source import (
    Includes,
    locate,
    matches,
    same_target,
    scan,
    scan_fenced,
    scan_rewritten,
)
from hooks.core.unsafe import find_unsafe
from tests.support import free_port


def page(body: str, lang: str = "es", head: str = "") -> str:
    return (
        f'<html lang="{lang}"><head>{head}</head><body><header class="md-header">'
        f'<a href="../">home</a></header><article>{body}</article></body></html>'
    )


def test_extract_origins_ids_and_hreflang() -> None:
    html = page(
        '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><p><a href="x/">x</a></p>'
        '<header class="post-header"><a href="y/">y</a></header><img src="i.png">',
        head='<link rel="alternate" hreflang="en" href="https://s/en/">',
    )
    links = extract(html, "posts/p/")
    assert links.lang == "es" and "a" in links.ids
    assert links.hreflang == {"en": "https://s/en/"}
    origins = {link.url: (link.origin, link.index) for link in links.links}
    assert origins["x/"] == (CONTENT, 0)
    assert origins["i.png"] == (CONTENT, 1)
    assert origins["#a"][0] == "extension: toc (permalink)"
    assert origins["y/"][0] == "hooks/blog.py (post header)"
    assert origins["../"][0] == "theme: partials/header.html"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A link that carries a container's class is that container's, as are its images.
        ('<a class="series-box" href="x">x</a>', {"x": "hooks/blog.py (series box)"}),
        (
            '<a class="post-end" href="z"><img src="i.png"></a>',
            {"z": "overrides/partials/blog/post-end.html (end of post)"}
            | {"i.png": "overrides/partials/blog/post-end.html (end of post)"},
        ),
        # Classes split at ASCII whitespace only, as a class selector reads them.
        ('<div class="x\u00a0post-end"><a href="y">y</a></div>', {"y": CONTENT}),
        (
            '<nav class="md-nav\tmd-nav--primary"><a href="n">n</a></nav>',
            {"n": "theme: partials/nav.html"},
        ),
        # The innermost container names the emitter.
        (
            '<div class="doc-contents"><nav class="series-box"><a href="w">w</a></nav></div>',
            {"w": "hooks/blog.py (series box)"},
        ),
    ],
)
def test_the_container_that_emitted_a_link(body: str, expected: dict[str, str]) -> None:
    links = extract(page(body), "posts/p/")
    origins = {link.url: link.origin for link in links.links if link.url in expected}
    assert origins == expected


def test_copies_a_template_marks_are_not_parsed_again() -> None:
    """A parallel view repeats both posts' links (checked on the posts): only its own links
    (the columns' headers) are the view's; an author cannot use the marker to hide links."""
    html = page(
        '<div class="parallel-text"><p><a href="../">own column</a></p>'
        f'{COPIES_START}<p id="es-a"><a href="../../otro/">copy</a></p>{COPIES_END}'
        '<p><a href="../../en/posts/p/">other column</a></p>'
        f"{COPIES_START}<p><a href='#es-a'>copy 2</a></p>{COPIES_END}</div>"
    )
    links = extract(html, "posts/p/paralelo/")
    assert [(link.url, link.origin) for link in links.links] == [
        ("../", "theme: partials/header.html"),
        ("../", "hooks/parallel_text.py (parallel view)"),
        ("../../en/posts/p/", "hooks/parallel_text.py (parallel view)"),
    ]
    assert "es-a" not in links.ids
    found = find_unsafe(f"<p>Text</p>{COPIES_START}<p><a href='x.md'>x</a></p>")
    assert [unsafe.needle for unsafe in found] == [COPIES_START.lower()]
    assert find_unsafe(f"<p>a</p>{COPIES_END}")


def test_pages_linking_to_an_id_a_rebuilt_page_lost() -> None:
    """`mkdocs serve` rebuilds one post whose heading was renamed: the pages that link to
    that post with a fragment are checked again (and the check finds the dead anchor)."""
    before = extract(page('<h2 id="seccion-1">S</h2>'), "posts/a/")
    now = extract(page('<h2 id="seccion-nueva">S</h2>'), "posts/a/")
    linking = extract(page('<p><a href="../a/#seccion-1">a</a></p>'), "posts/b/")
    plain = extract(page('<p><a href="../a/">a</a> <a href="../c/#x">c</a></p>'), "posts/c/")
    home = extract(page('<p><a href="posts/a/index.html#seccion-1">a</a></p>'), "")
    pages = {"posts/a/": now, "posts/b/": linking, "posts/c/": plain, "": home}
    site = BuiltSite(pages, {f"{url}index.html" for url in pages}, "")
    assert linking_to(site, {"posts/a/": before}, {"posts/a/": now}) == {"posts/b/", ""}
    assert linking_to(site, {"posts/a/": now}, {"posts/a/": now}) == set()  # no id lost
    assert linking_to(site, {"posts/a/": None}, {"posts/a/": now}) == set()  # a new page
    only = {"posts/a/"} | linking_to(site, {"posts/a/": before}, {"posts/a/": now})
    findings, _ = check(site, only)  # (the header's "../" has no page in this small site)
    anchors = [(f.url, f.kind) for f in findings if "#" in f.url]
    assert sorted(anchors) == [
        ("../a/#seccion-1", "missing-anchor"),
        ("posts/a/index.html#seccion-1", "missing-anchor"),
    ]


def test_scan_finds_every_written_url_outside_code() -> None:
    text = (
        '---\ntitle: t\n---\n[a](a.md) ![i](img/x.png "t")\n'
        "`[no](code.md)`\n```\n[no](fence.md)\n```\n<a href='raw/'>r</a> <https://e.org>\n"
        "[ref]: ref.md\n"
    )
    found = [(s.url, s.line, s.col) for s in scan(text)]
    assert found == [
        ("a.md", 4, 5),
        ("img/x.png", 4, 16),
        ("raw/", 9, 10),
        ("https://e.org", 9, 23),
        ("ref.md", 10, 8),
    ]


def test_links_in_custom_fences_are_a_last_resort() -> None:
    """Only blocks of the given custom fences ('md-render', '{.md-render}') are read; a
    'text' block showing the same source is code, and bare '../' or 'index.md' name no page."""
    text = (
        "```text\n[a](https://e.org/a)\n```\n"
        "```md-render\n[a](https://e.org/a) [i](index.md) [b](b.md#x)\n```\n"
        "~~~{.md-render title='x'}\n[c](#c)\n~~~\n"
        "[d](https://e.org/d)\n"
    )
    found = [(link.url, link.line, link.col, link.via) for link in scan_fenced(text, ["md-render"])]
    assert found == [
        ("https://e.org/a", 5, 5, "fenced block"),
        ("b.md#x", 5, 40, "fenced block"),
        ("#c", 8, 5, "fenced block"),
    ]
    assert scan_fenced(text, []) == []


def test_magiclink_commit_discussion_and_provider_shorthands() -> None:
    """pymdown-extensions' docs: a commit's hash, a comparison, a discussion (?12) and a
    mention on another provider, each matched to the link magiclink renders."""
    sha, other = (
        "478b410a2199d55f3e70b452516511d3810c61a5",
        "90b6fb8711e75732f987982cc024e9bb0111beac",
    )
    text = f"Fixed ({sha}), see {sha}...{other}, ?5800 and (@bitbucket:ned/coveragepy).\n"
    written = {link.url: link for link in scan(text)}
    repo = "https://github.com/facelessuser/pymdown-extensions"
    assert matches(written[sha], f"{repo}/commit/{sha}")
    assert not matches(written[sha], f"{repo}/commit/{other}")
    assert matches(written[f"{sha}...{other}"], f"{repo}/compare/{sha}...{other}")
    assert matches(written["?5800"], f"{repo}/discussions/5800")
    assert matches(written["@bitbucket:ned/coveragepy"], "https://bitbucket.org/ned/coveragepy")
    # A repository alone or with its provider, GitLab's /-/ paths.
    text = f"backrefs!4, gitlab:pycqa/infrastructure!1 and facelessuser/backrefs@{sha}.\n"
    written = {link.url: link for link in scan(text)}
    assert matches(written["backrefs!4"], "https://github.com/facelessuser/backrefs/pull/4")
    assert not matches(written["backrefs!4"], "https://github.com/facelessuser/wcmatch/pull/4")
    # mdx_gh_links (MkDocs' docs) makes 'RTD#1480' the text 'RTD' and its own issue '#1480'.
    written = {link.url: link for link in scan("Fixed (#721 and RTD#1480).\n")}
    assert matches(written["RTD#1480"], "https://github.com/mkdocs/mkdocs/issues/1480")
    assert not matches(written["RTD#1480"], "https://github.com/mkdocs/mkdocs/issues/148")
    written = {link.url: link for link in scan(text)}
    gitlab = "https://gitlab.com/pycqa/infrastructure/-/merge_requests/1"
    assert matches(written["gitlab:pycqa/infrastructure!1"], gitlab)
    at = written[f"facelessuser/backrefs@{sha}"]
    assert matches(at, f"https://github.com/facelessuser/backrefs/commit/{sha}")
    assert not matches(at, f"{repo}/commit/{sha}")  # another repository
    assert not [link for link in scan("See [a](page.md#9).\n") if link.kind]  # a fragment
    # A hash inside a URL or a word is no shorthand.
    assert not [link for link in scan(f"[x](https://e.org/{sha}) a{sha}\n") if link.kind]


def test_reference_definitions_as_python_markdown_reads_them() -> None:
    """Material's docs: a label defined twice (the last definition is the one rendered), a
    use before ':' at a line's end or start, and a definition whose URL is on the next
    line (after a blank line it is no definition)."""
    text = (
        "A [widget] and an [sheet]:\n"
        "\n"
        "  [widget]: #old\n"
        "[sheet]:\n"
        "\n"
        "[next]:\n"
        "    https://e.org/next\n"
        "See [next].\n"
        "  [widget]: #new\n"
        "  [sheet]: css.md#extra\n"
    )
    uses = [(link.url, link.line, link.col) for link in scan(text) if link.line in (1, 4, 8)]
    assert uses == [
        ("#new", 1, 3),
        ("css.md#extra", 1, 19),
        ("css.md#extra", 4, 1),
        ("https://e.org/next", 8, 5),
    ]
    # An indented code example is no definition (one under an admonition is); adversarial
    # runs of brackets and blanks scan in linear time.
    example = "See [docs].\n\n    [docs]: other.md\n\n[docs]: missing.md\n"
    assert [link.url for link in scan(example)] == ["missing.md", "missing.md"]
    boxed = "!!! note\n\n    See [x].\n\n    [x]: in.md\n"
    assert [(link.url, link.line) for link in scan(boxed)] == [("in.md", 3), ("in.md", 5)]
    for hostile in ("[a]:" + " " * 20000, "[\n" * 20000, "    [a]: x\n" * 5000):
        started = time.perf_counter()
        scan(hostile)
        assert time.perf_counter() - started < 1, hostile[:10]


def test_autorefs_uses_as_api_docs_write_them() -> None:
    """openai-agents-python's shapes: a use before ':' (a list of options), the identifier in
    code (`[`agents.x`][]`), a definition labelled in code, and an alias autorefs resolves
    to the object's own path; a shortcut before ':' stays a definition."""
    text = (
        "-   [`model`][agents.run.RunConfig.model]: the model.\n"
        "See [`agents.function_schema`][] and [`Multi`][agents.MultiProvider].\n"
        "[`cfg`]: https://e.org/cfg\n"
        "Read [`cfg`] and [`Other`][agents.other.Thing].\n"
    )
    found = [(link.url, link.line, link.col, link.kind) for link in scan(text)]
    assert found == [
        ("agents.run.RunConfig.model", 1, 5, "autoref"),
        ("agents.function_schema", 2, 5, "autoref"),
        ("agents.MultiProvider", 2, 38, "autoref"),
        ("https://e.org/cfg", 3, 10, ""),
        ("https://e.org/cfg", 4, 6, ""),
        ("agents.other.Thing", 4, 18, "autoref"),
    ]
    alias = next(link for link in scan(text) if link.url == "agents.MultiProvider")
    assert matches(
        alias, "../ref/models/multi_provider/#agents.models.multi_provider.MultiProvider"
    )
    assert not matches(alias, "../ref/x/#other.models.MultiProvider")  # another package
    assert not matches(alias, "../ref/x/#agents.models.SingleProvider")
    run = next(link for link in scan("[`M`][agents.run.ModelInputData]\n"))
    assert matches(run, "../ref/run_config/#agents.run_config.ModelInputData")
    # Two objects of one name: each link at the use that names it exactly.
    both = scan("See [pkg.models.Config][] and [pkg.settings.Config][].\n")
    rendered = [Link("../api/#pkg.settings.Config", "a", "content", 0)]
    assert locate(rendered, both)[0].col == 31


def test_links_a_hook_wrote_are_at_the_place_it_changed() -> None:
    """scan_rewritten: the Markdown as hooks handed it on, placed in the file. Front matter
    gone, a line rewritten in its middle, a line added, a line removed, and a U+2028 (a line
    break to str.splitlines, not to Markdown) before them."""
    text = (
        "---\ntitle: x\n---\n\n# T\u2028 [u](u.md)\n\n"
        "See [a](a.md) <!-- md:version 9 --> and [b](b.md)\n"
        "<!-- md:gone -->\n\n<!-- md:flag -->\n[c](c.md)\n"
    )
    markdown = (
        "\n# T\u2028 [u](u.md)\n\n"
        'See [a](a.md) [9](log.md#9 "Minimum") and [b](b.md)\n'
        "\n[flag](conv.md#flag)\nadded [e](e.md)\n[c](c.md)\n"
    )
    places = [
        (link.url, link.line, link.col, link.via)
        for link in scan_rewritten(text, markdown, "hook h.py")
    ]
    assert places == [
        ("u.md", 5, 10, ""),
        ("a.md", 7, 9, ""),
        ("log.md#9", 7, 15, "hook h.py"),
        ("b.md", 7, 45, ""),  # where the author wrote it, after the comment
        ("conv.md#flag", 10, 1, "hook h.py"),
        ("e.md", 10, 1, "hook h.py"),  # a line the hook added: at the line it replaced
        ("c.md", 11, 5, ""),
    ]
    # Nothing changed: the same places as the file's own scan.
    body = text.split("---\n", 2)[2]
    assert scan_rewritten(text, body, "hook h.py") == scan(text)
    # static-i18n hands every page on split into lines and joined without the last end.
    single = "---\ntitle: x\n---\n\nSee [the section](tres.md#one).\n"
    assert scan_rewritten(single, "See [the section](tres.md#one).", "plugin i18n") == scan(single)
    # A page a plugin rewrote whole (a template engine) is placed line by line, quickly.
    long = "".join(f"{{{{ x }}}} [l{n}](p{n}.md)\n" for n in range(3000))
    rewritten = "".join(f"X [l{n}](p{n}.md)\n" for n in range(3000))
    started = time.perf_counter()
    placed = scan_rewritten(long, rewritten, "plugin macros")
    assert time.perf_counter() - started < 2
    assert [(link.line, link.col, link.via) for link in placed[:2]] == [(1, 14, ""), (2, 14, "")]
    assert scan_rewritten("", rewritten, "plugin macros") == []  # the file gone: unknown
    # A hook adds a legend before a list and expands a shortcode on each item: each item
    # stays the author's, at its own line (the pairing that keeps most of the file's text).
    text = "Intro.\n\n- [one](1.md) <!-- md:flag -->\n- [two](2.md) <!-- md:flag -->\n"
    markdown = (
        "Intro.\n\n- [legend](legend.md)\n"
        "- [one](1.md) [flag](conv.md#flag)\n- [two](2.md) [flag](conv.md#flag)\n"
    )
    placed = [
        (link.url, link.line, link.col, link.via) for link in scan_rewritten(text, markdown, "h")
    ]
    assert placed == [
        ("legend.md", 2, 1, "h"),  # added: at the line before it
        ("1.md", 3, 9, ""),
        ("conv.md#flag", 3, 15, "h"),
        ("2.md", 4, 9, ""),
        ("conv.md#flag", 4, 15, "h"),
    ]
    # Long pages of blank-separated paragraphs, a line in fifty changed: bounded time.
    lines = ["" if n % 2 else f"Paragraph {n} with [link](p{n}.md)." for n in range(20000)]
    changed = [line + (" [v](c.md)" if n % 100 == 0 else "") for n, line in enumerate(lines)]
    started = time.perf_counter()
    scan_rewritten("\n".join(lines) + "\n", "\n".join(changed) + "\n", "h")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("written", "rendered", "same"),
    [
        ("../fuentes.md#x", "../../fuentes/#x", True),
        ("posts/a.md", "posts/a/", True),
        ("index.md", "./", True),
        ("img.png", "../img.png", True),
        ("a.md#x", "../a/#y", False),
        ("a.md", "../b/", False),
        ("https://e.org/a", "https://e.org/a/", True),
        ("https://e.org/a", "https://e.org/b", False),
    ],
)
def test_same_target(written: str, rendered: str, same: bool) -> None:
    assert same_target(written, rendered) is same


def test_locate_follows_order_and_reference_definitions() -> None:
    links = extract(
        page('<a href="../a/">1</a><a href="../a/">2</a><a href="../r/">3</a>'), "p/"
    ).links
    sources = scan("[1](a.md)\n[3][r]\n[2](a.md)\n\n[r]: r.md\n")
    located = locate(links, sources)
    assert [(located[i].line, located[i].url) for i in range(3)] == [
        (1, "a.md"),
        (3, "a.md"),
        (5, "r.md"),
    ]


def site_of(
    pages: dict[str, str], files: set[str] = frozenset(), url: str = "https://s.org/b/"
) -> BuiltSite:
    pages = {"": page(""), **pages}  # the home page the theme header links to
    extracted = {u: extract(h, u) for u, h in pages.items()}
    all_files = set(files) | {("" if u == "" else u) + "index.html" for u in pages}
    return BuiltSite(
        extracted,
        all_files,
        url,
        {u: Source(f"docs/{u.rstrip('/') or 'index'}.md", content="") for u in pages},
    )


def sarif_fingerprints(findings: list[Finding]) -> list[dict[str, str]]:
    return [r["partialFingerprints"] for r in to_sarif(findings)["runs"][0]["results"]]


def kinds(site: BuiltSite) -> list[tuple[str, str]]:
    findings, _ = check(site)
    return sorted((f.kind, f.url) for f in findings)


def test_hreflang_must_exist_and_point_back() -> None:
    alt = '<link rel="alternate" hreflang="{}" href="https://s.org/b/{}">'
    site = site_of(
        {
            "a/": page("", head=alt.format("en", "en/a/") + alt.format("es", "a/")),
            "en/a/": page("", "en", head=alt.format("es", "a/")),  # does not list itself: fine
            "c/": page("", head=alt.format("en", "en/missing/")),
            "d/": page("", head=alt.format("en", "en/a/")),  # en/a/ does not point back to d/
        }
    )
    assert [k for k in kinds(site) if k[0].startswith("hreflang")] == [
        ("hreflang-not-reciprocal", "https://s.org/b/en/a/"),
        ("hreflang-target-missing", "https://s.org/b/en/missing/"),
    ]


@pytest.mark.parametrize(
    ("href", "ok"),
    [
        ("mailto:ana@example.org", True),
        ("mailto:a@b.co,c@d.org?subject=x", True),
        ("mailto:", False),
        ("mailto:ana@", False),
        ("mailto:ana example.org", False),
    ],
)
def test_mailto(href: str, ok: bool) -> None:
    assert (kinds(site_of({"a/": page(f'<a href="{href}">m</a>')})) == []) is ok


def test_external_links_are_collected_not_checked() -> None:
    findings, external = check(site_of({"a/": page('<a href="https://example.org/x">x</a>')}))
    assert findings == [] and [use.url for use in external] == ["https://example.org/x"]


def test_own_absolute_urls_are_internal() -> None:
    assert kinds(site_of({"a/": page('<a href="https://s.org/b/a/">self</a>')})) == []
    assert kinds(site_of({"a/": page('<a href="https://s.org/b/zz/">x</a>')})) == [
        ("missing-target", "https://s.org/b/zz/")
    ]


def test_reports() -> None:
    findings, _ = check(
        site_of({"a/": page('<a href="#nope">x</a>'), "b/": page('<a href="../a/#nope">x</a>')})
    )
    text = summary(findings)
    assert text.startswith("Link check: 2 problem(s) on 2 page(s)")
    lines = github_annotations(findings)
    assert lines[0].startswith("::error file=docs/a.md,title=Broken link%3A missing-anchor::")
    # An unreachable host is a warning, in the annotations as in SARIF.
    offline = replace(findings[0], kind=UNREACHABLE)
    assert github_annotations([offline])[0].startswith("::warning file=docs/a.md,")
    assert to_sarif([offline])["runs"][0]["results"][0]["level"] == "warning"
    assert summary([]) == "Link check: no problems."


def valid_sarif(log: dict) -> list[str]:
    """What a SARIF 2.1.0 consumer requires of the parts we write (the OASIS standard's
    sarifLog, run, toolComponent, reportingDescriptor, result, physicalLocation and region
    objects); the list of violations, empty when valid."""
    errors = []
    json.dumps(log, allow_nan=False)  # plain JSON
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
        errors.append("sarifLog: version 2.1.0 and runs[] required")
    for run in log.get("runs", []):
        driver = run.get("tool", {}).get("driver", {})
        if not isinstance(driver.get("name"), str) or not driver["name"]:
            errors.append("run.tool.driver.name required")
        rules = driver.get("rules", [])
        ids = [rule.get("id") for rule in rules]
        if len(set(ids)) != len(ids) or not all(isinstance(i, str) and i for i in ids):
            errors.append("rules: unique non-empty ids")
        if run.get("columnKind") not in (None, "utf16CodeUnits", "unicodeCodePoints"):
            errors.append("run.columnKind")
        for result in run.get("results", []):
            text = result.get("message", {}).get("text")
            if not isinstance(text, str) or not text:
                errors.append("result.message.text required")
            if result.get("level") not in ("none", "note", "warning", "error"):
                errors.append(f"result.level {result.get('level')!r}")
            index = result.get("ruleIndex")
            if index is not None and (index >= len(ids) or ids[index] != result.get("ruleId")):
                errors.append("result.ruleIndex does not name result.ruleId")
            for fingerprint in result.get("partialFingerprints", {}).values():
                if not isinstance(fingerprint, str):
                    errors.append("partialFingerprints: strings")
            for location in result.get("locations", []):
                physical = location["physicalLocation"]
                uri = physical["artifactLocation"]["uri"]
                # A relative URI reference (RFC 3986): no scheme, no spaces, no backslashes.
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", uri) or re.search(r"[\s\\]", uri):
                    errors.append(f"artifactLocation.uri {uri!r}")
                region = physical.get("region")
                if region is not None and not (
                    region.get("startLine", 0) >= 1 and region.get("startColumn", 1) >= 1
                ):
                    errors.append(f"region {region}")
    return errors


def test_sarif() -> None:
    findings, _ = check(
        site_of(
            {
                "a/": page('<a href="#nope">x</a><a href="../zz/">y</a>'),
                "b/": page(
                    '<a href="../a/#nope">x</a>',
                    head='<link rel="alternate" hreflang="en" href="../q/">',
                ),
            }
        )
    )
    log = to_sarif(findings, version="1")
    assert valid_sarif(log) == []
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        "hreflang-target-missing",
        "missing-anchor",
        "missing-target",
    ]
    results = run["results"]
    # (The alternate that does not exist is one finding, not also a missing target.)
    assert len(results) == len(findings) == 4
    anchor = next(r for r in results if r["ruleId"] == "missing-anchor")
    assert anchor["level"] == "error"
    assert "no element with id 'nope'" in anchor["message"]["text"]
    # Fingerprints identify the defect: stable across runs, distinct between defects.
    again = to_sarif(check(site_of({"a/": page('<a href="#nope">x</a>')}))[0])
    assert again["runs"][0]["results"][0]["partialFingerprints"] == anchor["partialFingerprints"]
    assert len({json.dumps(r["partialFingerprints"]) for r in results}) == len(results)
    # A path with a space is a valid URI reference; an emitted link is file-level.
    spaced = replace(findings[0], path="docs/mi post.md", line=0, col=0)
    location = to_sarif([spaced])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "docs/mi%20post.md", "uriBaseId": "%SRCROOT%"}
    assert "region" not in location
    # The validator itself fails on what consumers reject.
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"] = {"startLine": 0}
    assert len(valid_sarif(broken)) == 2
    assert to_sarif([])["runs"][0]["results"] == []


# --- external links against a local server ---------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        count = Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        routes = {
            "/ok": (200, {}),
            "/gone": (404, {}),
            "/broken": (500, {}),
            "/r1": (301, {"Location": "/r2"}),
            "/r2": (302, {"Location": "/ok"}),
            "/limited": (429, {"Retry-After": "1"}) if count == 1 else (200, {}),
            "/nohead": (405, {}) if self.command == "HEAD" else (200, {}),
        }
        if self.path == "/slow":
            time.sleep(2)
        status, headers = routes.get(self.path, (200, {}))
        page = b'<html><body><h2 id="here">x</h2></body></html>' if self.path == "/page" else b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if page:
            self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if body:
            self.wfile.write(page)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_external_statuses(server: str, tmp_path: Path) -> None:
    Handler.hits.clear()
    closed = f"http://127.0.0.1:{free_port()}/x"
    options = ExternalOptions(
        timeout=0.5,
        retries=1,
        backoff=0.05,
        cache_path=tmp_path / "c.json",
        exclude=(r"/excluded$",),
    )
    started = time.monotonic()
    results = Checker(options).check_all(
        [
            f"{server}/{p}"
            for p in ("ok", "gone", "broken", "r1", "slow", "limited", "nohead", "excluded")
        ]
        + [closed]
    )
    elapsed = time.monotonic() - started
    status = {url.rsplit("/", 1)[-1]: (r.ok, r.status) for url, r in results.items()}
    assert status["ok"] == (True, 200)
    assert status["gone"] == (False, 404)
    assert status["broken"] == (False, 500)
    assert status["r1"] == (True, 200) and results[f"{server}/r1"].final_url.endswith("/ok")
    assert status["slow"][0] is False and "timed out" in results[f"{server}/slow"].message
    assert status["limited"] == (True, 200)  # waited Retry-After, then succeeded
    assert status["nohead"] == (True, 200)  # HEAD refused, GET accepted
    assert status["x"][0] is False  # closed port
    assert "excluded" not in status
    assert Handler.hits["/broken"] == 2  # one retry after a 5xx
    assert Handler.hits["/gone"] == 1  # a 4xx is final
    assert elapsed < 8
    assert results[f"{server}/gone"].archive_url == f"https://web.archive.org/web/*/{server}/gone"


def test_cache_has_a_maximum_age(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    cache = Cache(path, 60)
    cache.entries["https://e.org/"] = Result("https://e.org/", True, 200, checked_at=1000.0)
    cache.save()
    loaded = Cache.load(path, 60)
    assert loaded.get("https://e.org/", 1059.0) is not None
    assert loaded.get("https://e.org/", 1061.0) is None
    calls = []
    checker = Checker(
        ExternalOptions(cache_path=path, cache_max_age=60),
        fetch=lambda url, method, timeout: calls.append(url) or (200, url, {}),
        clock=lambda: 1030.0,
    )
    checker.check_all(["https://e.org/", "https://f.org/"])
    assert calls == ["https://f.org/"]  # the fresh cached result was reused


def test_retry_after_forms() -> None:
    assert retry_after_seconds("3", 0) == 3
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10
    assert retry_after_seconds("soon", 0) is None


def test_per_host_limit() -> None:
    active: dict[str, int] = {}
    peak: dict[str, int] = {}
    lock = threading.Lock()

    def fetch(url: str, method: str, timeout: float):
        host = url.split("/")[2]
        with lock:
            active[host] = active.get(host, 0) + 1
            peak[host] = max(peak.get(host, 0), active[host])
        time.sleep(0.05)
        with lock:
            active[host] -= 1
        return 200, url, {}

    urls = [f"https://h{n % 2}.org/{n}" for n in range(12)]
    Checker(ExternalOptions(workers=8, per_host=2), fetch=fetch).check_all(urls)
    assert peak == {"h0.org": 2, "h1.org": 2}


def test_relative_alternates_resolve_like_every_link() -> None:
    """static-i18n writes alternates as './', '../../x/', '/base/fr/x/': one resolver."""
    alt = '<link rel="alternate" hreflang="{}" href="{}">'
    site = site_of(
        {
            "x/": page("", "en", head=alt.format("en", "./") + alt.format("fr", "../fr/x/")),
            "fr/x/": page("", "fr", head=alt.format("en", "../../x/") + alt.format("fr", "./")),
            "y/": page("", "en", head=alt.format("fr", "/b/fr/y/")),
            "fr/y/": page("", "fr", head=alt.format("en", "/b/y/")),
        }
    )
    assert [k for k in kinds(site) if k[0].startswith("hreflang")] == []


def test_preconnect_is_not_a_link_and_srcset_candidates_are() -> None:
    head = (
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel="dns-prefetch" href="//x">'
    )
    body = (
        '<img src="a.png" srcset="a.png 1x, b.png 2x"><picture><source srcset="c.webp"></picture>'
    )
    links = extract(page(body, head=head), "p/").links
    assert [link.url for link in links if link.tag != "a"] == ["a.png", "b.png", "c.webp"]
    assert srcset_urls("a.png 1x,b.png 2x, c,d.png 3x") == ["a.png", "b.png", "c,d.png"]


def test_page_index_html_anchor_is_checked() -> None:
    site = site_of(
        {
            "a/": page('<h2 id="ok">x</h2>'),
            "b/": page('<a href="../a/index.html#ok">1</a><a href="../a/index.html#no">2</a>'),
        }
    )
    assert kinds(site) == [("missing-anchor", "../a/index.html#no")]


def test_cross_language_only_to_a_real_translation_and_only_the_authors_link() -> None:
    alt = '<link rel="alternate" hreflang="{}" href="{}">'
    pages = {
        # fr/copy/ is static-i18n's fallback copy of copy/ (the same source file).
        "copy/": page("", "en", head=alt.format("fr", "../fr/copy/")),
        "fr/copy/": page("", "fr", head=alt.format("en", "../../copy/")),
        "real/": page("", "en", head=alt.format("fr", "../fr/real/")),
        "fr/real/": page("", "fr", head=alt.format("en", "../../real/")),
        "fr/p/": page(
            '<a href="../../copy/">c</a><a href="../../real/">r</a>'
            '<a href="../../real/">generated</a>',
            "fr",
        ),
    }
    site = site_of(pages)
    sources = dict(site.sources)
    sources["fr/copy/"] = sources["copy/"]
    sources["fr/p/"] = Source("docs/p.fr.md", content="[c](copy.md) [r](real.md)\n")
    findings, _ = check(replace(site, sources=sources))
    crossing = [(f.url, f.line) for f in findings if f.kind == "cross-language-link"]
    assert crossing == [("../../real/", 1)]


def test_a_link_found_fine_on_one_page_is_judged_again_where_the_rule_differs() -> None:
    """The check remembers the links it found fine, the author's too, by where they resolve
    from; an author's link also by its page's language and by hreflang, on which the
    cross-language rule depends: the same written link, fine on the English page (checked
    first), is still a finding on the French one, and fine there with hreflang."""
    alt = '<link rel="alternate" hreflang="{}" href="{}">'
    pages = {
        "real/": page("", "en", head=alt.format("fr", "../fr/real/")),
        "fr/real/": page("", "fr", head=alt.format("en", "../../real/")),
        "en-page/": page('<a href="../real/">r</a>', "en"),  # (before fr/ in the check's order)
        "fr/p/": page(
            '<a href="../../real/">r</a><a href="../../real/" hreflang="en">r</a>'
            '<a href="../../real/">r</a>',
            "fr",
        ),
    }
    site = site_of(pages)
    sources = dict(site.sources)
    sources["fr/p/"] = Source("docs/p.fr.md", content="[r](real.md) [r](real.md) [r](real.md)\n")
    findings, _ = check(replace(site, sources=sources))
    crossing = [(f.page, f.url) for f in findings if f.kind == "cross-language-link"]
    assert crossing == [("fr/p/", "../../real/"), ("fr/p/", "../../real/")]


def test_external_anchor_and_unreachable_host(server: str) -> None:
    """An anchor missing on a page that answers 200 is a finding; a host name that does
    not resolve is 'unreachable', told apart from a dead link, and not cached."""
    urls = [f"{server}/page#here", f"{server}/page#nope", "http://no-such-host.invalid/x"]
    results = Checker(ExternalOptions(retries=0, timeout=3)).check_all(urls)
    assert results[f"{server}/page#here"].ok
    missing = results[f"{server}/page#nope"]
    assert not missing.ok and missing.status == 200 and "'nope'" in missing.message
    offline = results["http://no-such-host.invalid/x"]
    assert not offline.ok and offline.unreachable and "DNS" in offline.message


def test_a_blog_excerpt_copy_is_reported_once_at_the_posts_line() -> None:
    site = site_of(
        {
            "blog/": page('<article class="md-post--excerpt"><a href="missing/">x</a></article>'),
            "blog/p/": page('<a href="../missing/">x</a>'),
        }
    )
    sources = dict(site.sources)
    sources["blog/p/"] = Source("docs/blog/posts/p.md", content="# P\n\n[x](../missing.md)\n")
    findings, _ = check(replace(site, sources=sources))
    assert [(f.path, f.line, f.pages) for f in findings] == [
        ("docs/blog/posts/p.md", 3, ("blog/", "blog/p/"))
    ]


def test_links_to_posts_whose_url_is_a_slug_map_to_their_line() -> None:
    """Blog post URLs come from dates and titles, not file names: the written .md is
    matched through the source of the page the link leads to. Bare e-mail addresses
    (magiclink) map too."""
    site = site_of(
        {
            "blog/2025/11/05/hello-world/": page("<h1 id='t'>T</h1>"),
            "blog/": page(
                '<a href="2025/11/05/hello-world/#nope">x</a><a href="mailto:a@b.org">m</a>'
            ),
        }
    )
    sources = dict(site.sources)
    sources["blog/2025/11/05/hello-world/"] = Source("docs/blog/posts/zensical.md", content="")
    sources["blog/"] = Source(
        "docs/blog/index.md", content="# Blog\n\n[x](posts/zensical.md#nope) a@b.org\n"
    )
    findings, _ = check(replace(site, sources=sources))
    anchors = [(f.line, f.col) for f in findings if f.kind == "missing-anchor"]
    assert anchors == [(3, 5)]
    assert coverage(replace(site, sources=sources)).mapped == 2


def test_appended_snippets_bring_nested_definitions_and_repo_mentions_map(tmp_path: Path) -> None:
    """pymdown-extensions' docs: auto_append refs.md, which includes links.md (a block of
    snippet names); '@user/repo' is magiclink's repository shorthand."""
    snippets = tmp_path / ".snippets"
    snippets.mkdir()
    (snippets / "refs.md").write_text("--8<--\nlinks.md\n--8<--\n", encoding="utf-8")
    (snippets / "links.md").write_text("[emoji]: https://e.org/emoji\n", encoding="utf-8")
    includes = Includes((str(snippets),), ("refs.md",), str(tmp_path))
    found = scan("Use [emoji] and @PyCQA/flake8.\n", includes)
    assert [(s.url, s.line, s.col) for s in found] == [
        ("https://e.org/emoji", 1, 5),
        ("@PyCQA/flake8", 1, 17),
    ]
    assert matches(found[1], "https://github.com/PyCQA/flake8")


def test_a_default_language_page_is_not_taken_for_a_translation() -> None:
    """The 'give the translated heading the same id' fix is for a page under a language
    folder whose default-language version has the id, not for any page whose URL minus its
    first folder names another page (posts/uno/ is not a translation of uno/)."""
    pages = {
        "posts/uno/": extract(page("<h2 id='a'>A</h2>"), "posts/uno/"),
        "uno/": extract(page("<h2 id='b'>B</h2>"), "uno/"),
        "x/": extract(page('<p><a href="../posts/uno/#b">u</a></p>'), "x/"),
    }
    sources = {
        "posts/uno/": Source("docs/es/posts/uno.md", content="# U\n"),
        "uno/": Source("docs/es/uno.md", content="# U\n"),
        "x/": Source("docs/es/x.md", content="[u](posts/uno.md#b)\n"),
    }
    site = replace(BuiltSite(pages, {f"{u}index.html" for u in pages}, ""), sources=sources)
    findings, _ = check(site, {"x/"})
    anchor = [f for f in findings if f.url.endswith("#b")]
    assert anchor and "has it" not in anchor[0].suggestion, anchor


def test_links_with_one_reuse_key_resolve_alike() -> None:
    """The check takes a link not the author's as fine when one with the same key was: the
    key must never join two links that point at different places."""
    site = site_of({})
    pages = ["", "404.html", "a/", "a/b/", "a/c/", "x.html", "a/b/c/", "en/a/b/", "en/", "a/z.html"]
    urls = [
        "",
        "#",
        "#x",
        "?q=1",
        "?q#x",
        ".",
        "./",
        "..",
        "../",
        "../#x",
        "../../",
        "../../x.css",
        "../../../x.css",
        "../../../../../x.css",
        "../a/",
        "../b/",
        "../b/#y",
        ".././b/",
        "../..//x",
        "../%2e%2e/x",
        "..%2Fx",
        "../a%2F../x",
        "x/",
        "x.html",
        "/b/a/",
        "/b/a/#x",
        "/elsewhere/",
        "https://s.org/b/a/",
        "https://e.org/",
        "mailto:a@b.org",
        " ../x",
        "../#",
        "./#x",
        "../..",
        "../.",
        "./?q",
        "../?q",
        "c/../../x",
        " #x",
        " ?q",
        "\t#x",
        "/x",
        "//e.org/x",
        "..//e.org/x",
        "..///e.org/x",
        " x",
        "../ x",
        "..//x/",
        "../../?q",
    ]
    resolved: dict[tuple[str, str], tuple[object, str, str]] = {}
    for page_url in pages:
        ancestors = _ancestors(_folder_of(page_url))
        assert ancestors[-1] == "" and ancestors[0] == _folder_of(page_url)
        for url in urls:
            key = _reuse_key(page_url, ancestors, url)
            found = resolve(site, page_url, url)
            if key in resolved:
                earlier, where, written = resolved[key]
                assert found == earlier, (key, (where, written), (page_url, url))
            else:
                resolved[key] = (found, page_url, url)
    # It does join the theme's links of every post: the reason it exists.
    assert _reuse_key("posts/a/", _ancestors("posts/a/"), "../../assets/x.css") == (
        "",
        "./assets/x.css",
    )
    assert _reuse_key("posts/b/", _ancestors("posts/b/"), "../../assets/x.css") == (
        "",
        "./assets/x.css",
    )


def test_a_theme_link_is_checked_on_every_page_where_it_points_elsewhere() -> None:
    """The same written theme link, fine from one folder, broken from another, and broken
    from two pages: each page that has it broken counts."""

    def themed(href: str) -> str:
        return (
            f'<html lang="es"><body><nav class="md-nav"><a href="{href}">n</a></nav></body></html>'
        )

    site = site_of(
        {
            "x/": page(""),
            "a/": themed("../x/"),  # x/: there
            "a/b/": themed("../x/"),  # a/x/: missing
            "c/": themed("../../gone.css"),  # gone.css (climbing past the root)
            "d/": themed("../gone.css"),
            "d/e/": themed("../../gone.css"),
        }
    )
    findings, _ = check(site)
    assert sorted((f.kind, f.target, f.url, f.pages) for f in findings) == [
        ("missing-target", "a/x/", "../x/", ("a/b/",)),
        ("missing-target", "gone.css", "../../gone.css", ("c/", "d/", "d/e/")),
    ]


def test_the_collector_is_paused_only_while_links_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading a page's links pauses Python's garbage collector (its passes over a large
    build's heap found nothing of the parse's), and gives it back as it was: on, or off
    when something else had turned it off; an error inside gives it back too."""
    import gc

    seen: list[bool] = []
    assert gc.isenabled()
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    from hooks.core import links_extract

    real_parser = links_extract.LexborHTMLParser

    def parser(html: str) -> object:
        seen.append(gc.isenabled())
        return real_parser(html)

    monkeypatch.setattr(links_extract, "LexborHTMLParser", parser)
    assert extract(page("<a href='x/'>x</a>"), "").links
    assert seen == [False, False] and gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # not turned on behind its owner's back
    finally:
        gc.enable()


def test_packed_pages_come_back_equal() -> None:
    """A forked language's pages reach the checking process as bytes (hooks/links.py)."""
    alt = '<link rel="alternate" hreflang="en" href="../en/a/">'
    body = (
        '<h2 id="h">t</h2><a name="n"></a><a href="../b/#h" hreflang="en">x</a>'
        '<img src="i.png" srcset="i.png 1x, j.png 2x">'
    )
    pages = {
        "a/": extract(page(body, head=alt), "a/"),
        "404.html": extract(page("", "en"), "404.html"),
    }
    assert unpacked(packed(pages)) == pages
    assert [type(link) for link in unpacked(packed(pages))["a/"].links] == [
        type(link) for link in pages["a/"].links
    ]


def test_an_alternate_naming_a_page_of_another_language_is_one_finding_at_the_config() -> None:
    """fr pages built with theme.language en (a theme override, a language the theme lacks):
    every alternate naming them says fr while they say en: one defect, at mkdocs.yml."""
    alt = '<link rel="alternate" hreflang="{}" href="{}">'

    def pair(name: str) -> dict[str, str]:
        head = alt.format("en", f"../{name}/") + alt.format("fr", f"../fr/{name}/")
        back = alt.format("en", f"../../{name}/") + alt.format("fr", "./")
        return {f"{name}/": page("", "en", head=head), f"fr/{name}/": page("", "en", head=back)}

    pages = {**pair("a"), **pair("b"), "fr/": page("", "fr")}
    site = replace(site_of(pages), config_label="docs-project/mkdocs.yml")
    findings, _ = check(site)
    assert [(f.kind, f.path, f.line, len(f.pages)) for f in findings] == [
        ("hreflang-lang-mismatch", "docs-project/mkdocs.yml", 0, 4)
    ]
    assert 'hreflang=fr: the pages these alternates name have <html lang="en">' in str(findings[0])
    # Each page writes its own alternates: one of them shown, the others counted, in the
    # message; the defect's name (a SARIF fingerprint's) holds neither.
    assert findings[0].written == "hreflang=fr"
    assert "(e.g. ../fr/a/, one of 3 alternates)" in findings[0].message  # ../fr/b/, ./
    one_more = {**pages, **pair("c")}
    grown = check(replace(site_of(one_more), config_label="docs-project/mkdocs.yml"))[0]
    assert "one of 4 alternates" in grown[0].message
    assert sarif_fingerprints(grown) == sarif_fingerprints(findings)
    assert findings[0].emitter == "theme.language in mkdocs.yml"
    assert "theme.language fr" in str(findings[0])
    # Region subtags and spellings agree: no finding.
    agreeing = {
        "a/": page("", "pt-BR", head=alt.format("pt-br", "./") + alt.format("en", "../en/a/")),
        "en/a/": page("", "en-GB", head=alt.format("pt_BR", "../../a/") + alt.format("en", "./")),
        "en/": page("", "en"),
    }
    assert kinds(site_of(agreeing)) == []
    # A page named by an alternate that declares no language at all.
    bare = site_of(
        {
            "a/": page("", "en", head=alt.format("de", "../de/a/")),
            "de/a/": '<html><head><link rel="alternate" hreflang="en" href="../../a/"></head>'
            "<body><article>x</article></body></html>",
        }
    )
    assert [(f.kind, "no <html lang>" in f.message) for f in check(bare)[0]] == [
        ("hreflang-lang-mismatch", True)
    ]
    # x-default in any case names no language; a declared language is read trimmed and in
    # any case; a 404 page's alternates name whatever page was built last: none reported.
    heads = [("X-Default", "{}a/"), ("en", "{}a/"), ("fr", "{}fr/a/")]
    spelled = {
        "fr/": page("", "fr"),
        "a/": page("", "en", head="".join(alt.format(c, u.format("../")) for c, u in heads)),
        "fr/a/": page(
            "", " FR ", head="".join(alt.format(c, u.format("../../")) for c, u in heads)
        ),
    }
    assert check(site_of(spelled))[0] == []
    # The x-default alternate is not a way back: fr/a/ naming a/ only as x-default.
    one_way = {**spelled, "fr/a/": page("", "fr", head=alt.format("x-DEFAULT", "../../a/"))}
    assert [f.kind for f in check(site_of(one_way))[0]] == ["hreflang-not-reciprocal"]
    lost = {**spelled, "404.html": page("", "en", head=alt.format("de", "fr/a/"))}
    assert [f.kind for f in check(site_of(lost))[0]] == ["hreflang-not-reciprocal"]


def test_a_hostile_html_lang_stays_text_in_every_report() -> None:
    """<html lang> is copied into the finding: a value carrying markup or a line break must
    not start a new workflow command or reach a report as markup."""
    alt = '<link rel="alternate" hreflang="{}" href="{}">'
    hostile = '"><script>alert(1)</script>\n::error::forged'
    site = site_of(
        {
            "a/": page("", "en", head=alt.format("de", "../de/a/")),
            "de/a/": f"<html lang='{hostile}'><head>{alt.format('en', '../../a/')}</head>"
            "<body><article>x</article></body></html>",
            "de/": page("", "de"),
        }
    )
    findings, _ = check(site)
    assert [f.kind for f in findings] == ["hreflang-lang-mismatch"]
    assert "<script>alert(1)</script>" in findings[0].message
    lines = github_annotations(findings)
    # The break is escaped: '::error::forged' stays inside the one command's message.
    assert len(lines) == 1 and "\n" not in lines[0] and "%0A::error::forged" in lines[0], lines
    # The build's log line and the summary: one line each, the break shown as \\n.
    assert "\n" not in str(findings[0]) and "\\n::error::forged" in str(findings[0])
    assert not [line for line in summary(findings).splitlines() if line.startswith("::")]
    # SARIF is JSON: the text as it was.
    sarif = json.loads(json.dumps(to_sarif(findings)))
    assert "<script>alert(1)</script>\n" in sarif["runs"][0]["results"][0]["message"]["text"]


def test_a_url_wrapped_over_lines_is_read_as_browsers_read_it() -> None:
    """Browsers drop tabs and line breaks from a URL: a raw-HTML link wrapped in its
    attribute works, and a finding about one stays one line."""
    site = site_of(
        {
            "x/": page(""),
            "a/": page('<a href="../\nx/">ok</a><a href="../mis\r\nsing/">broken</a>'),
        }
    )
    findings, _ = check(site)
    assert [(f.kind, f.url) for f in findings] == [("missing-target", "../missing/")]


def test_without_site_url_the_path_absolute_links_assume_is_taken_and_told_once() -> None:
    """A GitHub Pages project site works at /proj/ without site_url: its '/proj/...' links
    are checked under /proj/, and the missing site_url is one finding at mkdocs.yml."""
    alt = '<link rel="alternate" hreflang="{}" href="{}">'
    homes = alt.format("en", "/proj/") + alt.format("ja", "/proj/ja/")
    pages = {
        "": page('<a href="/proj/guide/">g</a> <a href="/proj/gone/">x</a>', "en", homes),
        "ja/": page("", "ja", homes),
        "guide/": page("", "en"),
        "404.html": page('<link href="/assets/main.css">', "en", alt.format("ja", "/ja/")),
    }
    site = site_of(pages, {"assets/main.css"}, url="")
    assert assumed_base(site) == "/proj/"
    site = replace(site, assumed_base="/proj/", repo_url="https://github.com/Acme/proj.git")
    findings, _ = check(site)
    assert sorted((f.kind, f.url) for f in findings) == [
        ("missing-target", "/proj/gone/"),
        ("site-url-missing", "/proj/"),
    ]
    missing = next(f for f in findings if f.kind == "site-url-missing")
    assert missing.path == "mkdocs.yml" and not missing.line
    assert "https://acme.github.io/proj/" in missing.suggestion
    # The 404 page's links written from / (MkDocs does so without site_url) are its part.
    assert "404 page's 2 links written from /" in missing.message, missing.message
    # `mkdocs serve` checks some pages only: a whole-site defect is not told there.
    assert [f.kind for f in check(site, only={""})[0]] == ["missing-target"]
    # With site_url set, nothing is assumed.
    assert assumed_base(replace(site, site_url="https://acme.github.io/proj/")) == ""


@pytest.mark.parametrize(
    "links",
    [
        '<a href="/typo/">home</a>',  # one mistyped link to the home page is no site path
        '<a href="/guide/">a top folder of the site</a> <a href="/guide/ja/">x</a>',
        "",
    ],
)
def test_no_path_is_assumed_from_a_stray_absolute_link(links: str) -> None:
    site = site_of({"": page(links, "en"), "guide/": page(""), "ja/": page("")}, url="")
    assert assumed_base(site) == ""


def test_a_page_overwritten_by_another_file_is_one_finding_with_what_it_breaks() -> None:
    """x.md and x/index.md both build /x/: the links that would work with the lost page
    shown are the overwrite's, not defects of their own."""
    alt = '<link rel="alternate" hreflang="{}" href="{}">'
    pages = {
        "a/": page('<a href="../x/#kept">k</a> <a href="../x/#nowhere">n</a>', "en"),
        # The stale page, shown: its alternates name the homes (it has no translation).
        "x/": page("", "en", alt.format("ja", "../ja/")),
        "ja/": page("", "ja"),
        "ja/x/": page("", "ja", alt.format("en", "../../x/")),  # the lost page links back
    }
    lost = Overwritten("x/", "docs/x/index.md", frozenset({"kept"}), (("ja", "../ja/x/"),))
    site = replace(site_of(pages), overwritten=(lost,))
    findings, _ = check(site)
    assert sorted((f.kind, f.url) for f in findings) == [
        ("missing-anchor", "../x/#nowhere"),  # the lost page had no such id either
        ("page-overwritten", "/x/"),
    ]
    overwrite = next(f for f in findings if f.kind == "page-overwritten")
    assert overwrite.path == "docs/x.md"  # the file whose page the site shows
    assert "docs/x/index.md and docs/x.md are both built to /x/" in overwrite.message
    assert "3 links break because of it" in overwrite.message, overwrite.message
    assert "hreflang-not-reciprocal on /ja/x/" in overwrite.message
    # Without the overwrite known, the same link is a missing anchor.
    assert ("missing-anchor", "../x/#kept") in kinds(replace(site, overwritten=()))


def test_hostile_file_names_and_repo_url_stay_one_line_of_text() -> None:
    """An overwritten page's file name and repo_url are the author's: in the report they
    are text on one line (the one escaping path of every finding)."""
    hostile = '"><script>alert(1)</script>\n::error ::x'
    pages = {"x/": page('<a href="/p/x/">x</a> <a href="/p/y/">y</a>', "en"), "y/": page("")}
    lost = Overwritten("x/", f"docs/{hostile}.md", frozenset(), ())
    site = replace(
        site_of(pages, url=""),
        overwritten=(lost,),
        assumed_base="/p/",
        repo_url=f"https://github.com/a/{hostile}",
    )
    findings, _ = check(site)
    assert sorted(f.kind for f in findings) == ["page-overwritten", "site-url-missing"]
    assert all("github.io" not in f.suggestion for f in findings)  # not the project's name
    # (a workflow command is a line starting with '::': the hostile one stays mid-line)
    for line in [*map(str, findings), *github_annotations(findings)]:
        assert "\n" not in line, line
    assert all(line.startswith("::error ") for line in github_annotations(findings))
    assert "<script>" in summary(findings)  # kept as text: nothing renders it as HTML


def test_hostile_hook_block_and_fence_names_stay_one_line_of_text() -> None:
    """The names this checker shows for what wrote a link (a hook's path in mkdocs.yml, a
    `::: name` block) are the author's text: one line in every finding and annotation."""
    hostile = '"><script>alert(1)</script>::error ::x'
    pages = {"x/": page('<a href="missing/">m</a>'), "y/": page('<a href="gone/">g</a>')}
    site = site_of(pages)
    sources = {
        **site.sources,
        "x/": Source(
            "docs/x.md",
            content="# X\n\n<!-- md:x -->\n",
            rewritten="# X\n\n[m](missing/)\n",
            rewritten_by=f"hook {hostile}\nnext line",
        ),
        "y/": Source("docs/y.md", content=f"# Y\n\n::: {hostile}\n"),
    }
    findings, _ = check(replace(site, sources=sources))
    assert sorted((f.path, f.line, f.col) for f in findings) == [
        ("docs/x.md", 3, 1),
        ("docs/y.md", 3, 1),
    ]
    assert all('"><script>' in f.emitter for f in findings)
    for line in [*map(str, findings), *github_annotations(findings)]:
        assert "\n" not in line, line
    assert all(line.startswith("::error ") for line in github_annotations(findings))
