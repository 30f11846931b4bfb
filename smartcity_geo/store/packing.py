"""From revisions to a pack and back: the pack the app shows, the files the store keeps, the export.

- :func:`build_pack`: the bundled pack with every dataset's latest revision in its place,
  cross-checked as a whole;
- :func:`canonical`: an imported file in the pack layout (UTF-8 comma CSV or GeoJSON);
- :func:`features`: a table's rows as the ``feature`` table stores them;
- :func:`export_folder`: the latest revisions written out as a pack folder that loads with
  :func:`~smartcity_geo.datapack.load_pack`.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import fields, replace
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from ..datapack import MANIFEST, DataPack, DatasetMeta, load_pack, read_dataset_bytes
from ..rules import DATA_STATUSES
from ..schema import SCHEMAS
from .diff import key_columns, row_key, row_values
from .errors import StoreError
from .records import sha256


def export_folder(bundled: DataPack, latest: dict[str, dict], folder: Path) -> Path:
    """Write ``latest`` (dataset key -> its latest revision row) as a pack folder in the bundled layout.

    The result loads with :func:`~smartcity_geo.datapack.load_pack`, so a city can hand its
    data over or start a fresh server from it (``SMARTCITY_DATA_DIR``).
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StoreError("export_not_folder", folder=str(folder))
    if folder.is_dir() and any(folder.iterdir()):
        raise StoreError("export_not_empty", folder=str(folder))
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_export(bundled, latest, folder)
        load_pack(folder, today=bundled.today)  # the export must load as a pack, or the command fails
    except OSError as err:
        _clean(folder, created)
        raise StoreError("export_unwritable", folder=str(folder), detail=err.strerror or str(err)) from None
    except BaseException:
        _clean(folder, created)
        raise
    return folder


def _clean(folder: Path, created: bool) -> None:
    """Nothing half-written: remove what an export that failed wrote (the folder too, if it made it)."""
    if created:
        shutil.rmtree(folder, ignore_errors=True)
    elif folder.is_dir():
        for path in folder.iterdir():
            if path.is_file():
                path.unlink(missing_ok=True)


