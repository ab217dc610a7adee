"""A synthetic bilingual blog for benchmarks: N posts per language with the real config and hooks.

Each post has ~700 words in headings, paragraphs, a list and a quote, internal links with
anchors to other posts, tags, and every tenth post starts a new series of ten. The text is
deterministic (seeded), so two runs build the same site.

    python bench/synthetic.py OUT_DIR --posts 1000     # writes OUT_DIR/mkdocs.yml and docs/
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hooks.core.stamps import hash_of

REPO = Path(__file__).resolve().parents[1]
WORDS = {
    "es": (
        "cliente servicio atención empresa experiencia calidad equipo producto marca mercado "
        "lealtad confianza promesa respuesta llamada queja solución tiempo valor proceso "
        "persona relación detalle problema costumbre compañía estrategia campaña venta compra "
        "escuchar resolver mejorar cuidar entender medir responder ofrecer cumplir conservar "
        "siempre nunca también además pequeño grande nuevo mejor rápido claro humano"
    ).split(),
    "en": (
        "customer service care company experience quality team product brand market loyalty "
        "trust promise answer call complaint solution time value process person relationship "
        "detail problem habit business strategy campaign sale purchase listen solve improve "
        "keep understand measure respond offer deliver always never also small large new "
        "better fast clear human"
    ).split(),
}
TAGS = {
    "es": [f"tema {n}" for n in range(20)],
    "en": [f"topic {n}" for n in range(20)],
}
SERIES_SIZE = 10


def sentence(rng: random.Random, lang: str, words: int) -> str:
    text = " ".join(rng.choice(WORDS[lang]) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, lang: str, words: int = 60) -> str:
    out, count = [], 0
    while count < words:
        length = rng.randint(8, 16)
        out.append(sentence(rng, lang, length))
        count += length
    return " ".join(out)


def slug(number: int) -> str:
    return f"post-{number:04d}"


def body(rng: random.Random, lang: str, number: int, posts: int) -> str:
    heading = "Sección" if lang == "es" else "Section"
    parts = [paragraph(rng, lang, 90)]
    for section in range(1, 5):
        parts.append(f"## {heading} {section}")
        parts.append(paragraph(rng, lang, 95))
        other = rng.randint(1, posts)
        anchor = f"{heading.lower().replace('ó', 'o')}-{rng.randint(1, 4)}"
        link_text = "otro artículo" if lang == "es" else "another post"
        parts.append(f"{paragraph(rng, lang, 25)} [{link_text}]({slug(other)}.md#{anchor}).")
        if section == 2:
            parts.append("\n".join(f"- {sentence(rng, lang, 8)}" for _ in range(4)))
        if section == 3:
            parts.append(f"> {sentence(rng, lang, 18)}")
    return "\n\n".join(parts) + "\n"


def front_matter(rng: random.Random, lang: str, number: int, source_hash: str = "") -> str:
    title = sentence(rng, lang, 5).rstrip(".")
    description = sentence(rng, lang, 14)
    tags = rng.sample(TAGS[lang], 3)
    lines = [f'title: "{title} {number}"', f'description: "{description}"']
    if lang == "es":
        year, day = 2000 + number % 20, 1 + number % 28
        lines += [f"date: {year}-{1 + number % 12:02d}-{day:02d}", "author: Ana Autora"]
        series = (number - 1) // SERIES_SIZE
        lines += [f"series: serie-{series:03d}"]
    lines.append("tags: [" + ", ".join(tags) + "]")
    if lang == "en":
        lines += [
            "translation:",
            "  from: es",
            f"  source_hash: '{source_hash}'",
        ]  # quoted: it may be all digits
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def registry(posts: int) -> str:
    entries = []
    for series in range((posts + SERIES_SIZE - 1) // SERIES_SIZE):
        entries.append(
            f"serie-{series:03d}:\n"
            f"  name: {{es: Serie {series}, en: Series {series}}}\n"
            f"  description: {{es: Una serie de prueba., en: A test series.}}\n"
        )
    return "".join(entries)


def generate(out: Path, posts: int, hooks: bool = True, seed: int = 7) -> Path:
    """Write the site into ``out``; returns its mkdocs.yml."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    section_pages = {
        "es": ("index.md", "etiquetas.md", "buscar.md"),
        "en": ("index.md", "tags.md", "search.md"),
    }
    for lang, names in section_pages.items():
        (docs / lang / "posts").mkdir(parents=True)
        for name in names:
            shutil.copy(REPO / "docs" / lang / name, docs / lang / name)
    sources = "---\ntitle: {0}\ntranslation_key: sources\n---\n\n# {0}\n"
    (docs / "es" / "fuentes.md").write_text(sources.format("Fuentes"), encoding="utf-8")
    (docs / "en" / "sources.md").write_text(sources.format("Sources"), encoding="utf-8")
    (docs / "series.yml").write_text(registry(posts), encoding="utf-8")
    for lang in ("es", "en"):
        for number in range(1, posts + 1):
            rng = random.Random(f"{seed}-{lang}-{number}")
            # A translation records the version of the original it translates (stamped).
            stamp = hash_of(docs / "es" / "posts" / f"{slug(number)}.md") if lang == "en" else ""
            text = front_matter(rng, lang, number, stamp) + body(rng, lang, number, posts)
            (docs / lang / "posts" / f"{slug(number)}.md").write_text(text, encoding="utf-8")
    config = out / "mkdocs.yml"
    real_hooks = re.findall(r"^  - (hooks/\S+\.py)", (REPO / "mkdocs.yml").read_text(), re.M)
    hook_lines = "".join(f"  - {REPO / hook}\n" for hook in real_hooks) if hooks else " []\n"
    # Without the hooks, the theme overrides (which read what the hooks provide) go too:
    # bare Material + static-i18n.
    overrides = REPO / "overrides"
    if not hooks:
        overrides = out / "no-overrides"
        overrides.mkdir()
    head = f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: docs\n"
    hooks_block = "hooks:" + ("\n" if hooks else "") + hook_lines
    theme = f"theme:\n  custom_dir: {overrides}\n"
    config.write_text(head + hooks_block + theme, encoding="utf-8")
    return config


