"""Streamlit's front-end files sent gzip-compressed, each compressed once: an ASGI middleware.

A shared link opened in a new browser fetches about 8 MB of Streamlit's JavaScript (Plotly's
chunk alone is 4.7 MB) before the first chart draws, and Streamlit's server sends it
uncompressed. Over a meeting room's or an assessor's connection that is the wait: gzip makes
it about a quarter. ``serve.py`` puts :class:`CompressStatic` in front of the dashboard.

Why not Starlette's ``GZipMiddleware``: it compresses every answer again on every request
(4.7 MB at level 6 is about 0.15 s of server CPU per new browser, for a file that never
changes). Only answers Streamlit marks ``immutable`` (its content-hashed static files) are
compressed here, once per path and ETag, and kept in memory (``limit`` bytes in all, about
3 MB for Streamlit's files); everything else (pages, the websocket, uploads, conditional and
range answers, HEAD) passes through untouched.

NOTE: no Streamlit import here (the library never imports it); tested with a plain ASGI app.
"""

from __future__ import annotations

import asyncio
import gzip
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

COMPRESSIBLE = ("javascript", "text/css", "json", "svg", "text/plain", "wasm")
MIN_BYTES = 1024  # below this the gzip header costs more than it saves
LEVEL = 6


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def accepts_gzip(scope: Scope) -> bool:
    """The client said it takes gzip (``Accept-Encoding``; ``gzip;q=0`` is a refusal)."""
    for part in _header(scope.get("headers", []), b"accept-encoding").split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def compressible(headers: list[tuple[bytes, bytes]]) -> bool:
    """An answer worth compressing once: immutable, not encoded yet, of a textual type."""
    return (
        "immutable" in _header(headers, b"cache-control")
        and not _header(headers, b"content-encoding")
        and any(kind in _header(headers, b"content-type") for kind in COMPRESSIBLE)
    )


class CompressStatic:
    """ASGI middleware: gzip Streamlit's immutable static files once, serve the kept bytes after."""

    def __init__(self, app: ASGIApp, limit: int = 64 * 1024 * 1024) -> None:
        self.app = app
        self.limit = limit
        self.kept: OrderedDict[tuple[str, str], bytes] = OrderedDict()  # (path, etag) -> gzip bytes
        self.kept_bytes = 0

    def _keep(self, key: tuple[str, str], body: bytes) -> None:
        if key in self.kept:  # two first requests for one file: compressed twice, kept once
            return
        self.kept[key] = body
        self.kept_bytes += len(body)
        while self.kept_bytes > self.limit and len(self.kept) > 1:
            self.kept_bytes -= len(self.kept.popitem(last=False)[1])

    async def compressed(self, path: str, etag: str, body: bytes) -> bytes:
        """The gzip bytes of ``body``: kept ones when this path and ETag were seen, else made on a
        worker thread (4.7 MB takes about 0.2 s: the event loop serves every session meanwhile)."""
        key = (path, etag)
        if key in self.kept:
            self.kept.move_to_end(key)
            return self.kept[key]
        packed = await asyncio.to_thread(gzip.compress, body, compresslevel=LEVEL, mtime=0)
        if etag:  # without an ETag the same path may change: compressed, not kept
            self._keep(key, packed)
        return packed

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET" or not accepts_gzip(scope):
            await self.app(scope, receive, send)
            return
        held: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def hold(message: Message) -> None:
            kind = message.get("type")
            if kind == "http.response.start":
                if message.get("status") == 200 and compressible(message.get("headers", [])):
                    held["start"] = message
                    return
            elif kind == "http.response.body" and "start" in held:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await self._send_compressed(held["start"], b"".join(chunks), scope, send)
                return
            await send(message)

        await self.app(scope, receive, hold)

    async def _send_compressed(self, start: Message, body: bytes, scope: Scope, send) -> None:
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"vary")]
        if len(body) < MIN_BYTES:
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        packed = await self.compressed(scope.get("path", ""), _header(headers, b"etag"), body)
        vary = ", ".join(v for v in (_header(start.get("headers", []), b"vary"), "Accept-Encoding") if v)
        headers += [
            (b"content-encoding", b"gzip"),
            (b"vary", vary.encode("latin-1")),
            (b"content-length", str(len(packed)).encode()),
        ]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": packed})
