"""Which saves under `make serve` only change a post's text, and which pages show that text.

Such a save (the commonest while writing) changes no other page: the listings, series,
tags, feeds and the other language show a post's front matter, its reading time and
whether its translations are up to date, never its body. hooks/quick.py then renders just
the pages that show the body (the post, and the parallel views with it) from the last
build's state, without a build; any other save, or any doubt, is a build as usual.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from hooks.core.frontmatter import FrontMatterError, parse
from hooks.core.parallel_text import pairing_of, parallel_path, partner
from hooks.core.posts import Content, Post, content_hash, count_words, decoded


@dataclass(frozen=True)
class BodyEdit:
    """A post whose body alone changed, and the pages showing it: (language, path)."""

    post: Post
    pages: tuple[tuple[str, str], ...]


def _text(raw: bytes) -> str | None:
    try:
        return decoded(raw)
    except UnicodeDecodeError:
        return None


def body_edits(
    before: Mapping[str, bytes],
    now: Mapping[str, bytes],
    content: Content,
    also: Collection[str] = (),
) -> list[BodyEdit] | None:
    """The posts of ``content`` (the model of the build that read ``before``) whose Markdown
    body alone changed in ``now`` (docs-relative paths -> bytes), when that is all that
    changed and no other page shows what changed; None otherwise. ``also``: paths to
    render again even if their bytes are back to ``before``'s (rendered since with others)."""
    changed = sorted(
        {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
        | set(also)
    )
    edits = []
    for path in changed:
        lang, _, rel_path = path.partition("/")
        post = content.post_at(lang, rel_path)
        old, new = _text(before.get(path, b"")), _text(now.get(path, b""))
        if post is None or not content.readable(post) or old is None or new is None:
            return None  # not a post with a page, gone, added or unreadable
        try:
            old_meta, new_meta = parse(old), parse(new)
        except FrontMatterError:
            return None
        if old[: len(old) - len(old_meta.body)] != new[: len(new) - len(new_meta.body)]:
            return None  # the front matter changed, even a comment: the build decides
        if replace(post, words=count_words(new_meta.body)).reading_minutes != post.reading_minutes:
            return None  # listings and series pages show it
        if content_hash(post.title, post.description, old_meta.body) != post.content_hash:
            return None  # not the model's own fingerprint: the build decides
        fingerprint = content_hash(post.title, post.description, new_meta.body)
        for other in content.versions_of(post.key):
            stamped = other.source_hash and other.translated_from == post.lang
            if stamped and (other.source_hash != fingerprint) != other.stale:
                return None  # a translation becomes stale, or up to date again
        edits.append(BodyEdit(post, _pages_showing(content, post)))
    return edits


def _pages_showing(content: Content, post: Post) -> tuple[tuple[str, str], ...]:
    """The post's page, and every parallel view showing it (its own, and its partner's)."""
    pages = [(post.lang, post.rel_path)]
    for version in content.versions_of(post.key):
        other = partner(content, version)
        if other is not None and post in (version, other):
            pages.append((version.lang, parallel_path(version)))
    return tuple(pages)


def pairs_still(edit: BodyEdit, content: Content, now: Mapping[str, bytes]) -> bool:
    """Whether the edited post still pairs block by block with the version beside it (else
    the build warns, as it does on every build): ``now`` holds the files' new bytes."""
    post = edit.post
    for version in content.versions_of(post.key):
        other = partner(content, version)
        if other is None or post not in (version, other) or not version.translated_from:
            continue
        own_text = _text(now.get(f"{version.lang}/{version.rel_path}", b""))
        other_text = _text(now.get(f"{other.lang}/{other.rel_path}", b""))
        if own_text is None or other_text is None or pairing_of(own_text, other_text):
            return False
    return True
