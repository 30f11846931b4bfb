"""The region a data pack is for: a kota or kabupaten, read from the manifest's ``pack.region``.

Everything the app says or computes that depends on the region comes from here, never from
a literal in the code: the region's name and kind, the word for its villages, its counts,
the code pattern quoted in validation messages, and its metric projection (the map's view is fitted to the boundaries: ``layers.view_for``).

The manifest block (written by ``python -m smartcity_geo region CODE``; the bundled pack has
one too)::

    "region": {"code": "35.79", "name": "Kota Batu", "kind": "kota",
               "province": {"code": "35", "name": "Jawa Timur"},
               "villages": {"total": 24, "kelurahan": 5, "desa": 19},
               "kecamatan": [{"code": "35.79.01", "name": "Batu"}, ...],
               "missing_boundaries": [{"code": "...", "name": "...", "kind": "desa"}],
               "bounds": [minlon, minlat, maxlon, maxlat], "source": "...", "licence": "..."}

The village words (:meth:`Region.words`). Kemendagri divides a kecamatan into *kelurahan*
(urban, led by a civil-servant lurah) and *desa* (villages with their own elected
government). The app keeps both as Indonesian administrative terms in English too, as it
keeps *kecamatan*: a translation ("urban village", "village") would blur the distinction an
assessor cares about. A region with only kelurahan says "kelurahan", only desa "desa", and
both "kelurahan/desa" (id and en alike). The kind is "Kota"/"Kabupaten" in Indonesian and
"City"/"Regency" in English.

:func:`text_context` makes these words the defaults of :func:`smartcity_geo.strings.t` for
the code that runs inside it (a context variable: each Streamlit run sets it for its own
thread, so two regions never mix).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import DataPackError
from .strings import region_words

__all__ = ["KINDS", "KabKota", "Kecamatan", "MissingBoundary", "Region", "parse_region", "text_context", "utm_crs"]

KINDS = ("kota", "kabupaten", "provinsi")
KABKOTA_KINDS = ("kota", "kabupaten")
PROVINCE = "provinsi"
VILLAGE_KINDS = ("kelurahan", "desa")
_REGION_CODE = re.compile(r"^\d{2}(?:\.\d{2})?$")
_KEC_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
_VILLAGE_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_UTM_SOUTH = re.compile(r"^EPSG:327(\d{2})$")
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Kecamatan:
    code: str
    name: str


@dataclass(frozen=True)
class KabKota:
    """One kab/kota of a province pack (a kab/kota pack has none)."""

    code: str
    name: str
    kind: str  # kota | kabupaten
    villages_total: int
    kelurahan: int
    desa: int


@dataclass(frozen=True)
class MissingBoundary:
    """A village with a Kemendagri code and name but no polygon in the boundary source."""

    code: str
    name: str
    kind: str  # "kelurahan" | "desa"


@dataclass(frozen=True)
class Region:
    """One kota or kabupaten (validated; see the module docstring for the manifest block)."""

    code: str
    name: str
    kind: str
    province_code: str
    province_name: str
    villages_total: int
    kelurahan: int
    desa: int
    kecamatan: tuple[Kecamatan, ...]
    missing_boundaries: tuple[MissingBoundary, ...]
    bounds: tuple[float, float, float, float]
    metric_crs: str
    source: str = ""
    licence: str = ""
    kabkota: tuple[KabKota, ...] = ()  # a province's kab/kota (the level between it and its kecamatan)

    @property
    def is_province(self) -> bool:
        return self.kind == PROVINCE

    # ---- words -----------------------------------------------------------------------

    @property
    def village_word(self) -> str:
        """ "kelurahan", "desa" or "kelurahan/desa" (the same in both languages; see module doc)."""
        if self.desa and not self.kelurahan:
            return "desa"
        if self.desa and self.kelurahan:
            return "kelurahan/desa"
        return "kelurahan"

    def kind_label(self, lang: str) -> str:
        """ "Kota"/"Kabupaten" (id), "City"/"Regency" (en)."""
        en = lang == "en"
        if self.kind == PROVINCE:
            return "Province" if en else "Provinsi"
        if self.kind == "kabupaten":
            return "Regency" if en else "Kabupaten"
        return "City" if en else "Kota"

    def short_name(self, lang: str) -> str:
        """The name for a title: "Batu" for Kota Batu, "Kabupaten Malang" / "Malang Regency" for a kabupaten."""
        bare = self.name
        for prefix in ("Kota ", "Kabupaten ", "Kab. ", "Provinsi "):
            if bare.startswith(prefix):
                bare = bare[len(prefix) :]
                break
        if self.kind == "kabupaten":
            return f"{bare} Regency" if lang == "en" else f"Kabupaten {bare}"
        return bare

    @property
    def code_pattern(self) -> str:
        """The form of this region's village codes, e.g. ``35.79.KK.DDDD`` (a province: ``35.KK.KK.DDDD``)."""
        return f"{self.code}.KK.KK.DDDD" if self.is_province else f"{self.code}.KK.DDDD"

    def _gov(self, lang: str) -> str:
        en = lang == "en"
        if self.is_province:
            return "provincial government" if en else "Pemprov"
        if self.kind == "kabupaten":
            return "regency government" if en else "Pemkab"
        return "city government" if en else "Pemkot"

    def kabkota_of(self, code: str) -> KabKota | None:
        """The kab/kota of a province holding ``code`` (a kab/kota, kecamatan or village code), else None."""
        prefix = code[:5]
        return next((k for k in self.kabkota if k.code == prefix), None)

    def words(self, lang: str) -> dict[str, str]:
        """The region's placeholders for :func:`smartcity_geo.strings.t` in ``lang``."""
        vil = self.village_word
        unit = {"kota": ("kota", "city"), "kabupaten": ("kabupaten", "regency"), PROVINCE: ("provinsi", "province")}[
            self.kind
        ][lang == "en"]
        return {
            "region": self.name,
            "region_short": self.short_name(lang),
            "region_code": self.code,
            "unit": unit,
            "Unit": unit[:1].upper() + unit[1:],
            "vil": vil,
            "Vil": vil[:1].upper() + vil[1:],
            "n_vil": str(self.villages_total - len(self.missing_boundaries)),
            "n_kec": str(len(self.kecamatan)),
            "code_pattern": self.code_pattern,
            "gov": self._gov(lang),
            "gov_long": f"Pemerintah {'Provinsi ' if self.is_province else ''}{self.name}",
        }