def add_post(docs: Path, number: int) -> tuple[str, str]:
    """A new post in both languages (its translation stamped), newer than every generated
    one, saved as editors save (a new file moved over the old one); its slug and its
    Spanish title."""
    name, title = f"nuevo-{number}", f"Entrada nueva {number}"
    date = datetime.date(2030, 1, 1) + datetime.timedelta(days=number)
    original = docs / "es" / "posts" / f"{name}.md"
    save(
        original,
        f'---\ntitle: "{title}"\ndescription: "Nueva."\ndate: {date.isoformat()}\n'
        f"author: Ana Autora\ntags: [tema 1]\n---\n\nTexto nuevo.\n",
    )
    save(
        docs / "en" / "posts" / f"{name}.md",
        f'---\ntitle: "New post {number}"\ndescription: "New."\ntags: [topic 1]\n'
        f"translation:\n  from: es\n  source_hash: {hash_of(original)}\n---\n\nNew text.\n",
    )
    return name, title


def save(path: Path, text: str) -> None:
    """As editors save: a new file moved over the old one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def words_per_post(out: Path) -> float:
    files = list((out / "docs" / "es" / "posts").glob("*.md"))
    total = sum(len(f.read_text(encoding="utf-8").split("---", 2)[2].split()) for f in files)
    return total / max(1, len(files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=100)
    parser.add_argument("--no-hooks", action="store_true")
    args = parser.parse_args()
    config = generate(args.out, args.posts, hooks=not args.no_hooks)
    print(f"{config} ({args.posts} posts per language, ~{words_per_post(args.out):.0f} words each)")


if __name__ == "__main__":
    main()
