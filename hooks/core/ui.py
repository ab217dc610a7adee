"""Every interface string of the site, per language, in one place.

Hooks use them through :func:`t`; templates get the current language's table as ``ui``.
Adding a language means adding one table here with the same keys (a test checks that).
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "es": {
        "date.unknown": "Fecha desconocida",
        "date.unknown_after": "Fecha desconocida (no anterior al {date})",
        "date.unknown_before": "Fecha desconocida (no posterior al {date})",
        "date.unknown_between": "Fecha desconocida (entre el {after} y el {before})",
        "date.approximate": "{date} (fecha aproximada)",
        "date.year_inferred": "{date} (año inferido)",
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
        "translation.untranslated_title": "Traducción pendiente",
        "translation.untranslated": (
            "«{title}» aún no está traducido al {language}. Puedes leer el original en {original}."
        ),
        "translation.stale_title": "Traducción posiblemente desactualizada",
        "translation.stale": (
            "El original en {original} cambió después de esta traducción: puede que no recoja "
            "los últimos cambios."
        ),
        "feed.title": "{site} (RSS)",
        "feed.series_title": "Serie «{series}» (RSS)",
        "notfound.title": "Página no encontrada",
        "notfound.text": (
            "Esta dirección no existe en el sitio. Puede que el artículo se haya movido."
        ),
        "notfound.home": "Ir al inicio",
        "notfound.search": "Buscar en los ensayos",
        "notfound.other": "Page not found? The English version of the site is here:",
        "listing.empty": "Todavía no hay artículos.",
        "listing.reading": "{minutes} min de lectura",
        "listing.draft": "Borrador (solo visible en la vista previa)",
        "listing.newer": "← Más recientes",
        "listing.older": "Anteriores →",
        "listing.page": "Página {page} de {total}",
        "listing.pager": "Páginas de artículos",
        "listing.page_title": "Artículos, página {page}",
        "archive.slug": "archivo",
        "archive.title": "Archivo",
        "archive.description": "Todos los artículos, por año.",
        "archive.unknown": "Fecha desconocida",
        "listing.title": "Artículos",
        "tags.label": "Etiquetas",
        "series.part": "Parte {position} de {count}",
        "series.previous": "Anterior:",
        "series.next": "Siguiente:",
        "series.only_in": "(solo en {language})",
        "series.box_label": "Serie: {name}",
        "series.count.one": "1 parte.",
        "series.count.other": "{count} partes.",
        "series.count_untranslated": (
            "{missing} aún sin traducir al {language}: enlazamos el original."
        ),
        "series.index_title": "Series",
        "series.index_description": "Las series de artículos del sitio.",
        "series.none": "Todavía no hay series.",
        "search.label": "Buscar",
        "search.open": "Buscar (/)",
        "search.placeholder": "Buscar",
        "search.reset": "Borrar",
        "search.initial": "Escribe para buscar en los ensayos",
        "search.loading": "Buscando…",
        "search.none": "Ningún resultado",
        "search.count.one": "1 resultado",
        "search.count.other": "{count} resultados",
        "search.all": "Ver todos los resultados",
        "search.more": "Más resultados",
        "search.error": "La búsqueda no está disponible.",
        "search.submit": "Buscar",
        "search.page_label": "Buscar en los ensayos",
        "search.filters": "Filtrar resultados",
        "search.filter.series": "Serie",
        "search.filter.tag": "Etiqueta",
        "parallel.slug": "paralelo",
        "parallel.label": "Vista del texto",
        "parallel.single": "Solo en {language}",
        "parallel.beside_original": "Junto al original en {language}",
        "parallel.beside_translation": "Junto a la traducción al {language}",
        "parallel.title": "{title} (en paralelo)",
        "parallel.column_original": "Original en {language}",
        "parallel.column_translation": "Traducción al {language}",
        "parallel.only_here": "Sin equivalente en la otra versión",
        "parallel.footnotes": "Notas",
        "lang.es": "español",
        "lang.en": "inglés",
    },
    "en": {
        "date.unknown": "Date unknown",
        "date.unknown_after": "Date unknown (on or after {date})",
        "date.unknown_before": "Date unknown (on or before {date})",
        "date.unknown_between": "Date unknown (between {after} and {before})",
        "date.approximate": "circa {date}",
        "date.year_inferred": "{date} (year inferred)",
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
        "translation.untranslated_title": "Translation pending",
        "translation.untranslated": (
            "“{title}” has not been translated into {language} yet. "
            "You can read the {original} original."
        ),
        "translation.stale_title": "This translation may be out of date",
        "translation.stale": (
            "The {original} original changed after it was translated: this version may not "
            "include the latest changes."
        ),
        "feed.title": "{site} (RSS)",
        "feed.series_title": "Series “{series}” (RSS)",
        "notfound.title": "Page not found",
        "notfound.text": "This address does not exist on the site. The post may have moved.",
        "notfound.home": "Go to the home page",
        "notfound.search": "Search the essays",
        "notfound.other": "¿Página no encontrada? La versión en español del sitio está aquí:",
        "listing.empty": "No posts yet.",
        "listing.reading": "{minutes} min read",
        "listing.draft": "Draft (shown in the preview only)",
        "listing.newer": "← Newer posts",
        "listing.older": "Older posts →",
        "listing.page": "Page {page} of {total}",
        "listing.pager": "Pages of posts",
        "listing.page_title": "Posts, page {page}",
        "archive.slug": "archive",
        "archive.title": "Archive",
        "archive.description": "Every post, by year.",
        "archive.unknown": "Date unknown",
        "listing.title": "Posts",
        "tags.label": "Tags",
        "series.part": "Part {position} of {count}",
        "series.previous": "Previous:",
        "series.next": "Next:",
        "series.only_in": "(only in {language})",
        "series.box_label": "Series: {name}",
        "series.count.one": "1 part.",
        "series.count.other": "{count} parts.",
        "series.count_untranslated": (
            "{missing} not yet translated into {language}: we link the original."
        ),
        "series.index_title": "Series",
        "series.index_description": "The site's series of posts.",
        "series.none": "No series yet.",
        "search.label": "Search",
        "search.open": "Search (/)",
        "search.placeholder": "Search",
        "search.reset": "Clear",
        "search.initial": "Type to search the essays",
        "search.loading": "Searching…",
        "search.none": "No results",
        "search.count.one": "1 result",
        "search.count.other": "{count} results",
        "search.all": "See all results",
        "search.more": "More results",
        "search.error": "Search is not available.",
        "search.submit": "Search",
        "search.page_label": "Search the essays",
        "search.filters": "Filter results",
        "search.filter.series": "Series",
        "search.filter.tag": "Tag",
        "parallel.slug": "parallel",
        "parallel.label": "Text view",
        "parallel.single": "{language} only",
        "parallel.beside_original": "Beside the {language} original",
        "parallel.beside_translation": "Beside the {language} translation",
        "parallel.title": "{title} (side by side)",
        "parallel.column_original": "{language} original",
        "parallel.column_translation": "{language} translation",
        "parallel.only_here": "No counterpart in the other version",
        "parallel.footnotes": "Notes",
        "lang.es": "Spanish",
        "lang.en": "English",
    },
}


def t(lang: str, key: str, **values: str) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    return STRINGS[lang][key].format(**values)


def t_count(lang: str, key: str, count: int, **values: str) -> str:
    """``key.one`` or ``key.other`` by ``count`` (both languages here pluralise alike)."""
    return t(lang, f"{key}.{'one' if count == 1 else 'other'}", count=str(count), **values)
