"""Both languages in the data pack: Indonesian and English columns beside the English texts.

The English text (``position_note``, ``note``, ``designation``, ``extent_note``, a manifest
entry's ``source`` and ``positions``) stays as written, as the fallback; ``<field>_id`` and
``<field>_en`` are what the screens show through :func:`smartcity_geo.i18n.localized`.
Site names get ``name_en`` (an English name where one reads better), budget programmes
``programme_en``. Template texts are
translated by pattern, the others by hand; a text with no translation stops the script.

``scripts/build_geodata.py`` and ``scripts/build_programme_data.py`` call :func:`main` last,
so the pack stays reproducible byte for byte. It can also run alone and is idempotent::

    python scripts/translate_notes.py
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PATTERNS = [
    (
        r"^Placed approximately inside Kelurahan (.+) \(a point on the surface of its polygon\): the sources used give "
        r"no address or coordinate for the kelurahan office\.$",
        r"Ditempatkan kira-kira di dalam Kelurahan \1 (sebuah titik pada permukaan poligonnya): sumber yang dipakai "
        r"tidak memberi alamat atau koordinat kantor kelurahan.",
    ),
    (
        r"^Sample position: the office's address was not looked up; drawn inside Kelurahan (.+) \(the kelurahan named "
        r"like the kecamatan\) for illustration only\.$",
        r"Posisi contoh: alamat kantor belum dicari; digambar di dalam Kelurahan \1 (kelurahan yang bernama sama "
        r"dengan kecamatannya) hanya sebagai ilustrasi.",
    ),
]

BY_HAND = {
    "Placed approximately inside Pekuncen: the source gives the address Jl. Pahlawan No. 22 (2016 letterhead) but no "
    "coordinate and no kelurahan; Pekuncen is inferred from the Pemkot office complex on Jl. Pahlawan (Diskominfotik, "
    "Jl. Pahlawan No. 28, is in Pekuncen).": "Ditempatkan kira-kira di dalam Pekuncen: sumber memberi alamat Jl. "
    "Pahlawan No. 22 (kop surat 2016) tetapi tanpa koordinat dan tanpa kelurahan; Pekuncen disimpulkan dari kompleks "
    "kantor Pemkot di Jl. Pahlawan (Diskominfotik, Jl. Pahlawan No. 28, ada di Pekuncen).",
    "Placeholder: sources put the building on Jl. Panglima Sudirman, south of the Pendopo in the Rumah Dinas Wali Kota "
    "complex, but give no kelurahan or coordinate. Pekuncen (seat of the Pemkot offices) is a guess; both the point "
    "and the kelurahan are to be replaced.": "Titik sementara: sumber menempatkan gedung di Jl. Panglima Sudirman, "
    "di selatan Pendopo dalam kompleks Rumah Dinas Wali Kota, tetapi tanpa kelurahan atau koordinat. Pekuncen (pusat "
    "kantor Pemkot) hanya dugaan; titik maupun kelurahannya harus diganti.",
    "Placed approximately inside Pekuncen: sources put Taman Kota on the Jl. Pahlawan heritage corridor but give no "
    "street number, kelurahan or coordinate; Pekuncen is inferred from the corridor.": "Ditempatkan kira-kira di "
    "dalam Pekuncen: sumber menempatkan Taman Kota di koridor heritage Jl. Pahlawan tetapi tanpa nomor jalan, "
    "kelurahan atau koordinat; Pekuncen disimpulkan dari koridor itu.",
    "Radio Ramapati is at Taman Kota (Radar Bromo 5 Jun 2021); drawn next to the approximate Taman Kota point so that "
    "both markers show. Kelurahan Pekuncen is inferred, no coordinate.": "Radio Ramapati berada di Taman Kota (Radar "
    "Bromo 5 Jun 2021); digambar di samping titik perkiraan Taman Kota agar kedua penanda terlihat. Kelurahan "
    "Pekuncen disimpulkan, tanpa koordinat.",
    "Placeholder: the GOR's location was not found. The point is drawn near the city reference point (Wikipedia "
    "infobox, -7.6406222, 112.9064778) and lies in Kebonsari; the kelurahan code is only where the placeholder falls, "
    "not where the GOR is.": "Titik sementara: lokasi GOR tidak ditemukan. Titik digambar dekat titik acuan kota "
    "(infobox Wikipedia, -7.6406222, 112.9064778) dan jatuh di Kebonsari; kode kelurahan hanya menunjukkan letak "
    "titik sementara, bukan letak GOR.",
    "Placed approximately inside Sekargadung: a 2012 blog quoting Diskominfo Jatim names the kelurahan but gives no "
    "street address or coordinate; current operating status unknown. Reading the presentation's 'Telecenter' as TC "
    "Suropati is an inference (the only telecenter found in the city).": "Ditempatkan kira-kira di dalam "
    "Sekargadung: sebuah blog 2012 yang mengutip Diskominfo Jatim menyebut kelurahannya tetapi tanpa alamat jalan "
    "atau koordinat; status operasinya kini tidak diketahui. 'Telecenter' dalam paparan dibaca sebagai TC Suropati "
    "berdasarkan dugaan (satu-satunya telecenter yang ditemukan di kota ini).",
    "The presentation mentions hotspots for internal government use without a location; shown at the Kantor Wali "
    "Kota, placed approximately inside Pekuncen (Jl. Pahlawan; street number of the mayor's office unconfirmed; no "
    "coordinate).": "Paparan menyebut hotspot untuk keperluan internal pemerintah tanpa lokasi; ditampilkan di Kantor "
    "Wali Kota, ditempatkan kira-kira di dalam Pekuncen (Jl. Pahlawan; nomor jalan kantor wali kota belum "
    "terkonfirmasi; tanpa koordinat).",
    "Placed approximately inside Pekuncen: the 2020 presentation puts the server room in the Kantor Wali Kota on Jl. "
    "Pahlawan; the mayor's office street number is unconfirmed (No. 28 is confirmed only for dinas offices) and no "
    "coordinate was found.": "Ditempatkan kira-kira di dalam Pekuncen: paparan 2020 menempatkan ruang server di "
    "Kantor Wali Kota di Jl. Pahlawan; nomor jalan kantor wali kota belum terkonfirmasi (No. 28 hanya terkonfirmasi "
    "untuk kantor dinas) dan tidak ada koordinat yang ditemukan.",
    "Placed approximately inside Pekuncen: the source gives the address Jl. Pahlawan No. 28, Pekuncen, but no "
    "coordinate.": "Ditempatkan kira-kira di dalam Pekuncen: sumber memberi alamat Jl. Pahlawan No. 28, Pekuncen, "
    "tetapi tanpa koordinat.",
    "Placed approximately inside Pekuncen: the source gives the address Jl. Pahlawan No. 22 (2016 letterhead) but no "
    "coordinate and no kelurahan; Pekuncen is inferred from the Pemkot office complex on Jl. Pahlawan.": "Ditempatkan "
    "kira-kira di dalam Pekuncen: sumber memberi alamat Jl. Pahlawan No. 22 (kop surat 2016) tetapi tanpa koordinat "
    "dan tanpa kelurahan; Pekuncen disimpulkan dari kompleks kantor Pemkot di Jl. Pahlawan.",
}


# Notes of the programme datasets (budget, indicators, indicator_values).
NOTES = {
    "Before the masterplan (2022-2031): networking 41 OPD, 8 Puskesmas, 4 kecamatan, 34 kelurahan; integrating 18 OPD "
    "applications": "Sebelum masterplan (2022-2031): jaringan 41 OPD, 8 Puskesmas, 4 kecamatan, 34 kelurahan; "
    "integrasi 18 aplikasi OPD",
    "Before the masterplan; a tourism programme, not a smart-city line as such": "Sebelum masterplan; program "
    "pariwisata, bukan mata anggaran kota cerdas",
    "Derived: 12 x Rp 541 million allocated per month for operations/bandwidth (operating cost about Rp 550 million per "
    "month); the annual figure is not published": "Dihitung: 12 x Rp 541 juta yang dialokasikan per bulan untuk "
    "operasional/bandwidth (biaya operasional sekitar Rp 550 juta per bulan); angka tahunan tidak dipublikasikan",
    "Score 3.16 of 4.00 reported by the head of Diskominfotik; the source does not state the year": "Nilai 3,16 dari "
    "4,00 disampaikan kepala Diskominfotik; sumber tidak menyebut tahunnya",
    "Baseline is official (2021); no later score found, so actuals are empty": "Nilai awal resmi (2021); nilai "
    "sesudahnya tidak ditemukan, sehingga realisasi kosong",
    "2024: 'Kota Informatif', 7th in East Java": "2024: 'Kota Informatif', peringkat 7 di Jawa Timur",
    "Oct 2023: 8 Puskesmas and 29 Pustu": "Okt 2023: 8 Puskesmas dan 29 Pustu",
    "2022: about 70 of 224 RW; 2023: 227 of 227 RW": "2022: sekitar 70 dari 224 RW; 2023: 227 dari 227 RW",
    "Oct 2023: 227 RW + 188 other points (41 OPD, 34 kelurahan, 8 Puskesmas, 29 Pustu, 5 parks, others)": "Okt 2023: "
    "227 RW + 188 titik lain (41 OPD, 34 kelurahan, 8 Puskesmas, 29 Pustu, 5 taman, lainnya)",
    "Sample; the press reports about 144 ha (approximate, secondary), not used as a figure": "Contoh; pers "
    "memberitakan sekitar 144 ha (perkiraan, sumber sekunder), tidak dipakai sebagai angka",
    "Sample: per-kelurahan point counts were not found": "Contoh: jumlah titik per kelurahan tidak ditemukan",
    "2023 derived from the city-wide fact that all 227 RW were covered; 2022 is a sample": "2023 dihitung dari fakta "
    "tingkat kota bahwa seluruh 227 RW sudah terjangkau; 2022 adalah contoh",
    "As of May 2023. Target is a sample.": "Per Mei 2023. Target adalah contoh.",
    "Year assumed: the evaluation of Oct 2022; the source gives no year. Target is a sample.": "Tahun diasumsikan: "
    "evaluasi Okt 2022; sumber tidak menyebut tahun. Target adalah contoh.",
    "As of October 2025. Target is a sample.": "Per Oktober 2025. Target adalah contoh.",
    "Target is a sample.": "Target adalah contoh.",
    "8 Puskesmas + 29 Pustu, Oct 2023. Target is a sample.": "8 Puskesmas + 29 Pustu, Okt 2023. Target adalah contoh.",
    "About 70 of 224 RW (70/224 = 31.3 %). Target is a sample.": "Sekitar 70 dari 224 RW (70/224 = 31,3 %). Target "
    "adalah contoh.",
    "Target: all RW by 2023 (154 remaining after 2022). Actual: 227 of 227 RW, Oct 2023.": "Target: seluruh RW pada "
    "2023 (tersisa 154 sesudah 2022). Realisasi: 227 dari 227 RW, Okt 2023.",
    "Oct 2023. Target is a sample.": "Okt 2023. Target adalah contoh.",
    "Derived: all RW of the city covered, Oct 2023": "Dihitung: seluruh RW kota terjangkau, Okt 2023",
}


def indonesian(note: str) -> str:
    if note in BY_HAND:
        return BY_HAND[note]
    if note in NOTES:
        return NOTES[note]
    for pattern, replacement in PATTERNS:
        if re.match(pattern, note):
            return re.sub(pattern, replacement, note)
    raise SystemExit(f"no Indonesian text for: {note}")


NAME_RULES = [
    (r"^Wi-Fi publik Kantor Kelurahan (.+)$", r"Public Wi-Fi, Kelurahan \1 office"),
    (r"^Wi-Fi publik Gedung Kesenian (.+)$", r"Public Wi-Fi, \1 arts building (Gedung Kesenian)"),
    (r"^Wi-Fi publik Taman Kota Pasuruan$", "Public Wi-Fi, Pasuruan city park (Taman Kota)"),
    (r"^Wi-Fi publik GOR Kota Pasuruan$", "Public Wi-Fi, Kota Pasuruan sports hall (GOR)"),
    (r"^Wi-Fi publik (.+)$", r"Public Wi-Fi, \1"),
    (r"^Hotspot internal Pemkot \(Kantor Wali Kota\)$", "Internal city-government hotspot (mayor's office)"),
    (r"^Ruang server Pemkot \(Kantor Wali Kota\)$", "City-government server room (mayor's office)"),
    (r"^Kantor Kecamatan (.+)$", r"Kecamatan \1 office"),
    (r"^Kantor Kelurahan (.+)$", r"Kelurahan \1 office"),
]

DESIGNATION_ID = {
    "Religious-tourism area of the integrated tourism programme (RPJMD 2021–2026); 'sabuk wisata religi' plan "
    "(2017); smart-environment pillar of the smart-city masterplan": "Kawasan wisata religi dalam program wisata "
    "terintegrasi (RPJMD 2021–2026); rencana 'sabuk wisata religi' (2017); pilar smart environment dalam "
    "masterplan kota cerdas",
    "Heritage route of the integrated tourism programme (RPJMD 2021–2026): Gedung Harmonie, Taman Kota, Taman Makam "
    "Pahlawan, P3GI; Taman Kota a cagar budaya (kawasan) by SK Wali Kota (2020)": "Rute heritage dalam program wisata "
    "terintegrasi (RPJMD 2021–2026): Gedung Harmonie, Taman Kota, Taman Makam Pahlawan, P3GI; Taman Kota cagar "
    "budaya (kawasan) dengan SK Wali Kota (2020)",
    "Harbour destination on the integrated tourism route (RPJMD 2021–2026)": "Destinasi pelabuhan pada rute wisata "
    "terintegrasi (RPJMD 2021–2026)",
    "Pariwisata marina in Kel. Panggungrejo, part of the Kawasan Strategis Ekonomi Terpadu (RTRW Kota Pasuruan "
    "2011–2031, Perda No. 1/2012, as summarised in the RPIJM)": "Pariwisata marina di Kel. Panggungrejo, bagian "
    "dari Kawasan Strategis Ekonomi Terpadu (RTRW Kota Pasuruan 2011–2031, Perda No. 1/2012, sebagaimana "
    "dirangkum dalam RPIJM)",
    "Community-run mangrove ecotourism on the Tamba'an coast (not a formal designation)": "Ekowisata mangrove yang "
    "dikelola warga di pesisir Tamba'an (bukan penetapan resmi)",
    "Kampung tematik in Kandangsapi and Kebonsari: pedestrian route from the Terminal Wisata to Makam Mbah Hamid "
    "(APBD 2019 and 2020)": "Kampung tematik di Kandangsapi dan Kebonsari: jalur pejalan kaki dari Terminal Wisata "
    "ke Makam Mbah Hamid (APBD 2019 dan 2020)",
    "Kampung tematik edukasi in the integrated tourism programme (RPJMD 2021–2026)": "Kampung tematik edukasi dalam "
    "program wisata terintegrasi (RPJMD 2021–2026)",
}
EXTENT_NOTE_ID = {
    "Approximate: a 300 m circle around the Alun-alun point (-7.641913, 112.906703, decoded from a Plus Code and "
    "itself approximate), clipped to the city outline. The mosque and the tomb face the Alun-alun; their own "
    "outlines are not mapped.": "Perkiraan: lingkaran 300 m di sekitar titik Alun-alun (-7.641913, 112.906703, "
    "diurai dari Plus Code dan juga perkiraan), dipotong menurut batas kota. Masjid dan makam menghadap Alun-alun; "
    "batas bangunannya sendiri tidak dipetakan.",
    "The corridor's line along Jl. Pahlawan is not known; the Pekuncen kelurahan polygon (where P3GI, Jl. Pahlawan "
    "No. 25, and the Pemkot offices are) stands in for it, so the real corridor is much narrower than drawn and may "
    "extend beyond Pekuncen.": "Garis koridor di sepanjang Jl. Pahlawan tidak diketahui; poligon Kelurahan "
    "Pekuncen (tempat P3GI, Jl. Pahlawan No. 25, dan kantor Pemkot) menggantikannya, sehingga koridor sebenarnya "
    "jauh lebih sempit daripada yang digambar dan mungkin melewati batas Pekuncen.",
    "No outline was found for the designated area; the whole Mandaranrejo kelurahan polygon stands in for it, so the "
    "real area is smaller than drawn. The harbour lies along Jl. Komodor Yos Sudarso.": "Batas kawasan yang "
    "ditetapkan tidak ditemukan; seluruh poligon Kelurahan Mandaranrejo menggantikannya, sehingga kawasan "
    "sebenarnya lebih kecil daripada yang digambar. Pelabuhan terletak di sepanjang Jl. Komodor Yos Sudarso.",
    "No outline was found for the designated area; the whole Panggungrejo kelurahan polygon stands in for it, so the "
    "real area is smaller than drawn.": "Batas kawasan yang ditetapkan tidak ditemukan; seluruh poligon Kelurahan "
    "Panggungrejo menggantikannya, sehingga kawasan sebenarnya lebih kecil daripada yang digambar.",
    "No outline was found for the designated area; the whole Tamba'an kelurahan polygon stands in for it, so the real "
    "area is smaller than drawn. The mangrove belt is on the shore; its reported size (about 144 ha) is secondary "
    "and unverified.": "Batas kawasan yang ditetapkan tidak ditemukan; seluruh poligon Kelurahan Tamba'an "
    "menggantikannya, sehingga kawasan sebenarnya lebih kecil daripada yang digambar. Sabuk mangrove ada di pantai; "
    "luas yang diberitakan (sekitar 144 ha) berasal dari sumber sekunder dan belum diverifikasi.",
    "No outline was found; the Kandangsapi and Kebonsari kelurahan polygons (merged) stand in for the kampung, so "
    "the real area is smaller than drawn.": "Batas tidak ditemukan; poligon Kelurahan Kandangsapi dan Kebonsari "
    "(digabung) menggantikan kampung itu, sehingga kawasan sebenarnya lebih kecil daripada yang digambar.",
    "Not mapped: the sources name the kampung but not its kelurahan or location, so there is no geometry; "
    "kelurahan_codes is '-' (unknown).": "Tidak dipetakan: sumber menyebut nama kampung tetapi tidak kelurahan atau "
    "lokasinya, sehingga tidak ada geometri; kelurahan_codes berisi '-' (tidak diketahui).",
}

# Manifest entries: the source line and how positions were obtained, in Indonesian.
SOURCE_ID = {
    "hotspots": "Paparan smart city Pemkot Pasuruan 1 Okt 2020 sebagaimana diberitakan FaktualNews (3 Okt 2020) dan "
    "bangsaonline (berita/81073); alamat dan kelurahan dari sumber di setiap baris",
    "gov_sites": "Ruang server: paparan smart city 2020 (FaktualNews 3 Okt 2020); alamat OPD: sippn.menpan.go.id dan "
    "kop surat keputusan Dispendukcapil 2016; rencana jaringan: batarapasuruan.com 2019",
    "network_links": "Contoh ilustratif yang dibuat scripts/build_geodata.py; topologi sebenarnya tidak dipublikasikan",
    "cell_sites": "Contoh ilustratif yang dibuat scripts/build_geodata.py; lokasi menara tidak ditemukan (calon "
    "sumber: BPS Kota Pasuruan Dalam Angka, OpenCelliD, izin menara Diskominfotik)",
    "broadband": "Contoh ilustratif yang dibuat scripts/build_geodata.py; cakupan fiber per kelurahan tidak ditemukan",
    "tourism_areas": "RPJMD 2021–2026 (wisata terintegrasi), RTRW 2011–2031 melalui RPIJM, Radar Bromo 2020, Kompas "
    "2025 dan lainnya, dikutip per fitur",
    "facts": "Tribun Jatim Timur 2023, Ramapati 2022, batarapasuruan.com 2019, cahyadsn/wilayah (Kemendagri 2025, BIG "
    "2024), pasuruankota.go.id, FaktualNews 2021; dikutip per baris",
    "elements": "Gerakan Menuju Smart City (Kominfo/Komdigi): enam dimensi sebagaimana dinamai dalam buku panduan dan "
    "rilis evaluasi (mis. Kota Ambon 2024); kode SG/SB/SE/SL/SS/SN oleh proyek ini",
    "subdimensions": "Struktur buku panduan Gerakan Menuju Smart City (3 sub-dimensi per dimensi), dicocokkan dengan "
    "portal smart city Tegal dan Lombok Timur serta rilis evaluasi Kota Ambon 2024; kode seperti SG-SV oleh proyek "
    "ini",
    "indicators": "Daftar indikator ilustratif yang disusun tim dasbor untuk Masterplan Smart City 2022-2031; baris "
    "berstatus resmi mengutip sumbernya per baris (Ramapati, Tribun Jatim Timur, insitekaltim, kabarpas, Radar "
    "Bromo)",
    "indicator_values": "Target dan realisasi ilustratif yang disusun tim dasbor, kecuali baris berstatus resmi yang "
    "mengutip sumbernya per baris (nilai evaluasi 3,16 dari 4,00, 415 titik Wi-Fi, cakupan RW 2022-2023, Satu Data "
    "94 %, KI Jatim 94,74, 16 SK cagar budaya, 37 fasilitas kesehatan dengan Wi-Fi)",
    "budget": "Baris tahunan ilustratif 2022-2031 yang disusun tim dasbor; baris resmi: anggaran Kominfo 2019 "
    "(batarapasuruan.com, 7 Mar 2019), Kampung Wisata Religi 2019-2020 (Radar Bromo, 27 Jan 2020), operasional "
    "internet 2023 dihitung dari alokasi bulanan (Tribun Jatim Timur, 21 Okt 2023)",
}
_POINTS_ID = (
    "Tidak ada sumber yang memberi koordinat untuk lokasi-lokasi ini: setiap titik ditempatkan kira-kira di dalam "
    "poligon kelurahannya (point-on-surface di UTM 49S, lokasi dalam satu kelurahan disebar pada lingkaran 90 m dan "
    "berjarak sedikitnya 60 m, setiap titik sedikitnya 40 m dari poligon kelurahan lain). "
)
POSITIONS_ID = {
    "hotspots": _POINTS_ID + "Kolom position_method dan position_note di setiap baris menyebut mana yang berdasar "
    "alamat, hanya kelurahan, atau titik sementara (Gedung Kesenian, GOR).",
    "gov_sites": _POINTS_ID + "Keempat kantor kecamatan adalah posisi contoh (status contoh); 38 OPD lain dan 8 "
    "Puskesmas dalam rencana 2019 tidak dicantumkan.",
    "network_links": "Tanpa posisi sendiri: setiap sambungan menghubungkan dua baris gov_sites. Bentuk bintang dari "
    "ruang server; fiber atau nirkabel dipilih dengan aturan tetap, bukan dari sumber mana pun.",
    "cell_sites": "Posisi contoh rekaan: setiap menara digambar pada jarak tetap dari point-on-surface sebuah "
    "kelurahan, dengan radius cakupan rekaan. Operator disamarkan (Operator A/B/C).",
    "broadband": "Tanpa posisi: satu baris per kode kelurahan. Angka mengikuti aturan jarak dari pusat kota, bukan "
    "hasil pengukuran.",
    "tourism_areas": "Penetapan bersumber; batas kawasan hanya perkiraan: lingkaran 300 m di sekitar titik "
    "Alun-alun, atau seluruh poligon kelurahan sebagai pengganti kawasan. Tiga kampung edukasi tidak dipetakan.",
    "facts": "Tanpa posisi: angka tingkat kota.",
    "elements": "Bukan data spasial.",
    "subdimensions": "Bukan data spasial.",
    "indicators": "Bukan data spasial. Indikator tingkat kelurahan menyebut kelurahannya dengan kode Kemendagri "
    "(kelurahan_code); tanpa posisi.",
    "indicator_values": "Bukan data spasial. Nilai indikator tingkat kelurahan milik kelurahan yang disebut "
    "indikatornya.",
    "budget": "Bukan data spasial.",
}


def english_name(name: str) -> str:
    for pattern, replacement in NAME_RULES:
        if re.match(pattern, name):
            return re.sub(pattern, replacement, name)
    return name


def _lookup(table: dict[str, str], text: str, what: str) -> str:
    if text not in table:
        raise SystemExit(f"no Indonesian text for {what}: {text}")
    return table[text]


def _with_pair(record: dict, field: str, indonesian_of) -> dict:
    """``record`` with ``<field>_id`` / ``<field>_en`` right after ``field`` (replaced if present)."""
    out: dict = {}
    for key, value in record.items():
        if key in (f"{field}_id", f"{field}_en"):
            continue
        out[key] = value
        if key == field:
            out[f"{field}_id"] = indonesian_of(value) if value else ""
            out[f"{field}_en"] = value
    return out


def _with_name_en(record: dict) -> dict:
    out: dict = {}
    for key, value in record.items():
        if key == "name_en":
            continue
        out[key] = value
        if key == "name":
            out["name_en"] = english_name(value)
    return out


#: Budget programme names are written in Indonesian, as the sources name them (``programme`` is
#: part of a line's key and stays as written); ``programme_en`` is what English screens show.
PROGRAMME_EN = {
    "Jaringan dan integrasi aplikasi OPD": "Network and integration of agency (OPD) applications",
    "Kampung Wisata Religi (kampung tematik)": "Religious tourism village (thematic kampung)",
    "Operasional internet dan bandwidth (Wi-Fi publik)": "Internet and bandwidth operations (public Wi-Fi)",
    "Program Smart Society lainnya": "Other Smart Society programmes",
}


def _with_english(record: dict, field: str, table: dict[str, str]) -> dict:
    """``record`` with ``<field>_en`` right after ``field`` (replaced if present)."""
    out: dict = {}
    for key, value in record.items():
        if key == f"{field}_en":
            continue
        out[key] = value
        if key == field:
            out[f"{field}_en"] = _lookup(table, value, field) if value else ""
    return out


CSV_FIELDS = {
    "hotspots": ("position_note", True),
    "gov_sites": ("position_note", True),
    "budget": ("note", False),
    "indicators": ("note", False),
    "indicator_values": ("note", False),
}


def translate_csv(path: Path, field: str, names: bool) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    out_rows = []
    for row in rows:
        row = _with_pair(row, field, indonesian)
        if "programme" in row:
            row = _with_english(row, "programme", PROGRAMME_EN)
        out_rows.append(_with_name_en(row) if names else row)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(out_rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(out_rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def translate_tourism(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        if not line.startswith('{"type":"Feature",'):
            out.append(line)
            continue
        comma = "," if line.endswith(",") else ""
        feature = json.loads(line[:-1] if comma else line)
        props = _with_pair(feature["properties"], "designation", lambda v: _lookup(DESIGNATION_ID, v, "designation"))
        props = _with_pair(props, "extent_note", lambda v: _lookup(EXTENT_NOTE_ID, v, "extent_note"))
        feature["properties"] = props
        out.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + comma)
    path.write_text("\n".join(out), encoding="utf-8", newline="")


def translate_manifest(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    datasets = []
    for entry in data["datasets"]:
        key = entry["key"]
        if key == "kelurahan":  # the region builder writes this entry in both languages
            datasets.append(entry)
            continue
        entry = _with_pair(entry, "source", lambda v, k=key: _lookup(SOURCE_ID, k, "source of"))
        entry = _with_pair(entry, "positions", lambda v, k=key: _lookup(POSITIONS_ID, k, "positions of"))
        datasets.append(entry)
    data["datasets"] = datasets
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="")


def main(geodata: Path = ROOT / "geodata") -> None:
    """Add the language columns to the files of ``geodata`` (those that are there: each build
    script writes part of the pack)."""
    for name, (field, names) in CSV_FIELDS.items():
        if (geodata / f"{name}.csv").exists():
            translate_csv(geodata / f"{name}.csv", field, names)
    if (geodata / "tourism_areas.geojson").exists():
        translate_tourism(geodata / "tourism_areas.geojson")
    if (geodata / "manifest.json").exists():
        translate_manifest(geodata / "manifest.json")


if __name__ == "__main__":
    main()
