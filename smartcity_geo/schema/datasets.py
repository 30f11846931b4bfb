"""The schema of every dataset in the data pack, declared as data.

:data:`SPATIAL_SCHEMAS` (kelurahan boundaries, sites, towers, networks ...),
:data:`PROGRAMME_SCHEMAS` (the masterplan's elements, sub-dimensions, indicators, their
values and the budget) and :data:`SCHEMAS`, both by dataset key. The vocabulary is in
:mod:`smartcity_geo.schema.columns`; the checks that enforce it in
:mod:`smartcity_geo.schema.checks`.
"""

from __future__ import annotations

from .columns import (
    BUDGET_FIRST_YEAR,
    DIRECTIONS,
    ELEMENT_CODES,
    PERIOD_END,
    PERIOD_START,
    POSITION_METHODS,
    UNITS,
    Column,
    TableSchema,
)

# ======================================================================================
# The datasets

# NOTE: no numeric range on lon/lat here: positions are checked against the city's box and
# outline, with a message that suggests swapped axes.
_POINT_COLUMNS = (Column("lon", "float"), Column("lat", "float"))
_POSITION = (
    Column("position_method", "str", allowed=POSITION_METHODS),
    Column("position_note", "str", required=False),
    Column("position_note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
    Column("position_note_en", "str", required=False),
)
_STATUS = Column("status", "status")
_SOURCE = Column("source", "str")

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
        notes="One feature per kelurahan; how many is the manifest's pack.kelurahan_count.",
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
            _STATUS,
            _SOURCE,
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
            _STATUS,
            _SOURCE,
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
            _STATUS,
        ),
        unordered_pair=("from_id", "to_id"),
        notes="A link has no direction: (B, A) repeats (A, B); a site is never linked to itself.",
    ),
    "cell_sites": TableSchema(
        "cell_sites",
        (
            Column("id", "str", unique=True),
            Column("operator", "str"),
            Column("technology", "str", allowed=("4G", "3G")),
            *_POINT_COLUMNS,
            Column("radius_m", "float", minimum=50, maximum=10000),
            _STATUS,
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
            _STATUS,
        ),
        per_kelurahan="kelurahan_code",
    ),
    "tourism_areas": TableSchema(
        "tourism_areas",
        (
            Column("id", "str", unique=True),
            Column("name_id", "str"),
            Column("name_en", "str"),
            Column(
                "theme", "str", allowed=("religi", "heritage", "harbour", "marina", "ecotourism", "kampung_tematik")
            ),
            Column("designation", "str"),
            Column("designation_id", "str", required=False),  # Indonesian / English (i18n.localized)
            Column("designation_en", "str", required=False),
            Column("designation_source", "str"),
            Column("kelurahan_codes", "codes", formula_safe=False),
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
            Column("value", "float", required=False, minimum=0),  # empty for a fact that is a statement
            Column("unit", "str", required=False),
            Column("as_of", "date"),
            _SOURCE,
            _STATUS,
        ),
    ),
}

PROGRAMME_SCHEMAS: dict[str, TableSchema] = {
    "elements": TableSchema(
        "elements",
        (
            Column("code", "str", allowed=ELEMENT_CODES, unique=True),
            Column("name_id", "str"),
            Column("name_en", "str"),
        ),
        min_rows=len(ELEMENT_CODES),
        notes="The six smart-city elements (dimensi) of the Gerakan Menuju Smart City.",
    ),
    "subdimensions": TableSchema(
        "subdimensions",
        (
            Column("code", "str", unique=True),
            Column("element", "str", allowed=ELEMENT_CODES),
            Column("name_id", "str"),
            Column("name_en", "str"),
        ),
        min_rows=3 * len(ELEMENT_CODES),
        notes="Three sub-dimensions per element; code = '<element>-<two letters>'.",
    ),
    "indicators": TableSchema(
        "indicators",
        (
            Column("code", "str", unique=True),
            Column("subdimension", "str"),
            Column("name_id", "str"),
            Column("name_en", "str"),
            Column("unit", "str", allowed=tuple(UNITS)),
            Column("direction", "str", allowed=DIRECTIONS),
            Column("baseline", "float", required=False, minimum=0),
            Column("baseline_year", "int", required=False, minimum=BUDGET_FIRST_YEAR, maximum=PERIOD_END),
            Column("agency", "str"),
            Column("kelurahan_code", "code", required=False),
            _SOURCE,
            _STATUS,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        notes="Indicator definitions; kelurahan_code set for kelurahan-level indicators.",
    ),
    "indicator_values": TableSchema(
        "indicator_values",
        (
            Column("indicator", "str"),
            Column("year", "int", minimum=PERIOD_START, maximum=PERIOD_END),
            Column("target", "float", required=False, minimum=0),
            Column("actual", "float", required=False, minimum=0),
            _STATUS,
            Column("target_status", "status", required=False),
            _SOURCE,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        key_columns=("indicator", "year"),
        notes="Yearly target and actual per indicator; actual only for years that have passed.",
    ),
    "budget": TableSchema(
        "budget",
        (
            Column("year", "int", minimum=BUDGET_FIRST_YEAR, maximum=PERIOD_END),
            Column("element", "str", allowed=ELEMENT_CODES),
            Column("programme", "str", required=False),  # as the sources name it (Indonesian); part of the key
            Column("programme_en", "str", required=False),  # its English name, shown on English screens
            Column("agency", "str", required=False),
            Column("planned_idr", "idr", minimum=0),
            Column("realised_idr", "idr", required=False, minimum=0),
            _STATUS,
            _SOURCE,
            Column("note", "str", required=False),
            Column("note_id", "str", required=False),  # the note in Indonesian / English (i18n.localized)
            Column("note_en", "str", required=False),
        ),
        key_columns=("year", "element", "programme", "agency"),
        before_masterplan_status="official",
        notes=(
            "Additive budget lines (rupiah); element total = sum of its lines for the year. A line is"
            " what it funds (year, element, programme, agency), never its note or source: entered twice"
            " it would be counted twice. A line before the masterplan is sourced context (official)."
        ),
    ),
}

#: Every dataset's schema, by dataset key.
SCHEMAS: dict[str, TableSchema] = {**SPATIAL_SCHEMAS, **PROGRAMME_SCHEMAS}
