"""Sharing images (Open Graph cards, 1200×630 JPEG): one per post and language, one per
language for the other pages. Pillow draws them with Debian's DejaVu Sans
(fonts-dejavu-core; Pillow's bundled font has no accented letters); identical inputs give
identical bytes, and a card's file name is the hash of everything drawn on it and of the
fonts, so a build reuses the cards it has already made.

(Material's ``social`` plugin is not used: it needs cairo and fonts fetched from the network
at build time, and its cards overwrite each other across mkdocs-static-i18n's languages,
issue #228 of mkdocs-static-i18n.)
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
VERSION = 1  # of the drawing below: a change makes every card anew
CACHE_DIR = ".cache/social-cards"  # beside mkdocs.yml: drawn cards, kept across builds (CI too)
BACKGROUND = (0, 77, 64)  # the site's primary colour (#004d40, docs/assets/site.css)
BAND = (0, 37, 26)  # its dark shade
TEXT = (255, 255, 255)
MUTED = (178, 223, 219)
ACCENT = (255, 138, 101)  # deep orange, the site's accent, light enough on the background


@dataclass(frozen=True)
class Card:
    """What a card shows: all of it raw text."""

    title: str
    site_name: str
    lang: str
    kicker: str = ""  # above the title, e.g. the series and part
    footer: str = ""  # bottom right, e.g. the language's name

    def name(self) -> str:
        """File name: the hash of what is drawn and how (cards are cached by it)."""
        data = json.dumps(
            [VERSION, PIL.__version__, _fonts_digest(), asdict(self)], ensure_ascii=False
        )
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16] + ".jpg"


FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
FONTS = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}


class FontMissing(RuntimeError):
    pass


@functools.cache
def _font_path(weight: str) -> Path:
    for folder in FONT_FOLDERS:
        if (folder / FONTS[weight]).is_file():
            return folder / FONTS[weight]
    raise FontMissing(
        f"{FONTS[weight]} not found in {', '.join(map(str, FONT_FOLDERS))}: the sharing "
        "images need Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core)"
    )


@functools.cache
def _fonts_digest() -> str:
    digest = hashlib.sha256()
    for weight in sorted(FONTS):
        digest.update(_font_path(weight).read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def _font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_font_path(weight)), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit_title(text: str, width: int, max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size (68 down to 40 px) at which ``text`` fits in ``max_lines`` lines; at
    the smallest, the lines that fit, the last one ending in an ellipsis."""
    for size in range(68, 39, -4):
        font = _font(size, "bold")
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines):
            return font, lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    kept[-1] = last + "…"
    return font, kept


def render(card: Card) -> bytes:
    """The card as JPEG bytes (encoding a PNG of it takes five times longer; 4:4:4, so the
    coloured text keeps sharp edges)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=BAND)
    draw.rectangle((0, 0, 16, HEIGHT - 90), fill=ACCENT)
    small = _font(28)
    draw.text((MARGIN, HEIGHT - 45), card.site_name, font=small, fill=MUTED, anchor="lm")
    if card.footer:
        draw.text((WIDTH - MARGIN, HEIGHT - 45), card.footer, font=small, fill=MUTED, anchor="rm")
    width = WIDTH - 2 * MARGIN
    top = MARGIN
    if card.kicker:
        kicker = _font(32)
        draw.text((MARGIN, top), _wrap(card.kicker, kicker, width)[0], font=kicker, fill=ACCENT)
        top += 70
    font, lines = _fit_title(card.title, width, 4 if card.kicker else 5)
    line_height = round(font.size * 1.22)
    for line in lines:
        draw.text((MARGIN, top), line, font=font, fill=TEXT)
        top += line_height
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, subsampling=0, optimize=False)
    return out.getvalue()
