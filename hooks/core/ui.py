"""Every interface string of the site, per language, in one place.

Hooks use them through :func:`t`; templates get the current language's table as ``ui``.
Adding a language means adding one table here with the same keys (a test checks that).
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "es": {
        "date.unknown": "Fecha desconocida",
        "date.unknown_after": "Fecha desconocida (posterior al {date})",
        "date.unknown_before": "Fecha desconocida (anterior al {date})",
        "date.unknown_between": "Fecha desconocida (entre el {after} y el {before})",
        "date.approximate": "{date} (fecha aproximada)",
        "date.approximate_label": "fecha aproximada",
        "author.unknown": "Autor desconocido",
        "author.by": "Por {author}",
        "source.blog": "Publicado originalmente en el blog «{blog}».",
        "source.blog_platform": "Publicado originalmente en el blog «{blog}» ({platform}).",
        "source.unknown_blog": "Publicado originalmente en un blog cuyo nombre no conocemos.",
        "source.unknown_blog_platform": (
            "Publicado originalmente en un blog de {platform} cuyo nombre no conocemos."
        ),
        "source.more": "Más sobre las fuentes",
        "provenance.title": "Sobre este texto",
        "provenance.date": "Fecha",
        "provenance.author": "Autor",
        "provenance.source": "Fuente",
        "translation.ours": "Traducción nuestra del original en {language}.",
        "translation.read_original": "Leer el original",
        "listing.empty": "Todavía no hay artículos.",
        "listing.title": "Artículos",
        "tags.label": "Etiquetas",
        "lang.es": "español",
        "lang.en": "inglés",
    },
    "en": {
        "date.unknown": "Date unknown",
        "date.unknown_after": "Date unknown (after {date})",
        "date.unknown_before": "Date unknown (before {date})",
        "date.unknown_between": "Date unknown (between {after} and {before})",
        "date.approximate": "circa {date}",
        "date.approximate_label": "approximate date",
        "author.unknown": "Author unknown",
        "author.by": "By {author}",
        "source.blog": "First published on the blog “{blog}”.",
        "source.blog_platform": "First published on the blog “{blog}” ({platform}).",
        "source.unknown_blog": "First published on a blog whose name we do not know.",
        "source.unknown_blog_platform": (
            "First published on a {platform} blog whose name we do not know."
        ),
        "source.more": "More about the sources",
        "provenance.title": "About this text",
        "provenance.date": "Date",
        "provenance.author": "Author",
        "provenance.source": "Source",
        "translation.ours": "Our translation of the {language} original.",
        "translation.read_original": "Read the original",
        "listing.empty": "No posts yet.",
        "listing.title": "Posts",
        "tags.label": "Tags",
        "lang.es": "Spanish",
        "lang.en": "English",
    },
}


def t(lang: str, key: str, **values: str) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    return STRINGS[lang][key].format(**values)
