"""Readers of the two upstream datasets, in their own layout (a clone of each works).

* ``cahyadsn/wilayah``: ``db/wilayah.sql``, one ``('PP.KK.CC.DDDD','name'),`` row per line
  (province ``PP``, kab/kota ``PP.KK``, kecamatan ``PP.KK.CC``, kelurahan/desa ``PP.KK.CC.DDDD``).
* ``cahyadsn/wilayah_boundaries``: ``db/kel/<province>/wilayah_boundaries_kel_<kab/kota>.sql``,
  one ``(kode, nama, lat, lng, path)`` row per line; ``path`` is JSON with LATITUDE FIRST,
  one ring list per polygon or a list of polygons (a multipolygon).

Both are read line by line with a regular expression (no SQL engine): the largest file of a
province is a few MB and reads in well under a second. A line that starts a row but does not
read as one raises :class:`RegionError` naming the file and line: nothing is skipped in silence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import RegionError

NAMES_FILE = Path("db") / "wilayah.sql"
KEL_DIR = Path("db") / "kel"

_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_NAME_ROW = re.compile(r"\(\s*'(?P<code>[0-9.]+)'\s*,\s*'(?P<name>(?:[^'\\]|'')*)'\s*\)\s*[,;]?\s*")
_BOUNDARY_ROW = re.compile(
    r"\s*\(\s*'(?P<code>[0-9.]+)'\s*,\s*'(?P<name>(?:[^'\\]|'')*)'\s*,"
    rf"\s*(?P<lat>{_NUMBER}|NULL)\s*,\s*(?P<lng>{_NUMBER}|NULL)\s*,\s*'(?P<path>[^']*)'\s*\)\s*[,;]?\s*"
)
_UPDATED = re.compile(r"^(?:updated_at|last edit)\s*:\s*(\d{4}-\d{2}-\d{2})", re.MULTILINE)


@dataclass(frozen=True)
class BoundaryRow:
    """One polygon row of ``wilayah_boundaries``: code, name, stored centroid and the raw rings."""

    code: str
    name: str
    lat: float | None
    lng: float | None
    path: list  # JSON as stored: [lat, lng] pairs
    line: int


def _unquote(text: str) -> str:
    return text.replace("''", "'")


def _display(path: Path) -> str:
    return str(path)


def names_file(names_root: Path) -> Path:
    """``db/wilayah.sql`` of a ``cahyadsn/wilayah`` clone; refused when the folder is not that layout."""
    root = Path(names_root)
    path = root / NAMES_FILE
    if not path.is_file():
        raise RegionError("not_layout", path=_display(root), expected=str(NAMES_FILE))
    return path


def boundary_file(boundaries_root: Path, code: str) -> Path:
    """``db/kel/<province>/wilayah_boundaries_kel_<code>.sql``; refused when the folder is not that layout."""
    root = Path(boundaries_root)
    if not (root / KEL_DIR).is_dir():
        raise RegionError("not_layout", path=_display(root), expected=str(KEL_DIR) + "/")
    province = code.split(".")[0]
    return root / KEL_DIR / province / f"wilayah_boundaries_kel_{code}.sql"


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegionError("malformed", file=_display(path), line=1, detail=f"not UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise RegionError("unreadable", file=_display(path), detail=exc.strerror or type(exc).__name__) from None


def updated_at(text: str) -> str:
    """The ``updated_at``/``last edit`` date of an upstream file's header (``""`` if none)."""
    match = _UPDATED.search(text[:4000])
    return match.group(1) if match else ""


@dataclass(frozen=True)
class Names:
    """Codes and names under one prefix of ``db/wilayah.sql`` (``"35"`` reads all of Jawa Timur)."""

    file: Path
    names: dict[str, str]
    updated_at: str


def read_names(names_root: Path, province: str) -> Names:
    """Every code and name of ``province`` (e.g. ``"35"``) in ``db/wilayah.sql``.

    Only lines of that province are parsed (a quick ``startswith`` skips the others), and each
    of them must read as a row.
    """
    path = names_file(names_root)
    text = _read_text(path)
    if "INSERT INTO wilayah" not in text:
        raise RegionError("malformed", file=_display(path), line=1, detail="no INSERT INTO wilayah")
    starts = (f"('{province}'", f"('{province}.")
    names: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith(starts):
            continue
        match = _NAME_ROW.fullmatch(stripped)
        if match is None:
            raise RegionError("malformed", file=_display(path), line=number, detail=stripped[:60])
        names[match["code"]] = _unquote(match["name"])
    return Names(path, names, updated_at(text))


@dataclass(frozen=True)
class Boundaries:
    """The polygon rows of one kab/kota file."""

    file: Path
    rows: list[BoundaryRow]
    updated_at: str


def read_boundaries(boundaries_root: Path, code: str) -> Boundaries | None:
    """The rows of ``wilayah_boundaries_kel_<code>.sql``; ``None`` when the region has no such file.

    Every row must be a village code of ``code`` (``PP.KK.CC.DDDD``), once, with a JSON path.
    """
    path = boundary_file(boundaries_root, code)
    if not path.is_file():
        return None
    text = _read_text(path)
    where = _display(path)
    rows: list[BoundaryRow] = []
    seen: dict[str, int] = {}
    village = re.compile(re.escape(code) + r"\.\d{2}\.\d{4}")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("("):
            continue
        match = _BOUNDARY_ROW.fullmatch(line)
        if match is None:
            raise RegionError("malformed", file=where, line=number, detail=line.strip()[:60])
        row_code = match["code"]
        if not village.fullmatch(row_code):
            raise RegionError("foreign_code", file=where, line=number, code=row_code, region=code)
        if row_code in seen:
            raise RegionError("duplicate_code", file=where, line=number, code=row_code, first=seen[row_code])
        seen[row_code] = number
        try:
            shape = json.loads(match["path"])
        except ValueError as exc:
            raise RegionError("malformed", file=where, line=number, detail=f"{row_code}: path ({exc.msg})") from None
        rows.append(
            BoundaryRow(
                code=row_code,
                name=_unquote(match["name"]),
                lat=None if match["lat"] == "NULL" else float(match["lat"]),
                lng=None if match["lng"] == "NULL" else float(match["lng"]),
                path=shape,
                line=number,
            )
        )
    if not rows and "INSERT INTO wilayah_boundaries" not in text:
        raise RegionError("malformed", file=where, line=1, detail="no INSERT INTO wilayah_boundaries")
    return Boundaries(path, rows, updated_at(text))
