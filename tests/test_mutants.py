"""Every bundled CSV/GeoJSON, broken in every way we can think of: refused clearly or loaded, never a crash.

For each data file a family of mutants is generated (dropped, renamed and duplicated
columns, wrong types, out-of-range and wrong-sign values, ambiguous numbers, formula text,
duplicate rows, a repeated header, truncation at every line (sampled for long files) and
inside lines, wrong encodings, wrong JSON structure, positions outside the city). Each is
written into a copy of the pack and must either be refused with one
:class:`DataPackError` naming a file of the pack (in both languages, never the internal
safety net) or load.

NOTE: to stay fast, a mutant is judged as :func:`load_pack` would judge it once re-sealed
(``seal(rows=False)``: the recorded row counts stay, so cut files are caught by them):
read it with ``read_dataset_bytes``, compare its rows with the manifest, then
``with_table`` on the bundled pack. ``test_a_sample_of_mutants_loads_as_judged`` checks
that this is what ``load_pack`` says for a sample; ``test_unsealed_mutants_are_caught``
that an edit which is not re-sealed is refused by the checksum, naming the file.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from shapely import affinity
from shapely.geometry import mapping, shape

from smartcity_geo.datapack import load_pack, read_dataset_bytes
from smartcity_geo.errors import DataPackError
from smartcity_geo.schema import SCHEMAS
from smartcity_geo.seal import seal

GEODATA = Path(__file__).resolve().parent.parent / "geodata"
MANIFEST = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
FILES = {entry["key"]: entry["file"] for entry in MANIFEST["datasets"]}
ROWS = {entry["key"]: entry["rows"] for entry in MANIFEST["datasets"]}
MAX_CUTS = 40  # truncation points per file: every line of a short file, an even sample of a long one


@pytest.fixture(scope="module")
def pack(today):
    return load_pack(GEODATA, today=today)


def _csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _cuts(text: str) -> Iterator[tuple[str, bytes]]:
    lines = text.splitlines(keepends=True)
    step = max(1, len(lines) // MAX_CUTS)
    for n in sorted({*range(0, len(lines), step), len(lines) - 1}):
        yield f"cut after line {n}", "".join(lines[:n]).encode("utf-8")
        middle = len("".join(lines[:n])) + len(lines[n]) // 2
        yield f"cut inside line {n + 1}", text[:middle].encode("utf-8")


def _encodings(text: str) -> Iterator[tuple[str, bytes]]:
    accented = text.replace("a", "\u00e9", 3)
    yield "latin-1", accented.encode("latin-1", errors="replace")
    yield "cp1252", accented.encode("cp1252", errors="replace")
    yield "utf-16", text.encode("utf-16")
    yield "utf-16-le", text.encode("utf-16-le")
    yield "nul byte", text.replace("\n", "\n\x00", 2).encode("utf-8")
    yield "empty", b""
    yield "binary", bytes(range(256)) * 4


NUMBER_VALUES = ("abc", "-1", "-0.5", "99999999999", "1e400", "1.500", "1,500", "", " ")
TEXT_VALUES = ("abc", "-1", "=1+1", "@SUM(A1)", "\tx", "", " ")


def csv_mutants(key: str, text: str) -> Iterator[tuple[str, bytes]]:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    kinds = {c.name: c.kind for c in SCHEMAS[key].columns}
    for i, col in enumerate(header):
        values = NUMBER_VALUES if kinds.get(col) in ("int", "float", "idr") else TEXT_VALUES
        yield f"drop {col}", _csv([r[:i] + r[i + 1 :] for r in rows])
        yield f"rename {col}", _csv([header[:i] + [col + "_x"] + header[i + 1 :], *body])
        yield f"duplicate column {col}", _csv([r + [r[i]] for r in rows])
        for bad in values:
            yield f"{col} = {bad!r}", _csv([header, body[0][:i] + [bad] + body[0][i + 1 :], *body[1:]])
        if col in ("lon", "lat"):
            far = "113.05" if col == "lon" else "-7.55"
            yield f"{col} outside the city", _csv([header, body[0][:i] + [far] + body[0][i + 1 :], *body[1:]])
    yield "swapped lon/lat", _csv([[{"lon": "lat", "lat": "lon"}.get(c, c) for c in header], *body])
    yield "duplicate row", _csv([*rows, body[0]])
    yield "duplicate last row", _csv([*rows, body[-1]])
    yield "repeated header", _csv([*rows, header])
    yield "semicolon-separated", _csv(rows, ";")
    yield "extra cell", _csv([header, [*body[0], "x"], *body[1:]])
    yield "missing cell", _csv([header, body[0][:-1], *body[1:]])
    yield "header only", _csv([header])
    yield from _cuts(text)
    yield from _encodings(text)


def _json(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def geojson_mutants(text: str) -> Iterator[tuple[str, bytes]]:
    doc = json.loads(text)

    def edited(edit) -> bytes:
        copy = json.loads(text)
        edit(copy)
        return _json(copy)

    def geometry(index: int, change) -> bytes:
        def edit(d):
            d["features"][index]["geometry"] = change(d["features"][index]["geometry"])

        return edited(edit)

    yield "crs as a string", edited(lambda d: d.update(crs="EPSG:4326"))
    yield "crs in metres", edited(lambda d: d.update(crs={"type": "name", "properties": {"name": "EPSG:3857"}}))
    yield "null feature", edited(lambda d: d["features"].__setitem__(0, None))
    yield "feature a list", edited(lambda d: d["features"].__setitem__(0, []))
    yield "properties a list", edited(lambda d: d["features"][0].update(properties=[1, 2]))
    yield "properties null", edited(lambda d: d["features"][0].update(properties=None))
    yield "features an object", edited(lambda d: d.update(features={"0": d["features"][0]}))
    yield "features missing", edited(lambda d: d.pop("features"))
    yield "no features", edited(lambda d: d.update(features=[]))
    yield "not a collection", edited(lambda d: d.update(type="Feature"))
    yield "a list", _json(doc["features"])
    yield "null", b"null"
    yield "deeply nested", b"[" * 100_000 + b"]" * 100_000
    yield "geometry a string", geometry(0, lambda g: "POLYGON((0 0, 1 1, 1 0, 0 0))")
    yield "geometry a point", geometry(0, lambda g: {"type": "Point", "coordinates": [112.9, -7.64]})
    yield "geometry without coordinates", geometry(0, lambda g: {"type": "Polygon"})
    yield "geometry with text coordinates", geometry(0, lambda g: {"type": "Polygon", "coordinates": "abc"})
    yield "geometry null", geometry(0, lambda g: None)
    yield "moved 13 km east", geometry(0, lambda g: mapping(affinity.translate(shape(g), xoff=0.12)))
    yield "moved 300 m east", geometry(0, lambda g: mapping(affinity.translate(shape(g), xoff=0.003)))
    yield "axes swapped", geometry(0, lambda g: mapping(affinity.affine_transform(shape(g), [0, 1, 1, 0, 0, 0])))
    yield (
        "bow-tie",
        geometry(
            0,
            lambda g: {
                "type": "Polygon",
                "coordinates": [[[112.9, -7.64], [112.91, -7.65], [112.91, -7.64], [112.9, -7.65], [112.9, -7.64]]],
            },
        ),
    )
    yield "duplicate feature", edited(lambda d: d["features"].append(d["features"][0]))
    yield "one feature less", edited(lambda d: d["features"].pop())
    for name in doc["features"][0]["properties"]:
        yield f"drop {name}", edited(lambda d, n=name: [f["properties"].pop(n, None) for f in d["features"]])
        yield (
            f"rename {name}",
            edited(
                lambda d, n=name: [f["properties"].__setitem__(n + "_x", f["properties"].pop(n)) for f in d["features"]]
            ),
        )
        for bad in ("abc", -1, 1e308, {"a": 1}, [1], True, None, "=1+1", "1.500"):
            yield f"{name} = {bad!r}", edited(lambda d, n=name, b=bad: d["features"][0]["properties"].__setitem__(n, b))
    yield from _cuts(text)
    yield from _encodings(text)


@functools.cache
def mutants() -> tuple[tuple[str, str, str, bytes], ...]:
    """(dataset key, file, mutant name, bytes) for every bundled file; generated once."""
    out = []
    for key, file in FILES.items():
        text = (GEODATA / file).read_text(encoding="utf-8")
        family = geojson_mutants(text) if file.endswith(".geojson") else csv_mutants(key, text)
        out.extend((key, file, name, data) for name, data in family)
    return tuple(out)


def judge(pack, key: str, file: str, data: bytes):
    """What ``load_pack`` says of the pack with ``file`` replaced by ``data`` and re-sealed (rows kept)."""
    table = read_dataset_bytes(key, file, data)
    if len(table) != ROWS[key]:
        raise DataPackError("row_count", file=file, expected=ROWS[key], got=len(table), command="seal")
    return pack.with_table(key, table)


def _check_refusal(err: DataPackError, file: str, label: str) -> None:
    assert err.key != "internal", f"{label}: the safety net caught {err.params}"
    assert err.file in (*FILES.values(), "manifest.json"), label
    for lang in ("id", "en"):
        assert err.message(lang).startswith("Berkas " if lang == "id" else "File "), label


def test_every_mutant_is_refused_by_name_or_loads(pack, tmp_path):
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    outcomes = {"refused": 0, "loaded": 0}
    seen_files = set()
    for key, file, name, data in mutants():
        label = f"{file}: {name}"
        (root / file).write_bytes(data)  # the mutant, in a copy of the pack
        written = (root / file).read_bytes()
        try:
            judge(pack, key, file, written)
        except DataPackError as err:
            _check_refusal(err, file, label)
            outcomes["refused"] += 1
        except Exception as exc:  # pragma: no cover - the failure this test exists to find
            pytest.fail(f"{label}: raised {type(exc).__name__}: {exc}")
        else:
            outcomes["loaded"] += 1
        seen_files.add(file)
        shutil.copyfile(GEODATA / file, root / file)
    assert seen_files == set(FILES.values())
    assert outcomes["refused"] > 10 * len(FILES) and outcomes["loaded"] > 0, outcomes


# The mutants the issue found loading silently: each must now be refused.
MUST_BE_REFUSED = [
    ("broadband", "cut after line 34"),
    ("broadband", "cut after line 19"),
    ("budget", "cut after line 2"),
    ("budget", "duplicate row"),
    ("budget", "planned_idr = '1.500'"),
    ("network_links", "duplicate row"),
    ("network_links", "repeated header"),
    ("facts", "value = '-1'"),
    ("tourism_areas", "moved 13 km east"),
    ("kelurahan", "crs as a string"),
    ("kelurahan", "null feature"),
    ("kelurahan", "properties a list"),
    ("kelurahan", "features an object"),
    ("hotspots", "nul byte"),
    ("hotspots", "name = '=1+1'"),
    ("hotspots", "name = '@SUM(A1)'"),
    ("facts", "label_id = '\\tx'"),
    ("cell_sites", "lon outside the city"),
]


@pytest.mark.parametrize(("key", "name"), MUST_BE_REFUSED)
def test_the_harmful_mutants_are_refused(pack, key, name):
    by_name = {(k, n): data for k, _, n, data in mutants() if k == key}
    with pytest.raises(DataPackError) as err:
        judge(pack, key, FILES[key], by_name[(key, name)])
    _check_refusal(err.value, FILES[key], name)


def test_a_semicolon_separated_copy_of_every_csv_loads_unchanged(pack):
    for key, file, name, data in mutants():
        if name == "semicolon-separated":
            new = judge(pack, key, file, data)
            assert (
                new.table(key)
                .drop(columns="geometry", errors="ignore")
                .equals(pack.table(key).drop(columns="geometry", errors="ignore"))
            ), file


SAMPLE = [
    ("broadband", "cut after line 19"),
    ("facts", "value = '1.500'"),
    ("tourism_areas", "moved 13 km east"),
    ("hotspots", "semicolon-separated"),
    ("budget", "note = 'abc'"),
]


@pytest.mark.parametrize(("key", "name"), SAMPLE)
def test_a_sample_of_mutants_loads_as_judged(pack, tmp_path, key, name, today):
    data = next(d for k, _, n, d in mutants() if (k, n) == (key, name))
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    (root / FILES[key]).write_bytes(data)
    seal(root, rows=False)
    try:
        judge(pack, key, FILES[key], data)
    except DataPackError as expected:
        with pytest.raises(DataPackError) as err:
            load_pack(root, today=today)
        assert (err.value.key, err.value.file, err.value.row, err.value.column) == (
            expected.key,
            expected.file,
            expected.row,
            expected.column,
        )
    else:
        assert len(load_pack(root, today=today).table(key)) == ROWS[key]


@pytest.mark.parametrize("key", sorted(FILES))
def test_unsealed_mutants_are_caught(tmp_path, key, today):
    data = next(d for k, _, n, d in mutants() if k == key and n.startswith("cut inside"))
    root = tmp_path / "geodata"
    shutil.copytree(GEODATA, root)
    (root / FILES[key]).write_bytes(data)
    with pytest.raises(DataPackError) as err:
        load_pack(root, today=today)
    assert (err.value.key, err.value.file) == ("checksum", FILES[key])
    assert "python -m smartcity_geo.seal geodata" in err.value.message("id")
