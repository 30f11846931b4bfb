"""``serve.py``'s compression: Streamlit's immutable files reach a new browser gzip-compressed,
byte for byte the same once unpacked, compressed once; everything else passes untouched.

Driven through a plain ASGI app (no server): the middleware sees exactly the messages
Streamlit's server sends (a start with headers, the body in one or several parts).
"""

from __future__ import annotations

import asyncio
import gzip
import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from smartcity_geo import compress
from smartcity_geo.compress import CompressStatic

IMMUTABLE = "public, immutable, max-age=31536000"
# Text that compresses as JavaScript does (repeated words), 200 KB.
SCRIPT = " ".join(
    random.Random(7).choice(["function", "return", "const", "=>", "{", "}"]) for _ in range(40_000)
).encode()


def file_app(body: bytes, *, status=200, cache=IMMUTABLE, kind="application/javascript", etag='"v1"', parts=1):
    """An ASGI app answering every request with ``body`` (in ``parts`` pieces), as Streamlit's static server does."""
    calls = []

    async def app(scope, receive, send):
        calls.append(scope.get("path"))
        headers = [(b"content-type", kind.encode()), (b"content-length", str(len(body)).encode())]
        if cache:
            headers.append((b"cache-control", cache.encode()))
        if etag:
            headers.append((b"etag", etag.encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        size = -(-len(body) // parts) if body else 1
        pieces = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
        for n, piece in enumerate(pieces):
            await send({"type": "http.response.body", "body": piece, "more_body": n < len(pieces) - 1})

    app.calls = calls
    return app


def run(coroutine) -> None:
    """Run it on an event loop of its own thread: the browser tests' Playwright may hold this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def fetch(middleware, path="/static/js/PlotlyChart.abc.js", accept="gzip, deflate, br", method="GET", kind="http"):
    """The status, headers (lower-case names) and the body the browser receives."""
    sent = []
    headers = [(b"accept-encoding", accept.encode())] if accept is not None else []
    scope = {"type": kind, "method": method, "path": path, "headers": headers}

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    run(middleware(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}, body


@pytest.mark.parametrize("parts", [1, 5])
def test_a_new_browser_gets_streamlits_files_compressed_and_whole(parts: int) -> None:
    status, headers, body = fetch(CompressStatic(file_app(SCRIPT, parts=parts)))
    assert status == 200
    assert headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert int(headers["content-length"]) == len(body) < len(SCRIPT) / 3
    assert gzip.decompress(body) == SCRIPT
    assert headers["etag"] == '"v1"' and headers["cache-control"] == IMMUTABLE  # still cached for a year


def test_each_file_is_compressed_once_and_again_when_it_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    packed = []
    real = gzip.compress
    monkeypatch.setattr(compress.gzip, "compress", lambda data, **kw: packed.append(len(data)) or real(data, **kw))
    app = file_app(SCRIPT)
    middleware = CompressStatic(app)
    bodies = [fetch(middleware)[2] for _ in range(3)]
    assert packed == [len(SCRIPT)] and len(set(bodies)) == 1 and len(app.calls) == 3
    middleware.app = file_app(SCRIPT[::-1], etag='"v2"')  # the same path, a new file (a new ETag)
    assert gzip.decompress(fetch(middleware)[2]) == SCRIPT[::-1]  # compressed afresh, never the old bytes
    assert len(packed) == 2


def test_the_kept_bytes_stay_within_their_limit() -> None:
    middleware = CompressStatic(file_app(SCRIPT), limit=len(gzip.compress(SCRIPT)) + 10)
    for name in ("a", "b", "c"):
        fetch(middleware, path=f"/static/js/{name}.js")
    assert [path for path, _ in middleware.kept] == ["/static/js/c.js"]


@pytest.mark.parametrize(
    ("app", "request_"),
    [
        (file_app(SCRIPT), {"accept": None}),  # a client that did not ask for gzip
        (file_app(SCRIPT), {"accept": "gzip;q=0, identity"}),  # or refused it
        (file_app(SCRIPT), {"method": "HEAD"}),
        (file_app(SCRIPT, cache="no-cache", kind="text/html"), {"path": "/"}),  # the page itself
        (file_app(SCRIPT, cache="no-cache"), {}),  # a file that may change (the map's, the component's)
        (file_app(b"", status=304), {}),  # the browser's copy is current
        (file_app(SCRIPT[:100], status=206), {}),  # a range
        (file_app(SCRIPT, kind="image/png"), {}),  # already compressed
    ],
    ids=["no-gzip", "gzip-q0", "head", "page", "mutable", "304", "range", "png"],
)
def test_everything_else_passes_untouched(app, request_: dict) -> None:
    status, headers, body = fetch(CompressStatic(app), **request_)
    assert "content-encoding" not in headers
    if request_.get("method") != "HEAD" and status == 200:
        assert body == SCRIPT


def test_a_small_file_is_sent_as_it_is_with_its_length() -> None:
    status, headers, body = fetch(CompressStatic(file_app(b"var a = 1;")))
    assert "content-encoding" not in headers and body == b"var a = 1;" and headers["content-length"] == "10"


def test_the_websocket_is_not_touched() -> None:
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    run(CompressStatic(app)({"type": "websocket", "path": "/_stcore/stream", "headers": []}, None, None))
    assert seen == ["websocket"]
