"""The link checker on small projects shaped like public MkDocs sites nobody here wrote:
`python -m hooks.links path/to/mkdocs.yml` run from elsewhere, planted defects reported once
at their Markdown line, and no false alarm on the valid links around them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.support import run_mkdocs, run_module
from tests.unit.test_links import valid_sarif


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root / "mkdocs.yml"


def check(config: Path, cwd: Path, *args: str) -> tuple[int, dict, str]:
    report = cwd / "report.json"
    done = run_module("hooks.links", str(config), "--json", str(report), *args, cwd=cwd)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    data = json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    return done.returncode, data, output


def located(data: dict) -> list[tuple[str, int, int, str]]:
    return sorted((p["file"], p["line"], p["column"], p["kind"]) for p in data["problems"])


# --- mkdocs-static-i18n's own docs: suffix layout, fallback copies, relative alternates ---

I18N_SUFFIX = {
    "mkdocs.yml": """
        site_name: Suffix
        site_url: https://example.org/base/
        theme:
          name: material
          favicon: images/missing-favicon.png
        plugins:
          - i18n:
              docs_structure: suffix
              fallback_to_default: true
              reconfigure_material: true
              languages:
                - locale: en
                  default: true
                  name: English
                - locale: fr
                  name: Français
        """,
    "docs/index.md": """
        # Home

        [guide](guide.md) [only english](only-en.md) [changelog](changelog.md#v1)
        [broken](guid.md)
        """,
    "docs/index.fr.md": """
        # Accueil

        [guide](guide.md) [seulement en anglais](only-en.md)
        [le guide anglais](../guide/)
        """,
    "docs/guide.md": """
        # Guide

        Back [home](index.md).
        """,
    "docs/guide.fr.md": """
        # Guide (fr)

        Retour [accueil](index.md).
        """,
    "docs/only-en.md": """
        # Only English

        [missing anchor](guide.md#nowhere)
        """,
    "docs/changelog.md": """
        # Changelog

        ## v1
        """,
}


@pytest.fixture(scope="module")
def suffix_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    root = tmp_path_factory.mktemp("suffix")
    config = write(root / "project", I18N_SUFFIX)
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return check(config, elsewhere)


def test_suffix_layout_defects_once_at_their_line(suffix_project) -> None:
    status, data, output = suffix_project
    assert status == 1, output
    assert located(data) == [
        ("docs/index.fr.md", 4, 20, "cross-language-link"),
        ("docs/index.md", 4, 10, "unrewritten-md-link"),
        # The fallback copy shown in fr too: one finding, at the English source.
        ("docs/only-en.md", 3, 18, "missing-anchor"),
        # The favicon: one finding naming mkdocs.yml, not one per page.
        ("mkdocs.yml", 0, 0, "missing-target"),
        # static-i18n points the 404 page's alternates at the last page built: said once.
        ("site/404.html", 0, 0, "hreflang-not-reciprocal"),
    ], output
    by_kind = {p["kind"]: p for p in data["problems"]}
    assert by_kind["missing-anchor"]["languages"] == ["en", "fr"]
    assert by_kind["unrewritten-md-link"]["suggestion"] == "did you mean guide.md?"
    favicon = next(p for p in data["problems"] if p["file"] == "mkdocs.yml")
    assert favicon["emitter"] == "theme.favicon in mkdocs.yml"
    assert len(favicon["pages"]) > 3


def test_suffix_layout_no_false_alarm_on_alternates_and_fallbacks(suffix_project) -> None:
    _, data, output = suffix_project
    # Relative alternates resolve (only the 404 page's are wrong); links to the fallback
    # copy are not cross-language.
    hreflang = [p for p in data["problems"] if p["kind"].startswith("hreflang")]
    assert [p["file"] for p in hreflang] == ["site/404.html"], output
    assert [p["file"] for p in data["problems"] if p["kind"] == "cross-language-link"] == [
        "docs/index.fr.md"
    ]
    assert "linkcheck-" not in output  # never the command's temporary build folder
    assert all(not p["file"].startswith("/") for p in data["problems"])


# --- MkDocs' own docs: mkdocs theme, snippets relative to the project folder, references ---

MKDOCS_THEME = {
    "mkdocs.yml": """
        site_name: Plain
        theme:
          name: mkdocs
        markdown_extensions:
          - toc:
              permalink: true
          - pymdownx.snippets:
              check_paths: true
        """,
    "docs/index.md": """
        # Home

        See [the API][api] and [again][api] and [a third time][API].

        --8<-- "docs/include.txt"

        [srcset](x.md) <img src="img/a.png" srcset="img/a.png 1x, img/missing@2x.png 2x">
        [page html anchor](other/index.html#part) [bad html anchor](other/index.html#nope)
        <a href="mailto:someone at example.org">mail</a>
        <link rel="preconnect" href="https://fonts.example.org">

        [api]: other.md#missing
        """,
    "docs/include.txt": "Included [text](other.md) and [broken](nowhere.md).\n",
    "docs/other.md": """
        # Other

        ## Part
        """,
    "docs/img/a.png": "not really a png",
}


@pytest.fixture(scope="module")
def mkdocs_theme_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    root = tmp_path_factory.mktemp("plain")
    config = write(root / "project", MKDOCS_THEME)
    return check(config, root)


def test_mkdocs_theme_every_use_of_a_reference_and_new_checks(mkdocs_theme_project) -> None:
    status, data, output = mkdocs_theme_project
    assert status == 1, output
    assert located(data) == [
        # Each use of the reference, at the use (not only the first, not the definition).
        ("docs/index.md", 3, 5, "missing-anchor"),
        ("docs/index.md", 3, 24, "missing-anchor"),
        ("docs/index.md", 3, 41, "missing-anchor"),
        ("docs/index.md", 5, 1, "unrewritten-md-link"),  # in the snippet included there
        ("docs/index.md", 7, 10, "unrewritten-md-link"),
        ("docs/index.md", 7, 59, "missing-target"),  # a srcset candidate
        ("docs/index.md", 8, 61, "missing-anchor"),  # page/index.html#anchor
        ("docs/index.md", 9, 10, "invalid-mailto"),
    ], output
    # The snippet was found relative to the project folder (as `mkdocs build` run there).
    assert "The build failed" not in output
    assert "docs/index.md:5:1 (content via snippet docs/include.txt:1): nowhere.md" in output


# --- Material for MkDocs' docs: the blog plugin, whose excerpts copy a post's links ---

MATERIAL_BLOG = {
    "mkdocs.yml": """
        site_name: Blog
        theme:
          name: material
        plugins:
          - blog
        """,
    "docs/index.md": "# Home\n\n[the blog](blog/index.md)\n",
    "docs/blog/index.md": "# Blog\n",
    "docs/blog/posts/first.md": """
        ---
        date: 2024-01-02
        categories:
          - News
        ---

        # First post

        An excerpt with a [broken link](../../nowhere.md) and a [good one](../../index.md).

        <!-- more -->

        The rest, [anchor](#missing).
        """,
}


@pytest.fixture(scope="module")
def blog_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    root = tmp_path_factory.mktemp("blog")
    config = write(root / "project", MATERIAL_BLOG)
    return check(config, root)


def test_blog_excerpt_copies_are_one_finding_at_the_posts_line(blog_project) -> None:
    status, data, output = blog_project
    assert status == 1, output
    assert located(data) == [
        ("docs/blog/posts/first.md", 9, 33, "unrewritten-md-link"),
        ("docs/blog/posts/first.md", 13, 20, "missing-anchor"),
    ], output
    excerpt = next(p for p in data["problems"] if p["kind"] == "unrewritten-md-link")
    # The post, the blog index and its archive and category pages show the excerpt.
    assert "blog/" in excerpt["pages"] and len(excerpt["pages"]) >= 3, excerpt


# --- An API site in three languages (static-i18n folder layout, fallback copies, fixed
# --- language links in extra.alternate, headings translated under their English links) ---

I18N_FOLDER_FIXED_ALTERNATES = {
    "mkdocs.yml": """
        site_name: API
        site_url: https://example.org/docs/
        theme:
          name: material
        plugins:
          - i18n:
              docs_structure: folder
              fallback_to_default: true
              reconfigure_material: false
              languages:
                - locale: en
                  default: true
                  name: English
                - locale: pt
                  name: Português
                - locale: zh
                  name: 中文
        extra:
          alternate:
            - name: English
              link: /docs/
              lang: en
            - name: Português
              link: /docs/pt/
              lang: pt
            - name: 中文
              link: /docs/zh/
              lang: zh
        """,
    "docs/en/index.md": """
        # Home

        [the tab](api/tab.md) [detecting](stealth.md#detecting-overrides)
        """,
    "docs/en/stealth.md": """
        # Stealth

        ## Detecting overrides
        """,
    "docs/en/limits.md": """
        # Limits

        See [detecting overrides](stealth.md#detecting-overrides).
        """,
    "docs/en/api/tab.md": """
        # Tab

        Only in English: [home](../index.md), [stealth](../stealth.md#detecting-overrides).
        """,
    "docs/pt/index.md": """
        # Início

        [a aba](api/tab.md) [detectando](stealth.md#detectando-overrides)
        """,
    "docs/pt/stealth.md": """
        # Stealth

        ## Detectando overrides
        """,
    "docs/pt/limits.md": """
        # Limites

        Veja [detectando overrides](stealth.md#detecting-overrides).
        """,
    "docs/zh/index.md": """
        # 首页

        [标签页](api/tab.md)
        """,
}


@pytest.fixture(scope="module")
def fixed_alternates_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api")


@pytest.fixture(scope="module")
def fixed_alternates_project(fixed_alternates_root: Path) -> tuple[int, dict, str]:
    root = fixed_alternates_root
    config = write(root / "project", I18N_FOLDER_FIXED_ALTERNATES)
    return check(config, root, "--sarif", str(root / "links.sarif"))


def test_fixed_alternates_are_one_finding_at_mkdocs_yml(fixed_alternates_project) -> None:
    status, data, output = fixed_alternates_project
    assert status == 1, output
    assert located(data) == [
        # The English page's fallback copy in pt links the pt page, whose translated
        # heading lost the English id (in zh the linked page is a copy too: no defect).
        ("docs/en/api/tab.md", 3, 49, "missing-anchor"),
        # The English id kept under a translated heading: the translation's line only.
        ("docs/pt/limits.md", 3, 29, "missing-anchor"),
        # reconfigure_material: false keeps theme.language en: the pt and zh pages say
        # <html lang="en"> (as pydoll's do): one defect per language, at the config.
        ("mkdocs.yml", 0, 0, "hreflang-lang-mismatch"),
        ("mkdocs.yml", 0, 0, "hreflang-lang-mismatch"),
        # Every page claims the three homes as its translations: one defect, the config's,
        # the 404 page included (not one finding per page and alternate).
        ("mkdocs.yml", 0, 0, "hreflang-not-reciprocal"),
    ], output
    languages = [p for p in data["problems"] if p["kind"] == "hreflang-lang-mismatch"]
    assert sorted((p["link"], p["emitter"]) for p in languages) == [
        ("/docs/pt/", "theme.language in mkdocs.yml"),
        ("/docs/zh/", "theme.language in mkdocs.yml"),
    ], output
    assert all('<html lang="en">' in p["message"] for p in languages), output
    alternates = next(p for p in data["problems"] if p["kind"] == "hreflang-not-reciprocal")
    assert alternates["emitter"] == "extra.alternate in mkdocs.yml"
    assert alternates["link"] == "/docs/, /docs/pt/, /docs/zh/"
    assert "reconfigure_material: true" in alternates["suggestion"]
    assert "404.html" in alternates["pages"] and len(alternates["pages"]) > 8, alternates
    # The fix for a translated heading that lost the English id is the heading's, not the
    # link's (the fallback copy's link is the English page's too).
    suggestions = {p["file"]: p["suggestion"] for p in data["problems"]}
    expected = "/stealth/ has it: give the translated heading the same id"
    assert suggestions["docs/en/api/tab.md"] == (
        f"{expected} ({{#detecting-overrides}}) in docs/pt/stealth.md"
    )
    assert suggestions["docs/pt/limits.md"] == suggestions["docs/en/api/tab.md"]


def test_fixed_alternates_no_false_alarm_on_fallbacks(fixed_alternates_project) -> None:
    _, data, output = fixed_alternates_project
    # The English-only page shown in pt and zh (fallback copies): its valid links raise
    # nothing; the one broken anchor is reported once, for the pt copy only.
    tab = [p for p in data["problems"] if "api/tab" in p["file"]]
    assert [(p["link"], p["pages"]) for p in tab] == [
        ("../../stealth/#detecting-overrides", ["pt/api/tab/"])
    ], output
    assert not [p for p in data["problems"] if p["kind"] == "cross-language-link"], output


def test_sarif_file_has_each_finding_at_its_line(
    fixed_alternates_project, fixed_alternates_root: Path
) -> None:
    _, data, output = fixed_alternates_project
    log = json.loads((fixed_alternates_root / "links.sarif").read_text(encoding="utf-8"))
    assert valid_sarif(log) == [], log
    results = log["runs"][0]["results"]
    places = sorted(
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"].get("region", {}).get("startLine", 0),
            r["ruleId"],
        )
        for r in results
    )
    assert places == [(f, line, kind) for f, line, _, kind in located(data)], output


# --- A four-language API site on GitHub Pages (openai-agents-python's shape): static-i18n
# folders with the default language at the root, no site_url, fixed absolute alternates,
# and a page moved from x.md to x/index.md with the old file left in two languages ---

PAGES_PROJECT = {
    "mkdocs.yml": """
        site_name: Agents SDK
        repo_url: https://github.com/acme/agents-sdk
        theme:
          name: material
        plugins:
          - search
          - i18n:
              docs_structure: folder
              languages:
                - {locale: en, default: true, name: English, build: true}
                - {locale: ja, name: 日本語, build: true}
                - {locale: zh, name: 简体中文, build: true}
        extra:
          alternate:
            - {name: English, link: /agents-sdk/, lang: en}
            - {name: 日本語, link: /agents-sdk/ja/, lang: ja}
            - {name: 简体中文, link: /agents-sdk/zh/, lang: zh}
        """,
    "docs/index.md": """
        # Agents SDK

        Read about [sessions](sessions/index.md#compaction) and [usage](usage.md).
        The [usage page](/agents-sdk/usage/) and a [lost one](/agents-sdk/nowhere/).
        """,
    "docs/usage.md": """
        # Usage

        See [compaction](sessions/index.md#compaction).
        """,
    "docs/sessions/index.md": """
        # Sessions

        ## Compaction
        """,
    "docs/ja/index.md": """
        # エージェント SDK

        [セッション](sessions/index.md#compaction)
        """,
    "docs/ja/sessions/index.md": """
        # セッション

        ## 圧縮 {#compaction}
        """,
    "docs/ja/sessions.md": """
        # セッション (old)
        """,
    "docs/zh/index.md": """
        # 智能体 SDK

        [会话](sessions/index.md#compaction)
        """,
    "docs/zh/usage.md": """
        # 用量

        参见[压缩](sessions/index.md#compaction)。
        """,
    "docs/zh/sessions/index.md": """
        # 会话

        ## 压缩 {#compaction}
        """,
    "docs/zh/sessions.md": """
        # 会话 (old)

        ## 快速开始
        """,
}


@pytest.fixture(scope="module")
def pages_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    root = tmp_path_factory.mktemp("pages")
    return check(write(root / "project", PAGES_PROJECT), root)


def test_a_site_without_site_url_is_checked_under_the_path_its_links_assume(
    pages_project,
) -> None:
    status, data, output = pages_project
    assert status == 1, output
    assert located(data) == [
        ("docs/index.md", 4, 55, "missing-target"),  # /agents-sdk/nowhere/
        # Both files build /ja/sessions/ (the newer one wins in ja, the stale one in zh:
        # MkDocs' order), so each language's stale file is one finding.
        ("docs/ja/sessions/index.md", 0, 0, "page-overwritten"),
        ("docs/zh/sessions.md", 0, 0, "page-overwritten"),
        ("mkdocs.yml", 0, 0, "site-url-missing"),
    ], output
    problems = {p["kind"] + p["file"]: p for p in data["problems"]}
    # The alternates and the absolute links resolve under /agents-sdk/: no missing homes,
    # no hreflang findings; the missing site_url is told once, with the address to set.
    missing = problems["site-url-missingmkdocs.yml"]
    assert "https://acme.github.io/agents-sdk/" in missing["suggestion"], missing
    assert "assume the site is served under /agents-sdk/" in missing["message"]
    assert "the 404 page's" in missing["message"]  # written from / without site_url
    # In zh the stale page is shown: the links to the lost page's id and the alternates
    # it breaks are that one defect, with the links' lines.
    zh = problems["page-overwrittendocs/zh/sessions.md"]["message"]
    both = "docs/zh/sessions/index.md and docs/zh/sessions.md are both built to /zh/sessions/"
    assert both in zh, zh
    assert "docs/zh/index.md:3:6" in zh and "docs/zh/usage.md:3:8" in zh, zh
    assert "4 links break because of it" in zh, zh
    ja = problems["page-overwrittendocs/ja/sessions/index.md"]["message"]
    assert "docs/ja/sessions.md's is lost" in ja and "break" not in ja, ja


# --- Material's docs: a hook (shortcodes.py) turns comments into links before conversion ---

SHORTCODES_PROJECT = {
    "mkdocs.yml": """
        site_name: Shortcodes
        site_url: https://example.org/
        theme:
          name: material
        hooks:
          - overrides/hooks/shortcodes.py
        """,
    # Shaped like Material's own hook: a comment becomes a badge with a link, in place (the
    # two share their "<"); another inserts a line.
    "overrides/hooks/shortcodes.py": """
        import re


        def on_page_markdown(markdown, page, config, files):
            def expand(match):
                kind, args = match.group(1), match.group(2).strip()
                if kind == "version":
                    anchor = args.replace(".", "")
                    link = f'[:tag: {args}](changelog.md#{anchor} "Minimum version")'
                    return f'<span class="badge" markdown>{link}</span>'
                if kind == "sponsors":
                    return "Sponsors only:\\n[the list](sponsors.md)"
                return match.group(0)

            return re.sub(r"<!-- md:(\\w+)(.*?) -->", expand, markdown)
        """,
    "docs/index.md": """
        ---
        title: Home
        ---

        # Home

        <!-- md:version 1.0 -->
        Since <!-- md:version 9.9 --> see [the guide](guide.md) and [a slip](gide.md).

        <!-- md:sponsors -->
        [Changelog](changelog.md#10)
        """,
    "docs/guide.md": "# Guide\n\n<!-- md:version 1.0 --> [home](index.md)\n",
    "docs/changelog.md": "# Changelog\n\n## 1.0\n",
}


@pytest.fixture(scope="module")
def shortcodes_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, str]:
    root = tmp_path_factory.mktemp("shortcodes")
    return check(write(root / "project", SHORTCODES_PROJECT), root, "--coverage")


def test_links_a_hook_writes_are_at_the_line_it_rewrote(shortcodes_project) -> None:
    status, data, output = shortcodes_project
    assert status == 1, output
    assert located(data) == [
        ("docs/index.md", 8, 7, "missing-anchor"),  # the hook's link, at its comment
        ("docs/index.md", 8, 70, "unrewritten-md-link"),  # the author's, after the comment
        ("docs/index.md", 10, 1, "unrewritten-md-link"),  # on the line the hook added
    ], output
    hook = "content via hook overrides/hooks/shortcodes.py"
    assert f"docs/index.md:8:7 ({hook}): changelog.md#99: no element" in output, output
    by_line = {(p["line"], p["column"]): p for p in data["problems"]}
    assert by_line[(8, 7)]["emitter"] == hook, by_line[(8, 7)]
    assert "hook" not in json.dumps(by_line[(8, 70)]), by_line[(8, 70)]
    # Every content link is at its line: the author's and the hook's, on every page.
    assert "of them mapped to their Markdown line (100.0 %)" in output, output


def test_an_already_built_site_tells_two_files_built_to_one_page(tmp_path: Path) -> None:
    """`--site`: the lost page is gone from disk, so the two files are told from the docs
    folder, without claiming which one the site shows (the page is mapped to the one whose
    links it has, else to the one MkDocs builds last: here, as neither has links,
    x/index.md), and only the alternates on and about the page are folded in."""
    config = write(tmp_path / "project", PAGES_PROJECT)
    built = run_mkdocs(config, tmp_path / "built", strict=False)
    assert built.returncode == 0, built.output
    status, data, output = check(config, tmp_path, "--site", str(tmp_path / "built"))
    assert status == 1, output
    overwritten = [p for p in data["problems"] if p["kind"] == "page-overwritten"]
    assert [(p["file"], p["page"]) for p in overwritten] == [
        ("docs/ja/sessions/index.md", "ja/sessions/"),
        ("docs/zh/sessions/index.md", "zh/sessions/"),
    ], output
    assert all("whichever MkDocs built last" in p["message"] for p in overwritten), output
    # The zh page the site shows is the stale one: its alternates (the language homes) are
    # the overwrite's, not extra.alternate's; the ids it lacks stay findings of their own.
    zh = overwritten[1]["message"]
    assert "2 links break because of it (hreflang-not-reciprocal on /" in zh, zh
    assert located(data) == [
        ("docs/index.md", 4, 55, "missing-target"),
        ("docs/ja/sessions/index.md", 0, 0, "page-overwritten"),
        ("docs/zh/index.md", 3, 6, "missing-anchor"),
        ("docs/zh/sessions/index.md", 0, 0, "page-overwritten"),
        ("docs/zh/usage.md", 3, 8, "missing-anchor"),
        ("mkdocs.yml", 0, 0, "site-url-missing"),
    ], output


# --- pymdown-extensions' docs: a custom fence the project renders as Markdown (its demos) ---

RENDERED_FENCE_PROJECT = {
    "mkdocs.yml": """
        site_name: Demos
        site_url: https://example.org/
        theme:
          name: material
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: md-render
                  class: md-render
                  format: !!python/name:render.md_render
          - commands
        """,
    "render.py": """
        import markdown


        def md_render(source, language, css_class, options, md, **kwargs):
            return '<div class="result">' + markdown.markdown(source) + "</div>"
        """,
    "docs/index.md": """
        # Demos

        ```text
        [the docs](https://e.org/docs/) and [a slip](gide.md)
        ```

        ```md-render
        [the docs](https://e.org/docs/) and [a slip](gide.md)
        ```

        Written outside: [the guide](guide.md).
        """,
    "docs/guide.md": "# Guide\n",
    # A block an extension expands into Markdown of its own (mkdocs-click's shape).
    "docs/cli.md": """
        # CLI

        ::: demo-commands
            :module: demo
        """,
    "commands.py": """
        import re

        from markdown.extensions import Extension
        from markdown.preprocessors import Preprocessor


        class Commands(Preprocessor):
            def run(self, lines):
                text = "\\n".join(lines)
                table = "- [build](#build)\\n- [serve](#sevre)\\n\\n## build\\n\\n## serve"
                block = r"^::: demo-commands\\n    :module: demo"
                return re.sub(block, table, text, flags=re.M).split("\\n")


        class CommandsExtension(Extension):
            def extendMarkdown(self, md):
                md.preprocessors.register(Commands(md), "demo-commands", 50)


        def makeExtension(**kwargs):
            return CommandsExtension(**kwargs)
        """,
}


def test_a_link_a_rendered_fence_writes_is_at_its_line(tmp_path: Path) -> None:
    """Links no occurrence outside code explains are looked for inside the blocks of custom
    fences: the demo's slip is at its line in the rendered fence, not in the text block
    that shows the same source as code. (The fence's own format renders it without MkDocs,
    so its .md link stays as written: a true finding.) Then a page's one `::: name` block,
    which an extension expanded into links of its own."""
    config = write(tmp_path / "project", RENDERED_FENCE_PROJECT)
    status, data, output = check(config, tmp_path, "--coverage")
    assert status == 1, output
    assert located(data) == [
        ("docs/cli.md", 3, 1, "missing-anchor"),  # the block that generated the link
        ("docs/index.md", 8, 46, "unrewritten-md-link"),
    ], output
    emitters = [problem["emitter"] for problem in data["problems"]]
    assert emitters == ["content via ::: demo-commands block", "content via fenced block"]
    assert "of them mapped to their Markdown line (100.0 %" in output, output


def test_an_already_built_site_maps_a_doubled_page_to_the_file_it_shows(tmp_path: Path) -> None:
    """`--site` with `a.md` and `a/index.md`: MkDocs builds the folder's file last, so the
    site shows it, and its broken link is found at its line there."""
    files = {
        "mkdocs.yml": "site_name: Doubled\nsite_url: https://example.org/\n",
        "docs/index.md": "# Home\n\n[a](a/index.md)\n",
        "docs/a.md": "# A (old)\n",
        "docs/a/index.md": "# A\n\nSee [gone](gone.md).\n",
    }
    config = write(tmp_path / "project", files)
    built = run_mkdocs(config, tmp_path / "built", strict=False)
    assert built.returncode == 0, built.output
    status, data, output = check(config, tmp_path, "--site", str(tmp_path / "built"))
    assert status == 1, output
    assert located(data) == [
        ("docs/a/index.md", 0, 0, "page-overwritten"),
        ("docs/a/index.md", 3, 12, "unrewritten-md-link"),
    ], output


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ("site_name: x\nplugins:\n  - no-such-plugin\n", 'The "no-such-plugin" plugin is not'),
        ("site_name: [x\n", "error parsing the configuration file"),
        (None, "does not exist"),
    ],
    ids=["missing plugin", "broken YAML", "no such file"],
)
def test_a_config_that_does_not_load_is_said_so(
    tmp_path: Path, config: str | None, says: str
) -> None:
    """Not a silent status 1: MkDocs' reason, and the file."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# A\n", encoding="utf-8")
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = run_module("hooks.links", str(tmp_path / "mkdocs.yml"), cwd=tmp_path)
    assert done.returncode == 1
    assert says in done.stdout
    assert "MkDocs could not load this configuration" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
