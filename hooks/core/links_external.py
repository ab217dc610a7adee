"""Checking external http(s) links: bounded concurrency, per-host limit, timeouts, retries
with backoff, 429/Retry-After honoured, and an on-disk cache with a maximum age.

Only the standard library: urllib in a thread pool. Results are pure data; nothing here
knows about pages or MkDocs.
"""

from __future__ import annotations

import email.utils
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

USER_AGENT = "ensayos-linkcheck/1.0 (+link checker of a static site)"


@dataclass(frozen=True)
class ExternalOptions:
    workers: int = 8  # requests in flight at most
    per_host: int = 2  # requests in flight per host at most
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # further attempts after a timeout, connection error, 5xx or 429
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_retry_after: float = 60.0  # longest Retry-After we wait for
    cache_path: Path | None = None
    cache_max_age: float = 24 * 3600.0  # seconds a cached result stays valid
    exclude: tuple[str, ...] = ()  # regular expressions of URLs never requested
    fragments: bool = True  # check '#anchor' on pages that answer (one GET per page)


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    status: int | None = None
    message: str = ""
    checked_at: float = 0.0
    final_url: str = ""
    unreachable: bool = False  # no answer at all (DNS, refused, timed out): not "dead"

    @property
    def archive_url(self) -> str:
        """Where to look for an archived copy of a dead link."""
        return "https://web.archive.org/web/*/" + quote(self.url, safe=":/?&=#%")


@dataclass
class Cache:
    """Results by URL, on disk as JSON; entries older than max_age are ignored."""

    path: Path | None
    max_age: float
    entries: dict[str, Result] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None, max_age: float) -> Cache:
        cache = cls(path, max_age)
        if path is not None and path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                cache.entries = {url: Result(**value) for url, value in raw.items()}
            except (ValueError, TypeError):
                cache.entries = {}  # a corrupt cache is only a slower run
        return cache

    def get(self, url: str, now: float) -> Result | None:
        entry = self.entries.get(url)
        if entry is not None and now - entry.checked_at <= self.max_age:
            return entry
        return None

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {url: asdict(result) for url, result in sorted(self.entries.items())}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        temporary.replace(self.path)


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


Fetch = Callable[[str, str, float], tuple[int, str, dict[str, str]]]


_MAX_PAGE = 5 * 1024 * 1024  # bytes of a page read to look for an anchor


def urllib_page(url: str, timeout: float) -> tuple[str, str]:
    """(content type, text) of the page at ``url`` (GET, redirects followed)."""
    headers = {"User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        kind = response.headers.get("Content-Type", "")
        body = response.read(_MAX_PAGE) if "html" in kind else b""
        charset = response.headers.get_content_charset() or "utf-8"
    return kind, body.decode(charset, errors="replace")


def page_ids(html: str) -> set[str]:
    """Every id and <a name> of a page; GitHub's 'user-content-' prefix is also read off."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    ids = {node.id for node in tree.css("[id]") if node.id}
    ids |= {node.attrs.get("name") or "" for node in tree.css("a[name]")}
    ids |= {i[len("user-content-") :] for i in ids if i.startswith("user-content-")}
    ids.discard("")
    return ids


def urllib_fetch(url: str, method: str, timeout: float) -> tuple[int, str, dict[str, str]]:
    """(status, final URL, headers); redirects are followed. Raises HTTPError/URLError."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise urllib.error.URLError(f"not an http(s) URL: {url}")
    headers = {"User-Agent": USER_AGENT}
    request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, response.geturl(), dict(response.headers)


class Checker:
    """Checks URLs concurrently within the limits of ``options``."""

    def __init__(
        self,
        options: ExternalOptions,
        fetch: Fetch = urllib_fetch,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        page: Callable[[str, float], tuple[str, str]] = urllib_page,
    ) -> None:
        self.options = options
        self.fetch = fetch
        self.page = page
        self._ids: dict[str, set[str] | None] = {}  # page URL -> its ids (None: not HTML)
        self.clock = clock
        self.sleep = sleep
        self._hosts: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def check_all(self, urls: Iterable[str]) -> dict[str, Result]:
        """Result of every URL (excluded ones are left out), from cache when fresh."""
        cache = Cache.load(self.options.cache_path, self.options.cache_max_age)
        now = self.clock()
        results: dict[str, Result] = {}
        pending = []
        for url in sorted(set(urls)):
            if any(re.search(pattern, url) for pattern in self.options.exclude):
                continue
            cached = cache.get(url, now)
            if cached is not None:
                results[url] = cached
            else:
                pending.append(url)
        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            for result in pool.map(self.check, pending):
                results[result.url] = result
                if not result.unreachable:  # an offline run says nothing about tomorrow
                    cache.entries[result.url] = result
        cache.save()
        return results

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.Semaphore(max(1, self.options.per_host))
            return self._hosts[host]

    def check(self, url: str) -> Result:
        """One URL: HEAD (GET when HEAD is refused), retried on transient failures."""
        options = self.options
        delay = options.backoff
        method = "HEAD"
        last = Result(url, False, message="not checked")
        attempt = 0
        while attempt <= options.retries:
            wait: float | None = None
            try:
                with self._host_slot(url):
                    status, final_url, _ = self.fetch(url, method, options.timeout)
                moved = final_url if final_url != url else ""
                missing = self._missing_fragment(url, final_url or url)
                if missing:
                    return Result(url, False, status, missing, self.clock(), moved)
                return Result(url, True, status, "", self.clock(), moved)
            except urllib.error.HTTPError as error:
                status = error.code
                if method == "HEAD" and status in (403, 405, 501):
                    method = "GET"  # some servers refuse HEAD only
                    continue
                last = Result(url, False, status, f"HTTP {status}", self.clock())
                if status == 429:
                    header = error.headers.get("Retry-After") if error.headers else None
                    wait = retry_after_seconds(header, self.clock())
                    if wait is not None and wait > options.max_retry_after:
                        return Result(
                            url,
                            False,
                            429,
                            f"HTTP 429, Retry-After {wait:.0f}s is longer than we wait",
                            self.clock(),
                        )
                elif status < 500:
                    return last  # 4xx: the link is dead; retrying will not help
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
                reason = getattr(error, "reason", error)
                if isinstance(reason, socket.gaierror):
                    # No such host, or no DNS at all (offline CI): retrying will not help.
                    return Result(
                        url,
                        False,
                        None,
                        "host name not resolved (DNS)",
                        self.clock(),
                        unreachable=True,
                    )
                text = "timed out" if isinstance(reason, TimeoutError) else str(reason)
                last = Result(url, False, None, text, self.clock(), unreachable=True)
            attempt += 1
            if attempt <= options.retries:
                self.sleep(wait if wait is not None else delay)
                delay *= 2
        return last

    def _missing_fragment(self, url: str, final_url: str) -> str:
        """'no element with id …' when ``url`` names an anchor its HTML page lacks."""
        fragment = urlsplit(url).fragment
        if not fragment or not self.options.fragments or fragment.startswith(("!", "/", ":~:")):
            return ""  # no anchor, or a client-side route / text fragment
        page = final_url.split("#", 1)[0]
        with self._lock:
            known = page in self._ids
            ids = self._ids.get(page)
        if not known:
            try:
                with self._host_slot(page):
                    kind, text = self.page(page, self.options.timeout)
                ids = page_ids(text) if "html" in kind else None
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError):
                ids = None  # the page answered HEAD: its anchors are not ours to judge
            with self._lock:
                self._ids[page] = ids
        if ids is None or unquote(fragment) in ids or fragment in ids:
            return ""
        return f"no element with id {unquote(fragment)!r} on the page"