def _write_export(bundled: DataPack, latest: dict[str, dict], folder: Path) -> None:
    manifest = json.loads((Path(bundled.root) / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest.get("datasets", []):
        row = latest.get(entry.get("key"))
        if row is None:
            data = (Path(bundled.root) / entry["file"]).read_bytes()
        else:
            data = bytes(row["content"])
            entry.update(
                status=row["status"],
                source=row["source"],
                source_url=row["source_url"],
                as_of=row["as_of"],
            )
        (folder / entry["file"]).write_bytes(data)
        # Sealed manifests record each file's size and SHA-256: keep them true.
        if "sha256" in entry:
            entry["sha256"] = sha256(data)
        if "bytes" in entry:
            entry["bytes"] = len(data)
        if "rows" in entry and row is not None:
            entry["rows"] = row["row_count"]
    manifest.setdefault("pack", {})["exported_revision"] = max((r["id"] for r in latest.values()), default=0)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    sources = Path(bundled.root) / "SOURCES.md"
    if sources.is_file():
        (folder / "SOURCES.md").write_bytes(sources.read_bytes())


def build_pack(bundled: DataPack, latest: dict[str, dict]) -> DataPack:
    """The pack the app shows: ``bundled`` with the revisions in ``latest`` in place, cross-checked."""
    tables = dict(bundled.tables)
    metas = dict(bundled.metas)
    for key, meta in bundled.metas.items():
        row = latest.get(key)
        if row is None:
            continue
        content = bytes(row["content"])
        if row["action"] != "seed" or sha256(content) != sha256((Path(bundled.root) / meta.file).read_bytes()):
            tables[key] = read_dataset_bytes(key, row["content_name"], content, allow_empty=True)
        metas[key] = _meta(meta, row)
    pack = replace(bundled, tables=MappingProxyType(tables), metas=MappingProxyType(metas))
    return pack.with_table("kelurahan", tables["kelurahan"])  # cross-checks the whole pack


def _meta(meta: DatasetMeta, row: dict) -> DatasetMeta:
    """The bundled meta with the revision's declared status, source and as-of (and seal, if metas carry one)."""
    values = {"status": row["status"], "source": row["source"], "source_url": row["source_url"], "as_of": row["as_of"]}
    names = {f.name for f in fields(meta)}
    if "declared" in names:  # the revision declares afresh; the pack settles it by the rows again
        values["declared"] = ""
    content = bytes(row["content"])
    if "sha256" in names:
        values["sha256"] = sha256(content)
    if "bytes" in names:
        values["bytes"] = len(content)
    if "rows" in names:
        values["rows"] = row["row_count"]
    for name in ("source_id", "source_en"):  # the pack's per-language source line, unless the source changed
        if name in names and row["source"] != meta.source:
            values[name] = ""
    return replace(meta, **values)


def allowed_row_statuses(meta: DatasetMeta | None, declared: str) -> tuple[str, ...]:
    """Statuses a row may claim in a revision declared ``declared``: that one, weaker ones, and the
    exceptions the manifest allows for this dataset (``row_statuses``), if it names any."""
    if meta is not None and hasattr(meta, "allowed_statuses"):
        return tuple(replace(meta, status=declared).allowed_statuses())
    return DATA_STATUSES[DATA_STATUSES.index(declared) :]


def features(key: str, table: pd.DataFrame, revision_id: int) -> list[dict]:
    """The rows of ``table`` as ``feature`` rows of revision ``revision_id`` (properties as JSON, EWKT geometry)."""
    columns = key_columns(key)
    records = row_values(table, key)
    has_geometry = "geometry" in table.columns
    out = []
    for i, record in enumerate(records):
        geom = table.geometry.iloc[i] if has_geometry else None
        props = {k: v for k, v in record.items() if k != "geometry"}
        out.append(
            {
                "revision_id": revision_id,
                "row": int(table["_row"].iloc[i]),
                "row_key": row_key(record, columns),
                "properties": json.dumps(props, ensure_ascii=False, default=str),
                "geom": None if geom is None or geom.is_empty else f"SRID=4326;{geom.wkt}",
            }
        )
    return out


def canonical(key: str, file_name: str, data: bytes, table: pd.DataFrame, content_name: str) -> bytes:
    """The file in the pack layout: UTF-8, comma-separated CSV or GeoJSON.

    A UTF-8 comma-separated CSV or a GeoJSON file is kept byte for byte; a semicolon CSV or
    an XLSX workbook is written out as a comma CSV and read back, which must give the same
    rows (or the file is refused with a message saying how to save it).
    """
    suffix = Path(file_name).suffix.lower()
    target = Path(content_name).suffix.lower()
    if suffix == target and suffix in (".geojson", ".json"):
        return data
    if suffix == ".csv" and target == ".csv":
        try:
            first = data.decode("utf-8-sig").split("\n", 1)[0]
        except UnicodeDecodeError:
            first = ""
        if first and first.count(",") >= first.count(";"):
            return data
    if target != ".csv":
        raise StoreError("wrong_format", file=file_name, expected=target)
    names = [c.name for c in SCHEMAS[key].columns if c.name in table.columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for record in row_values(table, key):
        writer.writerow([_cell(record[name]) for name in names])
    content = out.getvalue().encode("utf-8")
    again = read_dataset_bytes(key, content_name, content)
    if row_values(again, key) != row_values(table, key):
        raise StoreError("not_normalisable", file=file_name)
    return content


def _cell(value: object) -> str:
    """A typed value written so the pack's number rule reads it back unchanged.

    NOTE: a number with exactly three decimals (``1.234``) could be a thousands group, so it
    gets a fourth digit (``1.2340``), as the pack itself writes them.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:.12f}".rstrip("0")
        if len(text.split(".")[-1]) == 3:
            text += "0"
        return text
    return str(value)
