"""Files built to make a server work hard, for the tests and ``bench/bench_upload_bombs.py``.

Each builder returns the bytes of one file at most :data:`MAX_FILE_BYTES` long; none is kept
in the repository. The .xlsx files are written part by part (a zip of XML written directly),
so a million rows take a few seconds to build, not minutes.
"""

from __future__ import annotations

import io
import random
import zipfile

from smartcity_geo.datafiles import MAX_FILE_BYTES

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

BUDGET_HEADER = ("year", "element", "programme", "agency", "planned_idr", "realised_idr", "status", "source")


def _cell(ref: str, value) -> str:
    at = f' r="{ref}"' if ref else ""
    if value is None:
        return f"<c{at}/>"
    if isinstance(value, (int, float)):
        return f"<c{at}><v>{value}</v></c>"
    return f'<c{at} t="inlineStr"><is><t>{value}</t></is></c>'


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_rows(
    rows, *, dimension: str | None = None, compress: int = 6, refs: bool = True, shared_strings: int = 0
) -> bytes:
    """A one-sheet workbook of ``rows`` (an iterable of value tuples), streamed into the zip.

    ``refs``: cells carry their reference (``r="B7"``); without, their position in the row says.
    ``shared_strings``: a shared-strings part of that many distinct strings (read when the book opens).
    """
    strings = (
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>' if shared_strings else ""
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compress) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            f'"/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            f'sheet1.xml" ContentType="{_CT}.worksheet+xml"/>{strings}</Types>',
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        if shared_strings:
            with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
                fh.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">'.encode())
                for start in range(0, shared_strings, 50_000):
                    stop = min(start + 50_000, shared_strings)
                    fh.write("".join(f"<si><t>{n}</t></si>" for n in range(start, stop)).encode())
                fh.write(b"</sst>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{dim}<sheetData>'.encode())
            chunk: list[str] = []
            for number, values in enumerate(rows, start=1):
                cells = "".join(_cell(f"{_col(i)}{number}" if refs else "", v) for i, v in enumerate(values))
                chunk.append(f'<row r="{number}">{cells}</row>')
                if len(chunk) >= 20_000:
                    fh.write("".join(chunk).encode())
                    chunk = []
            fh.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    data = out.getvalue()
    assert len(data) <= MAX_FILE_BYTES, len(data)
    return data


def budget_rows(count: int, *, seed: int = 19):
    """The budget header, then ``count`` lines with varied amounts (so the zip stays large)."""
    rng = random.Random(seed)
    yield BUDGET_HEADER
    for _ in range(count):
        planned = rng.randrange(10**5, 10**7) * 1000
        yield (2024, "SG", "", "Diskominfotik", planned, "", "sample", "x")


def xlsx_million_rows() -> bytes:
    """About 17 MB: a budget sheet of 1,000,000 lines (the issue's 17.5 MB workbook)."""
    return xlsx_rows(budget_rows(1_000_000), dimension="A1:H1000001", refs=False)


def xlsx_many_small_rows() -> bytes:
    """700,000 one-cell rows and no declared size: small enough unpacked to reach the sheet reader."""
    return xlsx_rows((n,) for n in range(700_000))


def xlsx_many_strings() -> bytes:
    """A workbook whose shared strings (read when it opens) unpack to about 38 MB."""
    return xlsx_rows(iter([BUDGET_HEADER]), shared_strings=1_700_000)


def xlsx_false_dimension() -> bytes:
    """Two real rows in a sheet that declares the whole grid (A1:XFD1048576)."""
    return xlsx_rows(iter([BUDGET_HEADER, (2024, "SG", "", "", 1, "", "sample", "x")]), dimension="A1:XFD1048576")


def csv_blank_lines(size: int = MAX_FILE_BYTES) -> bytes:
    """A header, then blank lines up to ``size`` bytes (the issue's 20 MB of blank lines)."""
    head = ",".join(BUDGET_HEADER).encode() + b"\n"
    return head + b"\n" * (size - len(head))


def csv_wide_header(size: int = MAX_FILE_BYTES) -> bytes:
    """A header of millions of columns."""
    return b"a," * (size // 2 - 1) + b"a\n"


def csv_wide_row(size: int = MAX_FILE_BYTES) -> bytes:
    """A normal header, then one row of millions of empty cells."""
    head = ",".join(BUDGET_HEADER).encode() + b"\n"
    return head + b"," * (size - len(head) - 1) + b"\n"


def csv_many_rows(size: int = MAX_FILE_BYTES) -> bytes:
    """Valid-looking budget lines up to ``size`` bytes (far more rows than any dataset)."""
    head = ",".join(BUDGET_HEADER) + "\n"
    line = "2024,SG,,Diskominfotik,1000000,,sample,x\n"
    return (head + line * ((size - len(head)) // len(line))).encode()


#: name -> builder, every bomb the bench measures and the tests refuse.
BOMBS = {
    "xlsx_1m_rows": xlsx_million_rows,
    "xlsx_many_small_rows": xlsx_many_small_rows,
    "xlsx_many_strings": xlsx_many_strings,
    "xlsx_false_dimension": xlsx_false_dimension,
    "csv_blank_lines": csv_blank_lines,
    "csv_wide_header": csv_wide_header,
    "csv_wide_row": csv_wide_row,
    "csv_many_rows": csv_many_rows,
}


def csv_largest_valid(rows: int = 10_000) -> bytes:
    """A valid budget file with as many lines as the limits allow (each line its own programme)."""
    lines = [",".join(BUDGET_HEADER)]
    for n in range(rows - 1):
        lines.append(f"{2022 + n % 10},SG,Programme {n},Diskominfotik,{1_000_000 + n},,sample,illustrative sample")
    return ("\n".join(lines) + "\n").encode()


def xlsx_largest_valid_budget(rows: int = 10_000) -> bytes:
    """The same valid budget lines as an .xlsx (inline texts: openpyxl's slowest kind of cell)."""
    body = (
        (2022 + n % 10, "SG", f"Programme {n}", "Diskominfotik", 1_000_000 + n, None, "sample", "illustrative sample")
        for n in range(rows - 1)
    )
    return xlsx_rows(iter([BUDGET_HEADER, *body]))


def csv_long_cells(size: int = MAX_FILE_BYTES) -> bytes:
    """10,000 budget lines whose notes fill 20 MB: within every limit, so read to the end."""
    head = ",".join([*BUDGET_HEADER, "note"])
    note = "x" * ((size - 20 * 10_000) // 10_000 - 60)
    lines = [head] + [f"{2022 + n % 10},SG,P{n},D,1000,,sample,s,{note}" for n in range(9_999)]
    return ("\n".join(lines) + "\n").encode()


def xlsx_most_cells() -> bytes:
    """10,000 rows of 15 inline-text cells (150,000, the cell limit): openpyxl's slowest sheet."""
    header = (*BUDGET_HEADER, *(f"extra_{n}" for n in range(7)))
    body = ((2022 + n % 10, "SG", f"P{n}", "D", 1000 + n, None, "sample", "s", *("text",) * 7) for n in range(9_999))
    return xlsx_rows(iter([header, *body]))


def geojson_most_positions(positions: int = 730_000) -> bytes:
    """The tourism areas with one polygon of ``positions`` points (about 19.6 MB): read to the end."""
    import json
    import math
    from pathlib import Path

    doc = json.loads((Path(__file__).resolve().parent.parent / "geodata" / "tourism_areas.geojson").read_text())
    feature = next(f for f in doc["features"] if f["geometry"])
    cx, cy = 112.905, -7.645
    ring = [
        [
            round(cx + 0.001 * math.cos(2 * math.pi * i / positions), 7),
            round(cy + 0.001 * math.sin(2 * math.pi * i / positions), 7),
        ]
        for i in range(positions)
    ]
    feature["geometry"] = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    data = json.dumps(doc).encode()
    assert len(data) <= MAX_FILE_BYTES, len(data)
    return data
