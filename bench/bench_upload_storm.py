"""Eight anonymous uploads at once, and another viewer's filter changes on the map screen meanwhile.

Issue 19's last target: "eight concurrent anonymous uploads of the largest bomb leave the map
screen answering a filter change within 1 s for another viewer".

One real ``streamlit run dashboard.py`` (loopback, free port, headless, its store in a temporary
folder). For each file (default: the 20 MB CSV bomb of budget lines, and the largest CSV the app
accepts; both from ``tests/bombs.py``) the bench runs ``--rounds`` interleaved pairs of phases:

- **quiet**: the viewer changes its kelurahan selection on the map screen ``--changes`` times
  (as ``bench/run_all.py`` section b does) with nobody uploading;
- **storm**: eight fresh anonymous sessions on the sources screen each upload the file (under a
  name of its own, so that no upload finds another's result in the app's cache) the way a
  browser does (an HTTP PUT, multipart, to ``/_stcore/upload_file/<session>/<file id>`` with the
  XSRF cookie and header, then a rerun whose uploader state names the file, then a click on
  "apply", which runs ``ui.loaders.try_upload``), all at once, while the viewer keeps changing its
  selection (at least ``--changes`` times, and until every upload has its answer).

Each change's latency is the time from sending the rerun to the script's end on the viewer's
websocket. Printed: p50/p95/max per phase kind, the uploads accepted / refused as busy / refused
otherwise, and the server's CPU seconds per phase kind. PASS when every change during the storms
answered within 1 s (the max, not a percentile: the issue says "within 1 s").

Every loop is bounded in count and in time (``--limit`` seconds per storm); only 127.0.0.1.

    python bench/bench_upload_storm.py [--files csv_many_rows,csv_largest_valid] [--rounds 3] [--changes 8] [--trace]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import itertools
import os
import random
import sys
import tempfile
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import bombs  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.wsclient import Server, Session  # noqa: E402
from smartcity_geo.datapack import load_pack  # noqa: E402
from smartcity_geo.errors import DataPackError  # noqa: E402
from smartcity_geo.strings import t  # noqa: E402

TARGET_S = 1.0
UPLOADERS = 8
FILES = {
    "csv_many_rows": bombs.csv_many_rows,
    "csv_blank_lines": bombs.csv_blank_lines,
    "csv_wide_header": bombs.csv_wide_header,
    "csv_wide_row": bombs.csv_wide_row,
    "csv_long_cells": bombs.csv_long_cells,
    "csv_largest_valid": bombs.csv_largest_valid,
}
BUDGET_TITLE = load_pack(ROOT / "geodata").meta("budget").title("id")  # as the selectbox shows it
REFUSED = t("upload.refused", "id")  # how the sources screen starts a refusal (Indonesian, the default)
PUTS = ThreadPoolExecutor(UPLOADERS, thread_name_prefix="put")
CPU: list[tuple[str, float]] = []  # the server's CPU clock after each step (meaningful for a lone upload)
TRACE: list[tuple[str, float, float]] = []  # (step, start, end) of the storms, for --trace
BUSY = {DataPackError("upload_busy").message(lang) for lang in ("id", "en")}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


class UploadSession(Session):
    """A session on the sources screen that keeps every widget's id and the alerts it is shown."""

    def __init__(self, url: str, *, timeout: float = 120.0) -> None:
        super().__init__(url, timeout=timeout)
        self.page = "sources"
        self.session_id = ""
        self.ids: dict[str, str] = {}  # user key -> widget id
        self.alerts: list[str] = []
        self.choices: dict[str, list[str]] = {}  # selectbox id -> its options as shown

    def _back_msg(self) -> bytes:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        files = {wid: v for wid, (kind, v) in self.widgets.items() if kind == "file_uploader_state_value"}
        plain = self.widgets
        self.widgets = {wid: v for wid, v in plain.items() if wid not in files}  # the base class sets scalars only
        try:
            msg = BackMsg()
            msg.ParseFromString(super()._back_msg())
        finally:
            self.widgets = plain
        msg.rerun_script.page_name = self.page
        for wid, state in files.items():
            widget = msg.rerun_script.widget_states.widgets.add()
            widget.id = wid
            widget.file_uploader_state_value.CopyFrom(state)
        return msg.SerializeToString()

    def _note(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "alert":
                self.alerts.append(element.alert.body)
            elif what in ("file_uploader", "button", "selectbox"):
                proto = getattr(element, what)
                self.ids[proto.id.rsplit("-", 1)[-1]] = proto.id
                if what == "selectbox":
                    self.choices[proto.id] = list(proto.options)
        super()._note(msg)


def _xsrf_cookie(port: int) -> str:
    """The XSRF cookie the server sets, as the browser's app receives it (with its health check)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=30) as reply:
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.strip() == "_streamlit_xsrf":
                return rest.split(";", 1)[0]
    raise RuntimeError("the server set no _streamlit_xsrf cookie")


def _put(port: int, session_id: str, file_id: str, name: str, data: bytes, xsrf: str) -> int:
    """The browser's upload: one multipart PUT with the XSRF cookie and header."""
    boundary = uuid.uuid4().hex
    body = b"".join(
        [
            f"--{boundary}\r\n".encode(),
            f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'.encode(),
            b"Content-Type: text/csv\r\n\r\n",
            data,
            f"\r\n--{boundary}--\r\n".encode(),
        ]
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(
            "PUT",
            f"/_stcore/upload_file/{session_id}/{file_id}",
            body=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": f"_streamlit_xsrf={xsrf}",
                "X-Xsrftoken": xsrf,
                "Origin": f"http://127.0.0.1:{port}",
            },
        )
        reply = conn.getresponse()
        reply.read()
        return reply.status
    finally:
        conn.close()


async def _open_uploader(server: Server) -> UploadSession:
    session = UploadSession(server.url)
    await session.__aenter__()
    result = await session.rerun()  # the sources screen
    if result.errors or "upload_file" not in session.ids:
        raise SystemExit(f"sources screen: {result.errors[:2]} widgets {sorted(session.ids)}")
    wid = session.ids["upload_dataset"]  # the dataset the file replaces: the budget
    if BUDGET_TITLE not in session.choices[wid]:
        raise SystemExit(f"no {BUDGET_TITLE!r} among {session.choices[wid]}")
    session.widgets[wid] = ("string_value", BUDGET_TITLE)
    result = await session.rerun()
    if result.errors:
        raise SystemExit(f"sources screen: {result.errors[:2]}")
    return session


async def _upload(session: UploadSession, server: Server, name: str, data: bytes, xsrf: str) -> str:
    """One anonymous upload through the sources screen; its outcome: accepted / busy / refused / error."""
    from streamlit.proto.Common_pb2 import FileUploaderState

    file_id = str(uuid.uuid4())
    CPU.append(("start", server.cpu_seconds()))
    t0 = time.monotonic()
    loop = asyncio.get_running_loop()  # the PUTs' own threads: the viewer's map-file fetches never queue behind them
    status = await loop.run_in_executor(PUTS, _put, server.port, session.session_id, file_id, name, data, xsrf)
    TRACE.append(("PUT", t0, time.monotonic()))
    CPU.append(("PUT", server.cpu_seconds()))
    if status != 204:
        return f"error: PUT {status}"
    state = FileUploaderState()
    info = state.uploaded_file_info.add()
    info.file_id, info.name, info.size = file_id, name, len(data)
    info.file_urls.file_id = file_id
    info.file_urls.upload_url = f"/_stcore/upload_file/{session.session_id}/{file_id}"
    info.file_urls.delete_url = info.file_urls.upload_url
    session.widgets[session.ids["upload_file"]] = ("file_uploader_state_value", state)
    t0 = time.monotonic()
    result = await session.rerun()  # the uploader now holds the file; "apply" appears
    TRACE.append(("uploader rerun", t0, time.monotonic()))
    CPU.append(("uploader rerun", server.cpu_seconds()))
    if result.errors or "upload_apply" not in session.ids:
        return f"error: {result.errors[:1]} no apply button"
    session.alerts.clear()
    session.widgets[session.ids["upload_apply"]] = ("trigger_value", True)
    t0 = time.monotonic()
    result = await session.rerun()  # the click: try_upload reads the file
    TRACE.append(("apply rerun", t0, time.monotonic()))
    CPU.append(("apply rerun", server.cpu_seconds()))
    session.widgets.pop(session.ids["upload_apply"], None)  # a trigger is sent once
    if result.errors:
        return f"error: {result.errors[:1]}"
    if any(busy in alert for alert in session.alerts for busy in BUSY):
        return "busy"
    refusals = [alert for alert in session.alerts if alert.startswith(REFUSED)]
    return f"refused: {refusals[-1][:200]}" if refusals else "accepted"


async def _changes(viewer: Session, server: Server, picks, least: int, until: asyncio.Future | None, limit_s: float):
    """Filter changes one after another: at least ``least``, and until ``until`` is done (bounded)."""
    latencies: list[float] = []
    started = time.monotonic()
    for n in itertools.count():
        if n >= least and (until is None or until.done()):
            break
        if time.monotonic() - started > limit_s or n >= 10 * least + 200:
            break
        options = viewer.options("kel_sel")
        viewer.set_multiselect("kel_sel", [options[i % len(options)] for i in next(picks)])
        t0 = time.monotonic()
        result = await viewer.rerun()
        if until is not None:
            TRACE.append(("viewer", t0, time.monotonic()))
        if result.errors:
            raise SystemExit(f"viewer: {result.errors[:2]}")
        latencies.append(result.seconds)
    return latencies


async def _case(server: Server, name: str, data: bytes, rounds: int, changes: int, limit_s: float) -> dict:
    rng = random.Random(19)
    picks = iter(lambda: tuple(rng.sample(range(34), rng.randint(1, 3))), None)
    xsrf = await asyncio.to_thread(_xsrf_cookie, server.port)
    out = {"quiet": [], "storm": [], "outcomes": [], "cpu_quiet": 0.0, "cpu_storm": 0.0, "wall_storm": 0.0}
    async with Session(server.url, timeout=120) as viewer:
        await viewer.rerun()  # the map screen
        await _changes(viewer, server, picks, 3, None, limit_s)  # warm up (not kept)
        lone = await _open_uploader(server)  # one upload alone: the server CPU of each step
        CPU.clear()
        out["lone"] = await _upload(lone, server, f"budget_{name}.csv", data, xsrf)
        out["lone_cpu"] = {step: cpu - CPU[i][1] for i, (step, cpu) in enumerate(CPU[1:])}
        await lone.__aexit__()
        TRACE.clear()
        for turn in range(rounds):
            cpu = server.cpu_seconds()
            out["quiet"] += await _changes(viewer, server, picks, changes, None, limit_s)
            out["cpu_quiet"] += server.cpu_seconds() - cpu
            uploaders = [await _open_uploader(server) for _ in range(UPLOADERS)]
            cpu, wall = server.cpu_seconds(), time.monotonic()
            storm = asyncio.ensure_future(
                asyncio.wait_for(
                    asyncio.gather(
                        *(  # names of their own: the app files a pack under its files' names and bytes
                            _upload(s, server, f"budget_{name}_{turn}_{i}.csv", data, xsrf)
                            for i, s in enumerate(uploaders)
                        )
                    ),
                    timeout=limit_s,
                )
            )
            out["storm"] += await _changes(viewer, server, picks, changes, storm, limit_s)
            try:
                out["outcomes"] += await storm
            except TimeoutError:
                out["outcomes"] += ["error: unfinished within the time limit"] * UPLOADERS
            out["cpu_storm"] += server.cpu_seconds() - cpu
            out["wall_storm"] += time.monotonic() - wall
            for session in uploaders:
                await session.__aexit__()
    return out


def _trace(slow_s: float) -> None:
    """Each viewer change slower than ``slow_s``, with the upload steps it overlapped."""
    for _, start, end in [e for e in TRACE if e[0] == "viewer" and e[2] - e[1] > slow_s]:
        over = [
            f"{k} {max(s, start) - start:+.2f}..{min(e, end) - start:+.2f}"
            for k, s, e in TRACE
            if k != "viewer" and s < end and e > start
        ]
        print(f"  slow change {end - start:.2f} s overlapped: {'; '.join(over)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", default="csv_many_rows,csv_largest_valid", help=f"comma-separated, of {list(FILES)}")
    parser.add_argument("--rounds", type=int, default=3, help="quiet/storm pairs per file")
    parser.add_argument("--changes", type=int, default=8, help="viewer's changes per quiet phase (storm: at least)")
    parser.add_argument("--limit", type=float, default=180.0, help="seconds a storm may take at most")
    parser.add_argument("--trace", action="store_true", help="list the upload steps under each slow change")
    parser.add_argument("--assert", dest="check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SMARTCITY_STORE_DIR": tmp, "PYTHONPATH": str(ROOT)}
        with Server(ROOT / "dashboard.py", cwd=ROOT, env=env) as server:
            print(f"server pid {server.proc.pid} on 127.0.0.1:{server.port}; {os.cpu_count()} CPUs on this machine")
            for name in [n for n in args.files.split(",") if n]:
                data = FILES[name]()
                r = asyncio.run(_case(server, name, data, args.rounds, args.changes, args.limit))
                counts = {k: sum(1 for o in r["outcomes"] if o.startswith(k)) for k in ("accepted", "busy", "refused")}
                errors = [o for o in r["outcomes"] if o.startswith("error")]
                worst = max(r["storm"], default=float("inf"))
                ok = worst <= TARGET_S and not errors
                failed |= not ok
                print(
                    f"\n== {UPLOADERS} concurrent uploads of {name} ({len(data) / 1e6:.1f} MB), {args.rounds} rounds =="
                )
                for kind in ("quiet", "storm"):
                    lat = r[kind]
                    print(
                        f"viewer, {kind:5}: {len(lat):3} changes  p50 {pct(lat, 0.5) * 1e3:6.0f} ms  "
                        f"p95 {pct(lat, 0.95) * 1e3:6.0f} ms  max {max(lat) * 1e3:6.0f} ms  "
                        f"server CPU {r['cpu_' + kind]:.1f} s"
                    )
                print(
                    f"uploads: {len(r['outcomes'])}: {counts['accepted']} accepted, {counts['busy']} refused as busy, "
                    f"{counts['refused']} refused for their content, {len(errors)} errors {errors[:2]}; "
                    f"storms took {r['wall_storm']:.1f} s wall in all"
                )
                refusals = sorted({o for o in r["outcomes"] if o.startswith("refused")})
                for text in refusals[:1]:
                    print(f"  {text}")
                print(
                    f"  one upload alone ({r['lone'][:20]}), server CPU per step: "
                    + ", ".join(f"{k} {v * 1e3:.0f} ms" for k, v in r["lone_cpu"].items())
                )
                steps: dict[str, list[float]] = {}
                for step, start, end in TRACE:
                    steps.setdefault(step, []).append(end - start)
                print(
                    "  upload steps (median / max s): "
                    + ", ".join(f"{k} {pct(v, 0.5):.2f}/{max(v):.2f}" for k, v in steps.items() if k != "viewer")
                )
                if args.trace:
                    _trace(TARGET_S / 2)
                TRACE.clear()
                print(f"target: every change during the storm <= {TARGET_S:g} s: {'PASS' if ok else 'FAIL'}")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
