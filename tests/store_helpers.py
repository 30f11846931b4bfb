"""Small builders for store tests: a ticking clock and changed copies of bundled files."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
PASSWORD = "correct horse battery staple"
NEW_ID = "hs-taman-kota-baru"


class Clock:
    """A clock that starts at a fixed time and advances one second per reading (or on demand).

    It starts on the suite's day (``conftest.TODAY``, 08:00 UTC = 15:00 WIB): a revision stamped
    after the day the app validates against would be refused as "in the future"."""

    def __init__(self, start: datetime = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO((GEODATA / name).read_text(encoding="utf-8")))
    return list(reader.fieldnames or []), list(reader)


def to_csv(header: list[str], records: list[dict[str, str]], *, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode("utf-8")


def changed_hotspots(*, add: bool = True, rename: bool = True, remove: bool = True, status: str | None = None) -> bytes:
    """hotspots.csv with one hotspot added (11 m from the first), one renamed and one removed
    (and every row's status set to ``status``, when given).

    NOTE: the removed one is the last public hotspot, not the one internal hotspot (the last row).
    """
    header, records = rows("hotspots.csv")
    if status is not None:
        records = [{**r, "status": status} for r in records]
    first = dict(records[0])
    if rename:
        records[1] = {**records[1], "name": records[1]["name"] + " (renamed)"}
    if remove:
        del records[-2]
    if add:
        records.append(
            {**first, "id": NEW_ID, "name": "Wi-Fi publik Taman Kota", "lon": f"{float(first['lon']) + 0.0001:.6f}"}
        )
    return to_csv(header, records)


def renamed_id() -> str:
    return rows("hotspots.csv")[1][1]["id"]


def removed_id() -> str:
    return rows("hotspots.csv")[1][-2]["id"]


def cheap_hasher():
    """argon2 with small costs: the same code path, fast enough for tests."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
