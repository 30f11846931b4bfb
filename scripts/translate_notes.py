"""Add Indonesian and English columns for the notes of the pack's datasets.

``position_note`` of the point datasets and ``note`` of the programme datasets (English, as
first written) stay as the fallback; ``<column>_id`` and ``<column>_en`` are what the
screens show through :func:`smartcity_geo.i18n.localized`.
Template notes are translated by pattern, the few unique ones by hand. Re-running it is a
no-op once the columns exist. Usage: ``python scripts/translate_notes.py``.
"""

from __future__ import annotations

import csv
import io
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
    "Derived: 12 x Rp 541 juta allocated per month for operations/bandwidth (operating cost about Rp 550 juta per "
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
    "8 Puskesmas + 29 Pustu, Oct 2023. Target is a sample.": "8 Puskesmas + 29 Pustu, Okt 2023. Target adalah "
    "contoh.",
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


DATASETS = {
    "hotspots": "position_note",
    "gov_sites": "position_note",
    "budget": "note",
    "indicators": "note",
    "indicator_values": "note",
}


def main() -> None:
    for name, column in DATASETS.items():
        path = ROOT / "geodata" / f"{name}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        head = rows[0]
        if f"{column}_id" in head:
            continue
        i = head.index(column)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(head[: i + 1] + [f"{column}_id", f"{column}_en"] + head[i + 1 :])
        for row in rows[1:]:
            note = row[i]
            writer.writerow(row[: i + 1] + [indonesian(note) if note else "", note] + row[i + 1 :])
        path.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
