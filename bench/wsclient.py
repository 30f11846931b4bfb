"""Drive a real ``streamlit run`` server through its websocket protocol, without a browser.

:class:`Server` starts ``streamlit run`` on a free loopback port and stops it again.
:class:`Session` speaks Streamlit's protocol on ``/_stcore/stream``: it sends ``BackMsg``
protobufs (a rerun with the client's widget states, as the browser sends when a widget
changes) and reads ``ForwardMsg`` protobufs until the script has finished, counting the
bytes received. Like the browser, it keeps the messages the server marks cacheable and
reports their hashes with each rerun, so the server may send a short reference instead
of a message the client already holds.

The map component's files count too: like the browser, a session fetches over HTTP every
file a map message refers to (the ``js_links``/``css_links`` of the map and the layer files
its script loads, see ``ui.mapview``) the first time it sees it, and never again (they are
named by their content). :attr:`RunResult.http_bytes` is what a run fetched that way.
Links to other hosts (a CDN, as the textbook app's folium defaults use) are counted in
:attr:`RunResult.external_links` but not fetched: this machine is offline.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _process_cpu_clock(pid: int) -> int | None:
    """The CPU-time clock of process ``pid`` (``clock_getcpuclockid``), or None where there is none.

    NOTE: /proc/<pid>/stat counts CPU time in ticks of 10 ms, as coarse as a whole filter change
    of a bare script; this clock counts nanoseconds, and like /proc it includes the threads
    that have ended (Streamlit runs every script run on a thread of its own).
    """
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        clock = ctypes.c_int()
        if libc.clock_getcpuclockid(pid, ctypes.byref(clock)) != 0:
            return None
        time.clock_gettime(clock.value)  # readable?
        return clock.value
    except (OSError, AttributeError):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``streamlit run script`` on a free loopback port (a context manager)."""

    def __init__(self, script: Path, *, cwd: Path | None = None, env: dict | None = None) -> None:
        self.script = Path(script)
        self.cwd = cwd or self.script.parent
        self.port = free_port()
        self.env = {**os.environ, **(env or {})}
        self.proc: subprocess.Popen | None = None
        self.cpu_clock: int | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def __enter__(self) -> Server:
        args = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--server.runOnSave",
            "false",
            "--global.developmentMode",
            "false",
            "--logger.level",
            "error",
        ]
        self.proc = subprocess.Popen(
            args, cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.cpu_clock = _process_cpu_clock(self.proc.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server for {self.script.name} exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=1) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"server for {self.script.name} did not start")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def cpu_seconds(self) -> float:
        """CPU time (user + system, all threads) the server process has used so far."""
        if self.cpu_clock is not None:
            return time.clock_gettime(self.cpu_clock)
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK


@dataclass
class RunResult:
    seconds: float
    bytes: int
    messages: int
    errors: list[str] = field(default_factory=list)
    http_bytes: int = 0  # map files fetched over HTTP for this run (first sight of each)
    http_files: int = 0
    external_links: int = 0  # links to other hosts (not fetched)


# the layer files ui.mapview.publish_groups makes the map script fetch
_SCRIPT_URL = re.compile(r'var scUrl = ("[^"]*");')


class Session:
    """One browser-less client session of a running server."""

    def __init__(self, url: str, *, timeout: float = 60.0, query: str = "") -> None:
        self.url = url
        self.timeout = timeout
        self.query = query  # the page's query string, as a shared link gives it (``kab=35.24``)
        self.ws = None
        self.cache: set[str] = set()
        self.widgets: dict[str, object] = {}  # widget id -> value we have set (sent with every rerun)
        self.elements: dict[str, object] = {}  # widget id -> its proto (multiselects, checkboxes)
        parts = urllib.parse.urlsplit(url)
        # the map component's iframe: relative links in its arguments resolve against it
        self.frame_url = f"http://{parts.netloc}/component/streamlit_folium.st_folium/index.html"
        self.fetched: set[str] = set()  # map files this "browser" holds (content-named: cached for good)
        self._links: list[str] = []  # links seen in this run's map messages

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout, ping_interval=None
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    def widget_id(self, key: str) -> str:
        """The id of the widget whose user key is ``key`` (seen in an earlier run)."""
        for wid in self.elements:
            if wid.endswith(f"-{key}"):
                return wid
        raise KeyError(f"no widget with key {key!r} seen; seen: {sorted(self.elements)[:10]}")

    def options(self, key: str) -> list[str]:
        return list(self.elements[self.widget_id(key)].options)

    def set_multiselect(self, key: str, values: list[str]) -> None:
        self.widgets[self.widget_id(key)] = ("string_array_value", list(values))

    def set_checkbox(self, key: str, value: bool) -> None:
        self.widgets[self.widget_id(key)] = ("bool_value", bool(value))

    def _back_msg(self) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = ""
        state.cached_message_hashes.extend(sorted(self.cache))
        for wid, (kind, value) in self.widgets.items():
            widget = state.widget_states.widgets.add()
            widget.id = wid
            if kind == "string_array_value":
                widget.string_array_value.data.extend(value)
            else:
                setattr(widget, kind, value)
        return msg.SerializeToString()

    def _note(self, msg: ForwardMsg) -> None:
        if msg.metadata.cacheable and msg.hash:
            self.cache.add(msg.hash)
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            if kind in ("multiselect", "checkbox"):
                proto = getattr(element, kind)
                self.elements[proto.id] = proto
            elif kind == "component_instance" and "st_folium" in element.component_instance.component_name:
                args = json.loads(element.component_instance.json_args or "{}")
                self._links += list(args.get("js_links") or []) + list(args.get("css_links") or [])
                self._links += [json.loads(u) for u in _SCRIPT_URL.findall(args.get("feature_group") or "")]
                self._links += [json.loads(u) for u in _SCRIPT_URL.findall(args.get("script") or "")]

    def _fetch_links(self, result: RunResult) -> None:
        """Fetch, as the browser does, the map files this run referred to and we do not hold."""
        links, self._links = self._links, []
        for link in links:
            url = urllib.parse.urljoin(self.frame_url, link)
            if urllib.parse.urlsplit(url).netloc != urllib.parse.urlsplit(self.frame_url).netloc:
                result.external_links += 1
                continue
            if url in self.fetched:
                continue
            with urllib.request.urlopen(url, timeout=self.timeout) as reply:
                result.http_bytes += len(reply.read())
            result.http_files += 1
            self.fetched.add(url)

    async def rerun(self) -> RunResult:
        """Send a rerun with the current widget states; wait for the script to finish."""
        started = time.perf_counter()
        await self.ws.send(self._back_msg())
        result = await self._until_finished(started)
        if self._links:
            await asyncio.to_thread(self._fetch_links, result)
        return result

    async def _until_finished(self, started: float) -> RunResult:
        total = count = 0
        errors: list[str] = []
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=self.timeout)
            total += len(raw)
            count += 1
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            self._note(msg)
            if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
                if msg.delta.new_element.WhichOneof("type") == "exception":
                    errors.append(msg.delta.new_element.exception.message)
            if msg.WhichOneof("type") == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":
                    continue
                if status != "FINISHED_SUCCESSFULLY":
                    errors.append(status)
                return RunResult(time.perf_counter() - started, total, count, errors)
