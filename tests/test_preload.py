"""``serve.py``'s chart preload: a link to a screen that opens on a chart starts loading Plotly
with the page (issue 18, a shared link's charts within 3 s); every other answer is untouched.

Driven through a plain ASGI app, as ``tests/test_compress.py``; the browser half (the chunk is
requested before Streamlit's front end asks its server anything, and never on the map screen)
is in ``tests/browser/test_security_headers.py``.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from test_compress import fetch, file_app

from smartcity_geo.preload import PreloadChunk, find_chunk, preload_tag

CHUNK = "PlotlyChart.D9Z0_fxz.js"
PAGE = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"
TAG = b'<script>import("./static/js/PlotlyChart.D9Z0_fxz.js")</script>'


def html_app(body: bytes = PAGE, **kwargs):
    return file_app(body, cache="no-cache", kind="text/html; charset=utf-8", **kwargs)


def preloaded(app, chunk: str | None = CHUNK) -> PreloadChunk:
    return PreloadChunk(app, chunk=chunk, paths=("indicators", "budget"))


@pytest.mark.parametrize("path", ["/indicators", "/budget", "/budget/", "/under/a/prefix/indicators"])
def test_a_chart_screen_loads_the_chunk_as_the_page_loads(path: str) -> None:
    status, headers, body = fetch(preloaded(html_app()), path=path, accept=None)
    assert status == 200
    assert body == PAGE.replace(b"</head>", TAG + b"</head>")  # once, before the end of the head
    assert int(headers["content-length"]) == len(body)
    assert headers["etag"] == '"v1-charts"'  # never confused with the page without the line


def test_a_page_streamlit_sent_compressed_stays_compressed_and_whole() -> None:
    app = _encoded(file_app(gzip.compress(PAGE), cache="no-cache", kind="text/html", parts=3))
    status, headers, body = fetch(preloaded(app), path="/indicators")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == PAGE.replace(b"</head>", TAG + b"</head>")
    assert int(headers["content-length"]) == len(body)


def _encoded(app):
    """``app`` marking its answers ``Content-Encoding: gzip``, as Streamlit does for a browser that takes it."""

    async def with_encoding(scope, receive, send):
        async def mark(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message["headers"], (b"content-encoding", b"gzip")]}
            await send(message)

        await app(scope, receive, mark)

    return with_encoding


@pytest.mark.parametrize(
    ("path", "app", "method"),
    [
        ("/", html_app(), "GET"),  # the map screen: no chart, no second of the browser's time spent on Plotly
        ("/sources", html_app(), "GET"),
        ("/indicators", html_app(), "HEAD"),
        ("/indicators", file_app(b"{}", kind="application/json"), "GET"),  # not a page
        ("/indicators", html_app(status=304), "GET"),
        ("/indicators", html_app(b"<html><body>no head</body></html>"), "GET"),
    ],
)
def test_everything_else_passes_untouched(path: str, app, method: str) -> None:
    assert fetch(preloaded(app), path=path, method=method) == fetch(app, path=path, method=method)


def test_without_a_chunk_nothing_is_added() -> None:
    app = html_app()
    assert fetch(preloaded(app, chunk=None), path="/indicators") == fetch(app, path="/indicators")


@pytest.mark.parametrize("name", ['x.js")</script><script>alert(1)//.js', "../index.js", "chunk.css", ""])
def test_only_a_plain_script_file_name_goes_into_the_page(name: str) -> None:
    with pytest.raises(ValueError):
        preload_tag(name)


def test_the_chunk_is_found_only_when_it_is_one_file(tmp_path: Path) -> None:
    assert find_chunk(tmp_path, "PlotlyChart") is None
    (tmp_path / CHUNK).write_text("//")
    (tmp_path / "PlotlyChart.D9Z0_fxz.js.map").write_text("{}")
    assert find_chunk(tmp_path, "PlotlyChart") == CHUNK
    (tmp_path / "PlotlyChart.other.js").write_text("//")
    assert find_chunk(tmp_path, "PlotlyChart") is None  # two versions side by side: do not guess


def test_the_installed_streamlit_has_the_chunk_serve_py_preloads() -> None:
    import serve  # noqa: PLC0415  (builds the app object, does not start a server)

    assert serve.PLOTLY_CHUNK and serve.PLOTLY_CHUNK.startswith("PlotlyChart.")
