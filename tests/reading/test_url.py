"""Reading URLs from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from datetime import date
from typing import ClassVar

import pytest
from reading_fixtures import DATA

import kg
from kg.errors import InputError
from kg.reading import iter_sources, read_source, read_url, read_url_results

PLAIN = (
    "Neue Regeln für Pendler\n\nDonnerstag, 5. Juni 2025 | 10:12 Uhr\n\n"
    "Die Regierung hat am Montag beschlossen, dass die Züge öfter fahren sollen.\n"
)
RECORD = '{"id": "r1", "text": "The minister said that the plan was good and that it would work."}'
SEEN_AGENTS: list[str] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/page.html": (200, "text/html; charset=utf-8", (DATA / "news_page.html").read_bytes()),
        "/article.json": (200, "application/json", RECORD.encode()),
        "/plain.txt": (200, "text/plain; charset=utf-8", PLAIN.encode()),
        "/latin1.txt": (200, "text/plain; charset=iso-8859-1", PLAIN.encode("iso-8859-1")),
        "/file.pdf": (200, "application/pdf", b"%PDF-1.4"),
        "/empty.html": (200, "text/html", b"<html><body><nav>Home</nav></body></html>"),
    }

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/moved":
            self._send(302, "text/plain", b"", location="/page.html")
        elif self.path == "/to-ftp":
            self._send(302, "text/plain", b"", location="ftp://127.0.0.1/x")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/plain", PLAIN.encode())
        elif self.path in self.routes:
            self._send(*self.routes[self.path])
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, ctype: str, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        """Keep the test output quiet."""


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (the timeout test) is expected; stay quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_page(server: str) -> None:
    (article,) = read_url(f"{server}/page.html")
    assert article.headline == "Außenminister treffen sich in Wien"
    assert article.source == f"{server}/page.html"
    assert article.url == f"{server}/page.html"
    assert len(article.comments) == 3
    assert SEEN_AGENTS[-1] == f"kg/{kg.__version__} (+https://github.com/kg-project/kg)"


def test_json_and_plain_text(server: str) -> None:
    (record,) = read_url(f"{server}/article.json")
    assert (record.id, record.lang) == ("r1", "en")
    (plain,) = read_url(f"{server}/plain.txt")
    assert (plain.lang, plain.published) == ("de", date(2025, 6, 5))
    assert plain.url == f"{server}/plain.txt"
    (latin,) = read_url(f"{server}/latin1.txt")
    assert latin.text == plain.text


def test_redirect_is_followed(server: str) -> None:
    (article,) = read_url(f"{server}/moved")
    assert article.url == f"{server}/page.html"


def test_url_through_iter_sources(server: str) -> None:
    (source,) = iter_sources([f"{server}/plain.txt"])
    assert [a.lang for a in read_source(source)] == ["de"]


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/file.pdf", "unsupported content type 'application/pdf'"),
        ("/huge", "larger than the limit"),
        ("/to-ftp", "redirect to a non-HTTP URL refused"),
        ("/empty.html", "no article text found in HTML"),
    ],
    ids=["404", "pdf", "too-large", "redirect-ftp", "no-text"],
)
def test_bad_urls(server: str, path: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as info:
        list(read_url(f"{server}{path}"))
    assert info.value.source.startswith(server)


def test_timeout(server: str) -> None:
    (result,) = read_url_results(f"{server}/slow", timeout=0.3)
    assert isinstance(result, InputError)
    assert "0.3 s" in str(result) or "timed out" in str(result)


def test_connection_refused() -> None:
    with pytest.raises(InputError, match="cannot fetch"):
        list(read_url("http://127.0.0.1:9/none"))


def test_non_http_scheme_is_refused() -> None:
    with pytest.raises(InputError, match="only http:// and https://"):
        list(read_url("file:///etc/passwd"))
