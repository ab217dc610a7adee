"""A synthetic bilingual blog for benchmarks: N posts per language with the real config and hooks.

Each post has ~700 words in headings, paragraphs, a list and a quote, internal links with
anchors to other posts, tags, and every tenth post starts a new series of ten. The text is
deterministic (seeded), so two runs build the same site.

Two kinds of text (``--text``):
- ``uniform`` (the default, of every figure in README but search's second corpus): 50 words
  of the trade, each as frequent as the others. Every query word is then on every page, and
  the whole blog has about 1,100 distinct words (most of them the posts' numbers).
- ``zipf``: words drawn as in natural language (Zipf's law, the r-th most frequent word
  1/r as often as the first) from a lexicon of 22,000: Spanish or English function words
  first, then the trade's words ("cliente" about 1 % of the words, as in the real essays),
  then made-up words of Spanish syllables. 1000 posts give about 22,800 distinct words in
  Spanish; Heaps' law through the real Spanish pages (925 distinct words in 2,955) predicts
  14,000 to 25,000 for that much text, with an exponent of 0.5 to 0.6. This is the
  vocabulary of a grown blog: what the search's word files are measured on.

    python bench/synthetic.py OUT_DIR --posts 1000     # writes OUT_DIR/mkdocs.yml and docs/
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import re
import shutil
import sys
from collections.abc import Callable
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
FUNCTION_WORDS = {
    "es": (
        "de la que el en y a los se del las un por con no una su para es al lo como más o "
        "pero sus le ha me si sin sobre este ya entre cuando todo esta ser son dos también "
        "fue muy hasta desde está mi porque qué sólo han yo hay vez puede todos así nos ni"
    ).split(),
    "en": (
        "the of and to a in is that for it as was with be by on not he this are or his from "
        "at which but have an they you were her she there had one all we can their has been "
        "if more when will would who so no"
    ).split(),
}
LEXICON_SIZE = 22_000
TAGS = {
    "es": [f"tema {n}" for n in range(20)],
    "en": [f"topic {n}" for n in range(20)],
}
SERIES_SIZE = 10


Pick = Callable[[random.Random, int], list[str]]  # n words of a language's text


def uniform(lang: str) -> Pick:
    words = WORDS[lang]
    return lambda rng, n: [rng.choice(words) for _ in range(n)]


def zipf(lang: str) -> Pick:
    """Words as frequent as in natural language (see the module's docstring)."""
    trade = WORDS[lang]
    ranked = [*FUNCTION_WORDS[lang][:8], *trade[:1], *FUNCTION_WORDS[lang][8:10], *trade[1:2]]
    for function_word, trade_word in zip(FUNCTION_WORDS[lang][10:], trade[2:], strict=False):
        ranked += [function_word, trade_word]
    # Each word once, at its first rank ("también" is both a function and a trade word).
    ranked = list(dict.fromkeys([*ranked, *FUNCTION_WORDS[lang], *trade]))
    made_up = random.Random(f"lexicon-{lang}")
    seen = set(ranked)
    while len(ranked) < LEXICON_SIZE:
        syllables = made_up.randint(2, 4)
        word = "".join(made_up.choice(_ONSETS) + made_up.choice(_VOWELS) for _ in range(syllables))
        word += made_up.choice(_CODAS)
        if word not in seen:
            seen.add(word)
            ranked.append(word)
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(ranked) + 1)))
    return lambda rng, n: rng.choices(ranked, cum_weights=weights, k=n)


_ONSETS = "b c d f g j l m n p r s t v ch ll br tr pl cr gr".split()
_VOWELS = "a e i o u ia ue io".split()
_CODAS = ["", "", "", "n", "s", "r", "l"]
TEXTS = {"uniform": uniform, "zipf": zipf}


def sentence(rng: random.Random, pick: Pick, words: int) -> str:
    text = " ".join(pick(rng, words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, pick: Pick, words: int = 60) -> str:
    out, count = [], 0
    while count < words:
        length = rng.randint(8, 16)
        out.append(sentence(rng, pick, length))
        count += length
    return " ".join(out)


def slug(number: int) -> str:
    return f"post-{number:04d}"


def body(rng: random.Random, lang: str, number: int, posts: int, pick: Pick) -> str:
    heading = "Sección" if lang == "es" else "Section"
    parts = [paragraph(rng, pick, 90)]
    for section in range(1, 5):
        parts.append(f"## {heading} {section}")
        parts.append(paragraph(rng, pick, 95))
        other = rng.randint(1, posts)
        anchor = f"{heading.lower().replace('ó', 'o')}-{rng.randint(1, 4)}"
        link_text = "otro artículo" if lang == "es" else "another post"
        parts.append(f"{paragraph(rng, pick, 25)} [{link_text}]({slug(other)}.md#{anchor}).")
        if section == 2:
            parts.append("\n".join(f"- {sentence(rng, pick, 8)}" for _ in range(4)))
        if section == 3:
            parts.append(f"> {sentence(rng, pick, 18)}")
    return "\n\n".join(parts) + "\n"


def front_matter(
    rng: random.Random, lang: str, number: int, pick: Pick, source_hash: str = ""
) -> str:
    title = sentence(rng, pick, 5).rstrip(".")
    description = sentence(rng, pick, 14)
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


def generate(
    out: Path, posts: int, hooks: bool = True, seed: int = 7, text: str = "uniform"
) -> Path:
    """Write the site into ``out``; returns its mkdocs.yml. ``text``: a key of TEXTS."""
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
        pick = TEXTS[text](lang)
        for number in range(1, posts + 1):
            rng = random.Random(f"{seed}-{lang}-{number}")
            # A translation records the version of the original it translates (stamped).
            stamp = hash_of(docs / "es" / "posts" / f"{slug(number)}.md") if lang == "en" else ""
            post = front_matter(rng, lang, number, pick, stamp)
            post += body(rng, lang, number, posts, pick)
            (docs / lang / "posts" / f"{slug(number)}.md").write_text(post, encoding="utf-8")
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
    parser.add_argument("--text", choices=sorted(TEXTS), default="uniform")
    args = parser.parse_args()
    config = generate(args.out, args.posts, hooks=not args.no_hooks, text=args.text)
    print(f"{config} ({args.posts} posts per language, ~{words_per_post(args.out):.0f} words each)")


if __name__ == "__main__":
    main()
