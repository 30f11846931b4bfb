"""Seal a data pack: record each listed file's size, SHA-256 and row count in its manifest.

Run after a deliberate edit of a data file (the dashboard refuses a file whose seal no
longer matches, as a half-written or hand-edited file)::

    python -m smartcity_geo.seal geodata

Only ``bytes``, ``sha256`` and ``rows`` of each dataset entry change; every other key keeps
its value and order, and the output is deterministic (2-space indented JSON, UTF-8,
one trailing newline), so sealing twice changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from pathlib import Path

MANIFEST = "manifest.json"


def count_rows(path: Path) -> int | None:
    """Data rows of a CSV (non-blank records after the header) or features of a GeoJSON file.

    ``None`` when the file cannot be counted (the dashboard then names the fault itself).
    """
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
        if path.suffix.lower() in (".geojson", ".json"):
            features = json.loads(text).get("features")
            return len(features) if isinstance(features, list) else None
        if path.suffix.lower() != ".csv":
            return None
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except (OSError, ValueError, csv.Error, AttributeError, RecursionError):
        return None
    return sum(1 for line in lines[1:] if any(cell.strip() for cell in line))


def seal_entry(root: Path, entry: dict, *, rows: bool = True) -> dict:
    """``entry`` with fresh ``bytes``/``sha256`` (and ``rows`` if asked) of its file, key order kept."""
    path = Path(root) / entry["file"]
    data = path.read_bytes()
    sealed = {**entry, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    if rows:
        count = count_rows(path)
        if count is None:
            sealed.pop("rows", None)
        else:
            sealed["rows"] = count
    return sealed


def seal(root: Path | str, *, rows: bool = True) -> list[str]:
    """Rewrite ``root/manifest.json`` with the seal of every listed file; the files whose seal changed."""
    root = Path(root)
    path = root / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    changed = []
    datasets = []
    for entry in manifest["datasets"]:
        sealed = seal_entry(root, entry, rows=rows)
        if sealed != entry:
            changed.append(entry["file"])
        datasets.append(sealed)
    manifest["datasets"] = datasets
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="")
    return changed


def main(argv: list[str] | None = None) -> int:
    """``python -m smartcity_geo.seal [pack folder]``: seal the pack; one line out, 0 on success."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args else "geodata")
    try:
        changed = seal(root)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"{root / MANIFEST}: cannot seal ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
    print(f"{root / MANIFEST}: sealed; changed: {', '.join(changed) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
