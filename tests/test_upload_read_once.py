"""An accepted upload is read once, inside the server's upload slots (issue 19, the upload storm).

``ui.loaders.try_upload`` reads the file while holding one of the server's parse slots
(``smartcity_geo.limits``); the page then reruns. That rerun must find the pack already made,
not read the file a second time outside the slots: with eight uploads at once, the second reads
escaped the limit and held the other viewers' clicks (bench/bench_upload_storm.py).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from streamlit.testing.v1 import AppTest

from smartcity_geo import limits
from smartcity_geo.datapack import DataPack

ROOT = Path(__file__).resolve().parent.parent


def _upload_then_rerun_script():
    import streamlit as st

    from ui import loaders

    loaders.try_upload(loaders.begin_run(), "budget", "budget.csv", st.session_state["data"])
    run = loaders.begin_run()  # the rerun after the upload
    st.text(f"{[key for key, _, _ in run.uploads]} {run.pack.table('budget')['note_en'].iloc[-1]}")


def test_an_accepted_upload_is_read_once_inside_a_slot_and_used_by_the_next_run(monkeypatch):
    rows = list(csv.reader(io.StringIO((ROOT / "geodata" / "budget.csv").read_text(encoding="utf-8"))))
    # the last line's English note changed: a file no other test uploads, so no cache answers for it
    rows[-1][rows[0].index("note_en")] += " (read once)"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    reads = []
    original = DataPack.with_uploads

    def counting(self, files):
        reads.append(limits._PARSES._value < limits.MAX_CONCURRENT_PARSES)  # a slot held?
        return original(self, files)

    monkeypatch.setattr(DataPack, "with_uploads", counting)
    at = AppTest.from_function(_upload_then_rerun_script)
    at.session_state["data"] = out.getvalue().encode()
    at.run(timeout=60)
    assert not at.exception, at.exception
    assert reads == [True]  # read once, and while holding one of the server's slots
    assert at.text[0].value.startswith("['budget'] ") and at.text[0].value.endswith("(read once)")
