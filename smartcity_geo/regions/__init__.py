"""Build the data pack of any kota or kabupaten from its Kemendagri code (no streamlit here).

Reads the two upstream datasets by Cahya DSN (MIT) in their own layout:
``cahyadsn/wilayah`` (``db/wilayah.sql``: codes and names) and ``cahyadsn/wilayah_boundaries``
(``db/kel/<province>/wilayah_boundaries_kel_<kab/kota>.sql``: village polygons, latitude first).
:func:`build_region` writes a sealed pack::

    python -m smartcity_geo region PP.KK --boundaries PATH --names PATH --out packs/PP.KK

The pack (the contract the app reads):

* ``manifest.json``: the bundled pack's structure; ``pack`` has ``name``, ``version`` (the
  upstream files' latest update date), ``crs`` (EPSG:4326), ``metric_crs`` (the UTM zone of the
  region's centroid, ``EPSG:327ZZ`` in the south), ``kelurahan_count`` (village polygons) and
  ``region``: ``code``, ``name``, ``kind`` (``kota``/``kabupaten``), ``province`` {code, name},
  ``villages`` {total, kelurahan, desa} (polygons present; 4th code part starting 1 =
  kelurahan, else desa), ``kecamatan`` [{code, name}], ``missing_boundaries`` [{code, name,
  kind}] (named in wilayah.sql, no polygon), ``unlisted_boundaries`` [{code, name}] (a polygon
  whose code wilayah.sql does not hold: left out), ``repaired_boundaries`` [code] (made valid),
  ``bounds`` [minlon, minlat, maxlon, maxlat], ``source``, ``source_url``, ``licence``.
* ``kelurahan.geojson``: one feature per village polygon, properties ``kode``,
  ``kode_kecamatan``, ``kecamatan``, ``kelurahan`` (the village's name, kelurahan or desa),
  ``centroid_lat``, ``centroid_lng``; lon/lat rounded to 6 decimals.
* ``elements.csv`` and ``subdimensions.csv``: national, copied from the bundled pack.
* every other dataset of the bundled manifest: present and empty (header-only CSV, empty
  FeatureCollection), entry with ``status: "none"``, ``supplied: false``, ``rows: 0``, ``as_of``
  the pack's upstream date (not supplied as of then), and ``note_id``/``note_en`` saying the region has not yet supplied it and how an
  editor adds it.
* ``SOURCES.md``: attribution and both MIT notices.

A province code (``python -m smartcity_geo region PP``, :func:`build_province`) builds a
PROVINCE pack: the same files and manifest, for every kab/kota of the province, and:

* ``pack.region``: ``kind`` ``provinsi``, ``province`` itself, ``kabkota`` [{code, name, kind,
  villages {total, kelurahan, desa}, kecamatan (count), missing (count)}] for every kab/kota of
  the code list, ``kecamatan`` [{code, name, kabkota}] for all, ``missing_boundaries`` every
  village without a polygon (those of a kab/kota without any polygon too),
  ``kabkota_without_polygons`` [{code, name}] (listed, not fatal);
* ``kelurahan.geojson`` features also carry ``kode_kabkota`` and ``kabkota`` (province packs only:
  the bundled kab/kota file stays byte for byte as it is);
* ``geometry/kelurahan.zN.geojson`` (property ``kode``) and ``geometry/kabkota.zN.geojson``
  (``kode``, ``nama``) per zoom band (:mod:`.bands`: up to zoom 8, 250 m; zoom 9-10, 20 m;
  above, the full-detail file), listed in ``pack.geometry_bands`` [{max_zoom, tolerance_m,
  decimals, villages {file, bytes, sha256}, kabkota {file, bytes, sha256}}]; :func:`read_band`
  refuses a file whose size or SHA-256 differs.

:func:`collect_region` (one kab/kota) still refuses a province code, naming ``region PP``.
"""

from __future__ import annotations

from .bands import BANDS, read_band
from .errors import RegionError
from .pack import BUNDLED, Region, build_region, collect_region, kelurahan_geojson, village_kind, write_pack
from .province import Province, build_province, collect_province
from .shapes import utm_epsg


def is_province(code: str) -> bool:
    """``code`` is a province code (``PP``): :func:`build_province`, not :func:`build_region`."""
    return len((code or "").strip()) == 2 and (code or "").strip().isdigit()


__all__ = [
    "BANDS",
    "BUNDLED",
    "Province",
    "Region",
    "RegionError",
    "build_province",
    "build_region",
    "collect_province",
    "is_province",
    "collect_region",
    "kelurahan_geojson",
    "read_band",
    "utm_epsg",
    "village_kind",
    "write_pack",
]
