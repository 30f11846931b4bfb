"""The screens that open on a chart start loading the chart library with the page: an ASGI middleware.

Streamlit loads Plotly (its 4.7 MB ``PlotlyChart`` chunk) only when the first chart element
arrives over the websocket: after its own front end has started, connected and run the
script. Then the chunk is fetched and evaluated (about a second of the browser's main
thread), and only then is the first chart drawn. A shared link to the indicators screen
waited for those steps one after another (issue 18: every chart within 3 s).

For the pages named in ``paths`` (the screens whose first screen is a chart) the page's HTML
gets one line before ``</head>``, ``<script>import("./static/js/<chunk>")</script>``: the
browser fetches and evaluates the chunk while Streamlit's front end connects and the script
runs, and Streamlit's own ``import()`` of the same file later finds it in the module map.
Other pages (the map) are untouched: they would pay the second of main thread for nothing.

Only our own string goes into the page: the chunk's file name, checked against
``CHUNK_NAME`` (letters, digits, ``._-``), found in Streamlit's installed files by
:func:`find_chunk`; no chunk found (another Streamlit version) means nothing is added.
The page's ETag gets a suffix so a cache never mixes the two versions.

NOTE: no Streamlit import here (the library never imports it); tested with a plain ASGI app.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import Any

from smartcity_geo.compress import ASGIApp, Message, Scope

CHUNK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.js")
ETAG_SUFFIX = "-charts"


def find_chunk(js_dir: Path, stem: str) -> str | None:
    """The one file ``<stem>.<hash>.js`` in Streamlit's ``static/js`` folder, or None (none, or several)."""
    found = sorted(p.name for p in Path(js_dir).glob(f"{stem}.*.js") if CHUNK_NAME.fullmatch(p.name))
    return found[0] if len(found) == 1 else None


def preload_tag(chunk: str) -> bytes:
    """The line added before ``</head>``: an ``import()`` of the chunk, relative like Streamlit's own."""
    if not CHUNK_NAME.fullmatch(chunk):
        raise ValueError(f"not a script file name: {chunk!r}")
    return f'<script>import("./static/js/{chunk}")</script>'.encode("ascii")


def _headers(message: MutableMapping[str, Any]) -> dict[bytes, bytes]:
    return {key.lower(): value for key, value in message.get("headers", [])}


class PreloadChunk:
    """ASGI middleware: pages in ``paths`` (last path segment) load ``chunk`` as the page loads."""

    def __init__(self, app: ASGIApp, chunk: str | None, paths: Iterable[str]) -> None:
        self.app = app
        self.tag = preload_tag(chunk) if chunk else None
        self.paths = frozenset(paths)

    def wanted(self, scope: Scope) -> bool:
        return (
            self.tag is not None
            and scope.get("type") == "http"
            and scope.get("method") == "GET"
            and scope.get("path", "").rstrip("/").rsplit("/", 1)[-1] in self.paths
        )

    async def __call__(self, scope: Scope, receive, send) -> None:
        if not self.wanted(scope):
            await self.app(scope, receive, send)
            return
        held: dict[str, Message] = {}
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            kind = message.get("type")
            if kind == "http.response.start":
                if message.get("status") == 200 and _headers(message).get(b"content-type", b"").startswith(
                    b"text/html"
                ):
                    held["start"] = message
                    return
            elif kind == "http.response.body" and "start" in held:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await self._send_page(held["start"], b"".join(chunks), send)
                return
            await send(message)

        await self.app(scope, receive, hold)

    async def _send_page(self, start: Message, body: bytes, send) -> None:
        headers = _headers(start)
        packed = headers.get(b"content-encoding", b"").strip().lower() == b"gzip"
        page = gzip.decompress(body) if packed else body
        if b"</head>" in page and self.tag not in page:
            page = page.replace(b"</head>", self.tag + b"</head>", 1)
            body = gzip.compress(page, mtime=0) if packed else page
            etag = headers.get(b"etag", b"")
            if etag:
                headers[b"etag"] = (
                    etag[:-1] + ETAG_SUFFIX.encode() + b'"' if etag.endswith(b'"') else etag + ETAG_SUFFIX.encode()
                )
        headers[b"content-length"] = str(len(body)).encode()
        await send({**start, "headers": list(headers.items())})
        await send({"type": "http.response.body", "body": body})
