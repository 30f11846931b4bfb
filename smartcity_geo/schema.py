"""Table schemas of the data pack, declared as data.

Every tabular dataset (CSV, or the properties of a GeoJSON file) has a :class:`TableSchema`;
:func:`smartcity_geo.datapack.read_table` checks a file against it cell by cell and raises
:class:`~smartcity_geo.errors.DataPackError` naming the file, row and column.

The programme datasets (elements, indicators, budget) declare their schemas in
:mod:`smartcity_geo.programme_schema`; they are merged into :data:`SCHEMAS` here.
"""

from __future__ import annotations

from .programme_schema import SCHEMAS as PROGRAMME_SCHEMAS
from .tableschema import (  # noqa: F401  (re-exported: the schema vocabulary)
    CODE_PATTERN,
    KECAMATAN_CODE_PATTERN,
    POSITION_METHODS,
    STATUSES,
    Column,
    ColumnKind,
    GeometryKind,
    Status,
    TableSchema,
)

# NOTE: no numeric range on lon/lat here: the reader checks positions against the city's
# box itself, with a message that suggests swapped axes.
_POINT_COLUMNS = (
    Column("lon", "float"),
    Column("lat", "float"),
)
_POSITION = (
    Column("position_method", "str", allowed=POSITION_METHODS),
    Column("position_note", "str", required=False),
    Column("position_note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
    Column("position_note_en", "str", required=False),
)

SPATIAL_SCHEMAS: dict[str, TableSchema] = {
    "kelurahan": TableSchema(
        "kelurahan",
        (
            Column("kode", "code", unique=True),
            Column("kode_kecamatan", "str"),
            Column("kecamatan", "str"),
            Column("kelurahan", "str"),
        ),
        geometry="polygon",
        min_rows=34,
    ),
    "hotspots": TableSchema(
        "hotspots",
        (
            Column("id", "str", unique=True),
            Column("name", "str"),
            Column("name_en", "str", required=False),  # the site's name in English, where it differs
            Column("type", "str", allowed=("public", "internal")),
            Column("site_kind", "str", allowed=("kelurahan_office", "public_facility", "government_office")),
            Column("kelurahan_code", "code"),
            *_POINT_COLUMNS,
            *_POSITION,
            Column("status", "status"),
            Column("source", "str"),
        ),
        geometry="point",
        lonlat=("lon", "lat"),
    ),
    "gov_sites": TableSchema(
        "gov_sites",
        (
            Column("id", "str", unique=True),
            Column("name", "str"),
            Column("name_en", "str", required=False),  # the site's name in English, where it differs
            Column(
                "role",
                "str",
                allowed=("server_room", "opd", "kecamatan_office", "kelurahan_office", "puskesmas"),
            ),
            Column("kelurahan_code", "code"),
            *_POINT_COLUMNS,
            *_POSITION,
            Column("status", "status"),
            Column("source", "str"),
        ),
        geometry="point",
        lonlat=("lon", "lat"),
    ),
    "network_links": TableSchema(
        "network_links",
        (
            Column("from_id", "str"),
            Column("to_id", "str"),
            Column("medium", "str", allowed=("fibre", "wireless", "leased_line")),
            Column("status", "status"),
        ),
    ),
    "cell_sites": TableSchema(
        "cell_sites",
        (
            Column("id", "str", unique=True),
            Column("operator", "str"),
            Column("technology", "str", allowed=("4G", "3G")),
            *_POINT_COLUMNS,
            Column("radius_m", "float", minimum=50, maximum=10000),
            Column("status", "status"),
        ),
        geometry="point",
        lonlat=("lon", "lat"),
    ),
    "broadband": TableSchema(
        "broadband",
        (
            Column("kelurahan_code", "code", unique=True),
            Column("fibre", "bool"),
            Column("households_passed_share", "float", minimum=0, maximum=1),
            Column("providers", "int", minimum=0, maximum=50),
            Column("status", "status"),
        ),
        min_rows=34,
    ),
    "tourism_areas": TableSchema(
        "tourism_areas",
        (
            Column("id", "str", unique=True),
            Column("name_id", "str"),
            Column("name_en", "str"),
            Column("theme", "str", allowed=("religi", "heritage", "harbour", "marina", "ecotourism", "kampung_tematik")),
            Column("designation", "str"),
            Column("designation_id", "str", required=False),  # Indonesian / English (i18n.localized)
            Column("designation_en", "str", required=False),
            Column("designation_source", "str"),
            Column("kelurahan_codes", "str"),
            Column("extent_method", "str", allowed=("kelurahan", "buffer", "not_mapped")),
            Column("extent_note", "str"),
            Column("extent_note_id", "str", required=False),
            Column("extent_note_en", "str", required=False),
        ),
        geometry="polygon",
    ),
    "facts": TableSchema(
        "facts",
        (
            Column("key", "str", unique=True),
            Column("label_id", "str"),
            Column("label_en", "str"),
            Column("value", "float", required=False),  # empty for a fact that is a statement (label only)
            Column("unit", "str", required=False),
            Column("as_of", "str"),
            Column("source", "str"),
            Column("status", "status"),
        ),
    ),
}


SCHEMAS: dict[str, TableSchema] = {**SPATIAL_SCHEMAS, **PROGRAMME_SCHEMAS}
