"""MkDocs glue for what no page may publish (hooks/core/unsafe.py) and page templates that do
not exist: build errors at the Markdown file and line, reported together once the language's
pages are rendered (MkDocs renders every page's Markdown before its templates: on_env)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hooks import serve_state, state
from hooks.core.frontmatter import FrontMatter, FrontMatterError, parse
from hooks.core.problems import Problem
from hooks.core.unsafe import at_lines, find_unsafe

_problems: list[Problem] = []


def _display(page: Page, config: MkDocsConfig) -> str:
    root = Path(config.config_file_path).parent
    path = Path(page.file.abs_src_path or Path(config.docs_dir) / page.file.src_uri)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _front_matter_lines(page: Page) -> FrontMatter | None:
    try:
        return parse(page.file.content_string)
    except (FrontMatterError, UnicodeDecodeError, OSError):
        return None


@event_priority(100)  # the author's HTML, before the hooks add their own (header, JSON-LD)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by:  # pages the hooks make hold no author HTML of their own
        return html
    found = find_unsafe(html, allow_scripts=state.settings.allow_scripts)
    if found:
        meta = _front_matter_lines(page)
        first_line = meta.body_line if meta else 1
        _problems.extend(at_lines(found, page.markdown or "", _display(page, config), first_line))
    return html


@event_priority(100)
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    for file in files.documentation_pages():
        page = file.page
        name = page.meta.get("template") if page is not None else None
        if not name:
            continue
        try:
            env.get_template(str(name))
        except jinja2.TemplateNotFound:
            problem = f"no template {str(name)!r} in the theme or overrides/"
        except jinja2.TemplateError as error:
            problem = f"template {str(name)!r} cannot be used: {error}"
        else:
            continue
        meta = _front_matter_lines(page)
        _problems.append(
            Problem(
                _display(page, config),
                meta.line_of("template") if meta else 1,
                "template",
                problem,
                "the name of a template under overrides/ (e.g. main.html), or no template:",
            )
        )
    if _problems:
        problems = sorted(set(_problems))
        _problems.clear()
        state.fail(problems)
    return env


def pending_problems() -> list[Problem]:
    """What the pages rendered since the last report refuse (hooks/quick.py asks, where no
    build reports them)."""
    return sorted(set(_problems))


serve_state.services["unsafe"] = pending_problems
