"""The same synthetic content built by Hugo and Pelican, beside our build, in one run.

The outside reference for bench/scale.py: the bilingual blog of bench/synthetic.py converted
to a Hugo site (two languages, minimal layouts) and a Pelican site (articles with `Lang:`
translations, the default theme), built with the `hugo` and `pelican` of a separate
environment (`make bench-others` creates it: their pins must not touch the site's). Bare
Material + mkdocs-static-i18n (no hooks, no overrides) is built too: the floor this stack
starts from before any hook runs.

    python bench/others.py --tools .venv-others/bin [--posts 1000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import REPO, generate

HUGO_LAYOUT = {
    "baseof.html": '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta '
    'charset="utf-8"><title>{{ .Title }}</title></head><body><nav>{{ range '
    '.Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}</nav>{{ block '
    '"main" . }}{{ end }}</body></html>',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format '
    '"2006-01-02" }}</time>{{ .Content }}<p>{{ range .Params.tags }}<a href="{{ "tags/" | '
    'relLangURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>{{ range .Translations }}<a '
    'href="{{ .RelPermalink }}">{{ .Language.Lang }}</a>{{ end }}</article>{{ end }}',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article>'
    '<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>'
    "{{ end }}{{ end }}",
}


OURS = "ours (MkDocs + Material + hooks)"
BARE = "bare Material + static-i18n"


def read_posts(docs: Path, lang: str) -> list[tuple[str, dict, str]]:
    posts = []
    for path in sorted((docs / lang / "posts").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        posts.append((path.stem, yaml.safe_load(front), body))
    return posts


def dates(docs: Path) -> dict[str, str]:
    return {slug: str(meta["date"]) for slug, meta, _ in read_posts(docs, "es")}


def hugo_site(docs: Path, out: Path) -> Path:
    known = dates(docs)
    for lang in ("es", "en"):
        for slug, meta, body in read_posts(docs, lang):
            front = {
                "title": meta["title"],
                "date": known[slug],
                "tags": meta.get("tags", []),
                "description": meta["description"],
                "translationKey": slug,
            }
            path = out / "content" / lang / "posts" / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            body = body.replace(".md#", "/#")
            path.write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}", "utf-8")
    for name, text in HUGO_LAYOUT.items():
        (out / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (out / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    (out / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "es"\n'
        "[pagination]\npagerSize = 10\n"
        '[languages.es]\ncontentDir = "content/es"\nweight = 1\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 2\n',
        encoding="utf-8",
    )
    return out


def pelican_site(docs: Path, out: Path) -> Path:
    known = dates(docs)
    for lang in ("es", "en"):
        for slug, meta, body in read_posts(docs, lang):
            date = known[slug]
            date = date if len(date) > 7 else f"{date}-01-01"[:10]
            header = (
                f"Title: {meta['title']}\nDate: {date}\nSlug: {slug}\nLang: {lang}\n"
                f"Tags: {', '.join(meta.get('tags', []))}\nSummary: {meta['description']}\n"
            )
            path = out / "content" / lang / f"{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(header + "\n" + body.replace(".md#", ".html#"), encoding="utf-8")
    (out / "pelicanconf.py").write_text(
        'SITENAME = "Ensayos"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "UTC"\n'
        'DEFAULT_LANG = "es"\nDEFAULT_PAGINATION = 10\nRELATIVE_URLS = True\n'
        # Page 2 of tag "tema 1" would otherwise be tema-12.html, tag "tema 12"'s page.
        "PAGINATION_PATTERNS = ((1, '{url}', '{save_as}'), "
        "(2, '{base_name}/page/{number}/', '{base_name}/page/{number}/index.html'))\n",
        encoding="utf-8",
    )
    return out


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{(done.stdout + done.stderr)[-2000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", type=Path, required=True, help="bin/ with hugo and pelican")
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()
    tools = args.tools.resolve()  # the builds run in their own folders
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = generate(root / "ours", args.posts)
        bare_config = generate(root / "bare", args.posts, hooks=False)
        docs = root / "ours" / "docs"
        hugo = hugo_site(docs, root / "hugo")
        pelican = pelican_site(docs, root / "pelican")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
        results = {}
        for name, mkdocs_yml in ((OURS, config), (BARE, bare_config)):
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(mkdocs_yml)]
            results[name] = timed(command, mkdocs_yml.parent, env)
        results["Hugo"] = timed([str(tools / "hugo"), "--quiet", "-d", "public"], hugo)
        results["Pelican"] = timed(
            [str(tools / "pelican"), "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
            pelican,
        )
        pages = {
            OURS: len(list((root / "ours" / "site").rglob("*.html"))),
            BARE: len(list((root / "bare" / "site").rglob("*.html"))),
            "Hugo": len(list((hugo / "public").rglob("*.html"))),
            "Pelican": len(list((pelican / "output").rglob("*.html"))),
        }
    print(f"{args.posts} posts per language, same content, one run ({time.strftime('%Y-%m-%d')}):")
    for name, seconds in results.items():
        print(f"  {name:<34} {seconds:6.1f} s  {pages[name]:5d} pages")
    pelican, hugo = results["Pelican"], results["Hugo"]
    for name, label in ((OURS, "ours"), (BARE, "bare")):
        ratios = f"x{results[name] / pelican:.2f}   {label} / Hugo: x{results[name] / hugo:.1f}"
        print(f"  {label} / Pelican: {ratios}")


if __name__ == "__main__":
    main()
