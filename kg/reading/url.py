"""Reading URLs with the standard library: User-Agent, timeout, size cap, content types."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import kg
from kg.errors import InputError
from kg.model import Article
from kg.reading.formats import MAX_INPUT_BYTES, articles_from_text, decode_text, read_capped

#: Seconds to wait for a server to answer before giving up on a URL.
URL_TIMEOUT_S = 20.0

#: Where kg is developed; named in the User-Agent so site owners can reach us (placeholder
#: until the project has its public home).
PROJECT_URL = "https://github.com/kg-project/kg"
USER_AGENT = f"kg/{kg.__version__} (+{PROJECT_URL})"


def is_url(spec: str) -> bool:
    """Is ``spec`` an http(s) URL?"""
    return spec.lower().startswith(("http://", "https://"))


# URLs
# --------------------------------------------------------------------------------------------


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (urllib would also follow ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            fp.close()
            raise InputError(req.full_url, f"redirect to a non-HTTP URL refused: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True, slots=True)
class Fetched:
    """The body of an HTTP response and what kg needs to know about it."""

    url: str  # after redirects
    data: bytes
    content_type: str
    charset: str | None


def fetch_url(
    url: str, *, timeout: float = URL_TIMEOUT_S, max_bytes: int = MAX_INPUT_BYTES
) -> Fetched:
    """GET ``url`` with kg's User-Agent, a timeout and a size cap.

    Raises:
        InputError: not http(s), HTTP error status, network failure, timeout, or too large.
    """
    if not is_url(url):
        raise InputError(url, "only http:// and https:// URLs can be read")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/json, text/plain;q=0.9, */*;q=0.1",
        },
    )
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isascii() and length.isdigit() and int(length) > max_bytes:
                raise InputError(
                    url, f"response is {length} bytes, larger than the limit of {max_bytes} bytes"
                )
            data = read_capped(response, url, max_bytes)
            return Fetched(
                url=response.geturl(),
                data=data,
                content_type=response.headers.get_content_type(),
                charset=response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        exc.close()  # an HTTPError holds the open response
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"cannot fetch: {exc.reason}") from exc
    except TimeoutError as exc:
        raise InputError(url, f"no answer within {timeout:g} s") from exc
    except (OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from exc


def _content_format(content_type: str, url: str) -> str:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if content_type in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if content_type == "application/json" or content_type.endswith("+json"):
        return "json"
    if content_type in ("text/plain", "text/markdown"):
        return "text"
    raise InputError(
        url, f"unsupported content type {content_type!r}; expected HTML, JSON or plain text"
    )


def read_url_results(
    url: str,
    *,
    lang: str | None = None,
    published: date | None = None,
    timeout: float = URL_TIMEOUT_S,
) -> Iterator[Article | InputError]:
    """Fetch a URL and read it by its content type, as per-record results."""
    try:
        fetched = fetch_url(url, timeout=timeout)
        fmt = _content_format(fetched.content_type, url)
        text = decode_text(fetched.data, url, html=fmt == "html", charset=fetched.charset)
    except InputError as exc:
        yield exc
        return
    page_url = fetched.url if fmt in ("html", "text") else None
    yield from articles_from_text(text, fmt, url, url=page_url, lang=lang, published=published)


def read_url(
    url: str,
    *,
    lang: str | None = None,
    published: date | None = None,
    timeout: float = URL_TIMEOUT_S,
) -> Iterator[Article]:
    """Fetch a URL and read it into Articles (HTML page, JSON record(s) or plain text).

    Raises:
        InputError: the fetch failed (the message names the HTTP status) or the body is bad.
    """
    for result in read_url_results(url, lang=lang, published=published, timeout=timeout):
        if isinstance(result, InputError):
            raise result
        yield result