@contextlib.contextmanager
def text_context(region: Region | None) -> Iterator[None]:
    """Inside it, :func:`smartcity_geo.strings.t` fills the region's placeholders (``{vil}`` ...)."""
    with region_words(None if region is None else region.words):
        yield


def use_region(region: Region | None) -> None:
    """Set the region's words for the rest of this thread's work (one Streamlit run)."""
    from .strings import set_region_words

    set_region_words(None if region is None else region.words)


def utm_crs(lon: float) -> str:
    """The UTM zone (southern hemisphere) of a longitude, as an EPSG code."""
    zone = max(1, min(60, int((lon + 180) // 6) + 1))
    return f"EPSG:{32700 + zone}"


# --------------------------------------------------------------------------------------
# Parsing


def _fail(column: str, expected: str, got: Any = "") -> DataPackError:
    return DataPackError("region_field", file=MANIFEST, column=f"region.{column}", expected=expected, got=str(got))


def _text(block: Mapping, name: str, *, pattern: re.Pattern | None = None, expected: str = "a text") -> str:
    value = block.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _fail(name, expected, value)
    if pattern is not None and not pattern.match(value):
        raise _fail(name, expected, value)
    return value.strip()


def _count(block: Mapping, name: str, column: str) -> int:
    value = block.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _fail(column, "a whole number", value)
    return value


def _villages(block: Mapping, column: str, *, least: int = 1) -> tuple[int, int, int]:
    villages = block.get("villages")
    if not isinstance(villages, Mapping):
        raise _fail(column, "an object with total, kelurahan and desa", villages)
    total = _count(villages, "total", f"{column}.total")
    kel = _count(villages, "kelurahan", f"{column}.kelurahan")
    desa = _count(villages, "desa", f"{column}.desa")
    if total < least or kel + desa != total:
        raise _fail(f"{column}.total", f"kelurahan + desa = {kel + desa} (at least {least})", total)
    return total, kel, desa


def _items(block: Mapping, name: str, expected: str, *, required: bool = True) -> list[Mapping]:
    raw = block.get(name, None if required else [])
    if not isinstance(raw, list) or (required and not raw):
        raise _fail(name, expected, raw)
    for item in raw:
        if not isinstance(item, Mapping):
            raise _fail(name, expected, item)
    return raw


def _kabkota(block: Mapping, code: str) -> tuple[KabKota, ...]:
    """A province's kab/kota list (``PP.KK`` codes of the province; a kab/kota without polygons counts 0 villages)."""
    out = []
    for item in _items(block, "kabkota", "a list of {code, name, kind, villages}"):
        kab_code = _text(item, "code", pattern=_REGION_CODE, expected=f"{code}.KK")
        kind = _text(item, "kind", expected=" | ".join(KABKOTA_KINDS))
        if not kab_code.startswith(code + ".") or kind not in KABKOTA_KINDS:
            raise _fail("kabkota", f"{code}.KK of kind " + " | ".join(KABKOTA_KINDS), f"{kab_code} {kind}")
        total, kel, desa = _villages(item, "kabkota.villages", least=0)
        out.append(KabKota(kab_code, _text(item, "name"), kind, total, kel, desa))
    return tuple(out)


def _kecamatan(block: Mapping, code: str, kabkota: tuple[KabKota, ...]) -> tuple[Kecamatan, ...]:
    kab_codes = {k.code for k in kabkota}
    out = []
    for item in _items(block, "kecamatan", "a list of {code, name}"):
        kec_code = _text(item, "code", pattern=_KEC_CODE, expected=f"{code}.KK")
        if not kec_code.startswith(code + ".") or (kab_codes and kec_code[:5] not in kab_codes):
            raise _fail("kecamatan.code", f"{code}.KK", kec_code)
        out.append(Kecamatan(kec_code, _text(item, "name")))
    return tuple(out)


def _missing(block: Mapping, pattern: str) -> tuple[MissingBoundary, ...]:
    prefix = pattern.split(".K", 1)[0] + "."
    out = []
    for item in _items(block, "missing_boundaries", "a list of {code, name, kind}", required=False):
        m_code = _text(item, "code", pattern=_VILLAGE_CODE, expected=pattern)
        m_kind = _text(item, "kind", expected=" | ".join(VILLAGE_KINDS))
        if m_kind not in VILLAGE_KINDS:
            raise _fail("missing_boundaries.kind", " | ".join(VILLAGE_KINDS), m_kind)
        if not m_code.startswith(prefix):
            raise _fail("missing_boundaries.code", pattern, m_code)
        out.append(MissingBoundary(m_code, _text(item, "name"), m_kind))
    return tuple(out)


def parse_region(block: Any, *, metric_crs: Any) -> Region:
    """The :class:`Region` of a manifest's ``pack.region`` block; :class:`DataPackError` when malformed.

    A province (``kind`` ``provinsi``, code ``PP``) also lists its kab/kota (``kabkota``), and
    its kecamatan and missing villages are those of every kab/kota.
    """
    if not isinstance(block, Mapping):
        raise _fail("", "an object", type(block).__name__)
    kind = _text(block, "kind", expected=" | ".join(KINDS))
    if kind not in KINDS:
        raise _fail("kind", " | ".join(KINDS), kind)
    province_kind = kind == PROVINCE
    shape = "a province code such as 35" if province_kind else "a kab/kota code such as 35.79"
    code = _text(block, "code", pattern=_REGION_CODE, expected=shape)
    if ("." in code) == province_kind:
        raise _fail("code", shape, code)
    name = _text(block, "name")
    province = block.get("province")
    if not isinstance(province, Mapping):
        raise _fail("province", "an object with code and name", province)
    province_code = _text(province, "code", expected="a province code such as 35")
    if code.split(".")[0] != province_code:
        raise _fail("province.code", code.split(".")[0], province_code)
    total, kel, desa = _villages(block, "villages")
    kabkota = _kabkota(block, code) if province_kind else ()
    kecamatan = _kecamatan(block, code, kabkota)
    pattern = f"{code}.KK.KK.DDDD" if province_kind else f"{code}.KK.DDDD"
    missing = _missing(block, pattern)
    bounds = block.get("bounds")
    if (
        not isinstance(bounds, list)
        or len(bounds) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in bounds)
        or not (-180 <= bounds[0] < bounds[2] <= 180 and -90 <= bounds[1] < bounds[3] <= 90)
    ):
        raise _fail("bounds", "[minlon, minlat, maxlon, maxlat]", bounds)
    if not isinstance(metric_crs, str) or not _UTM_SOUTH.match(metric_crs):
        raise DataPackError(
            "region_field", file=MANIFEST, column="metric_crs", expected="EPSG:327ZZ (UTM south)", got=str(metric_crs)
        )
    return Region(
        code=code,
        name=name,
        kind=kind,
        province_code=province_code,
        province_name=_text(province, "name"),
        villages_total=total,
        kelurahan=kel,
        desa=desa,
        kecamatan=kecamatan,
        missing_boundaries=missing,
        bounds=tuple(float(v) for v in bounds),
        metric_crs=metric_crs,
        source=str(block.get("source", "")),
        licence=str(block.get("licence", "")),
        kabkota=kabkota,
    )
