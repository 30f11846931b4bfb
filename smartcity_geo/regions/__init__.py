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

NOTE: a province code (``35``) is refused for now; :func:`collect_region` is per kab/kota so a
province pack can later group several of them (kab/kota, then kecamatan).
"""

from __future__ import annotations

from .errors import RegionError
from .pack import BUNDLED, Region, build_region, collect_region, kelurahan_geojson, village_kind, write_pack
from .shapes import utm_epsg

__all__ = [
    "BUNDLED",
    "Region",
    "RegionError",
    "build_region",
    "collect_region",
    "kelurahan_geojson",
    "utm_epsg",
    "village_kind",
    "write_pack",
]
