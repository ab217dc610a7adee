"""Sorting words as each language's readers expect: case- and accent-insensitive first
("agencias" before "Mad Men", "Ética" among the e's), Spanish "ñ" its own letter after "n",
ties broken by accents, then lower case before upper case.

A small stand-in for the Unicode Collation Algorithm (no ICU here) that agrees with it, and
with the browsers' ``Intl.Collator`` (assets/search.js sorts the search filters so), on the
tags and titles of a blog. Material's tags plugin sorts through :func:`tag_order` and
:func:`listing_order`, reading the language being built from :func:`use_language` (its sort
options take a function of the tag alone).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from typing import Any

# Letters a language sorts apart from their base letter: (base, combining mark).
_OWN_LETTERS: dict[str, set[tuple[str, str]]] = {"es": {("n", "\u0303")}}
_AFTER_BASE = "\U0010ffff"  # sorts after every letter: ñ comes after every n...


@functools.lru_cache(maxsize=65536)  # Material's tags plugin asks again and again
def sort_key(text: str, lang: str) -> tuple[str, str, str]:
    """Key sorting ``text`` in ``lang``: (letters, accents, case)."""
    own = _OWN_LETTERS.get(lang, set())
    decomposed = unicodedata.normalize("NFD", text)
    letters: list[str] = []
    accents: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            if letters and (letters[-1], char) in own:
                letters.append(_AFTER_BASE)
            accents.append(char)
        else:
            letters.append(char.casefold())
            accents.append(" ")
    case = "".join("1" if char.isupper() else "0" for char in decomposed)
    return "".join(letters), "".join(accents), case


def sorted_text(values: list[str] | tuple[str, ...], lang: str) -> list[str]:
    return sorted(values, key=lambda value: sort_key(value, lang))


# ---------------------------------------------------------------------------------------
# Material's tags plugin: sort functions of a tag or a listing item alone


_building: dict[str, Any] = {"lang": "en", "order": {}}


def use_language(lang: str, listing: Mapping[str, int]) -> None:
    """The language being built, and its posts' places in its listing (page URL -> index,
    newest first), for the sort functions below."""
    _building["lang"] = lang
    _building["order"] = dict(listing)


def tag_order(tag: Any, *args: Any) -> tuple[str, str, str]:
    """``tags_sort_by``/``listings_tags_sort_by``: a Material ``Tag`` by its name."""
    return sort_key(str(tag.name), _building["lang"])


def listing_order(mapping: Any) -> tuple[int, tuple[str, str, str]]:
    """``listings_sort_by``: the pages under a tag in the language's listing order (newest
    first), then other pages by title."""
    order: Mapping[str, int] = _building["order"]
    item = mapping.item
    return order.get(item.url, len(order)), sort_key(str(item.title), _building["lang"])
