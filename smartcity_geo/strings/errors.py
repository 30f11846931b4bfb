"""Error messages: key -> (Indonesian, English). Each says what was expected and what was found."""

TEXT: dict[str, tuple[str, str]] = {
    "error.where.file": ("Berkas {file}", "File {file}"),
    "error.where.row": ("baris {row}", "row {row}"),
    "error.where.column": ("kolom {column}", "column {column}"),
    "error.missing_file": (
        "berkas tidak ditemukan. Pastikan paket data lengkap.",
        "the file is missing. Make sure the data pack is complete.",
    ),
    "error.unreadable": (
        "berkas tidak dapat dibaca ({detail}).",
        "the file could not be read ({detail}).",
    ),
    "error.empty": ("berkas tidak berisi data.", "the file holds no data."),
    "error.missing_column": (
        "kolom wajib tidak ada. Kolom yang diharapkan: {expected}.",
        "a required column is missing. Expected columns: {expected}.",
    ),
    "error.required": ("nilai wajib diisi, tetapi kosong.", "a value is required but the cell is empty."),
    "error.not_number": (
        "diharapkan angka, tertulis \u201c{got}\u201d.",
        "expected a number, found \u201c{got}\u201d.",
    ),
    "error.not_integer": (
        "diharapkan bilangan bulat, tertulis \u201c{got}\u201d.",
        "expected a whole number, found \u201c{got}\u201d.",
    ),
    "error.out_of_range": (
        "nilai {got} di luar rentang {minimum} sampai {maximum}.",
        "value {got} is outside the range {minimum} to {maximum}.",
    ),
    "error.not_allowed": (
        "nilai \u201c{got}\u201d tidak dikenal; yang diizinkan: {expected}.",
        "unknown value \u201c{got}\u201d; allowed: {expected}.",
    ),
    "error.not_boolean": (
        "diharapkan ya/tidak (true/false), tertulis \u201c{got}\u201d.",
        "expected yes/no (true/false), found \u201c{got}\u201d.",
    ),
    "error.bad_date": (
        "diharapkan tanggal yang ada di kalender, TTTT-BB-HH (atau TTTT-BB, TTTT), tertulis \u201c{got}\u201d.",
        "expected a date that exists in the calendar, YYYY-MM-DD (or YYYY-MM, YYYY), found \u201c{got}\u201d.",
    ),
    "error.date_future": (
        "tanggal \u201c{got}\u201d masih di masa depan (hari ini {today}); data belum bisa berlaku pada tanggal itu.",
        "the date \u201c{got}\u201d is in the future (today is {today}); data cannot be as of that day yet.",
    ),
    "error.date_too_early": (
        "tanggal \u201c{got}\u201d lebih awal dari sumber mana pun yang mungkin ada (paling awal {earliest}); "
        "periksa tahunnya.",
        "the date \u201c{got}\u201d is earlier than any source could exist (earliest {earliest}); check the year.",
    ),
    "error.bad_url": (
        "tautan sumber harus alamat web lengkap yang diawali {expected}, tanpa spasi; tertulis \u201c{got}\u201d.",
        "a source link must be a full web address starting with {expected}, without spaces; found \u201c{got}\u201d.",
    ),
    "error.duplicate": (
        "nilai \u201c{got}\u201d muncul lebih dari sekali (pertama di baris {first}); harus unik.",
        "value \u201c{got}\u201d appears more than once (first in row {first}); it must be unique.",
    ),
    "error.duplicate_key": (
        "baris ini dan baris {first} sama pada kolom-kolom ini (\u201c{got}\u201d): sebuah baris dikenali dari "
        "kolom-kolom itu, bukan dari catatan atau sumbernya; baris yang ditulis dua kali akan dihitung dua kali. "
        "Gabungkan kedua baris atau hapus salah satunya.",
        "this row and row {first} are the same in these columns (\u201c{got}\u201d): a row is identified by "
        "them, not by its note or source; a row entered twice would be counted twice. Merge the two rows or "
        "delete one.",
    ),
    "error.duplicate_pair": (
        "hubungan \u201c{got}\u201d sama dengan baris {first} (\u201c{expected}\u201d): hubungan tidak punya arah, "
        "jadi (B, A) mengulang (A, B). Hapus salah satu baris.",
        "the link \u201c{got}\u201d is the same as row {first} (\u201c{expected}\u201d): a link has no direction, "
        "so (B, A) repeats (A, B). Delete one of the two rows.",
    ),
    "error.self_pair": (
        "\u201c{got}\u201d sama dengan {other}: sebuah hubungan menghubungkan dua hal yang berbeda, bukan satu "
        "hal dengan dirinya sendiri.",
        "\u201c{got}\u201d is the same as {other}: a link joins two different things, never one thing to itself.",
    ),
    "error.before_masterplan": (
        "tahun {got} sebelum masterplan {first_year}\u2013{last_year}: baris dari sebelum masterplan hanya "
        "diterima sebagai konteks bersumber (status {expected}), ditampilkan terpisah dan tidak dijumlahkan; "
        "status baris ini \u201c{status}\u201d.",
        "year {got} is before the masterplan {first_year}\u2013{last_year}: a row from before it is accepted only "
        "as sourced context (status {expected}), shown apart and never added to the totals; this row's status "
        "is \u201c{status}\u201d.",
    ),
    "error.unknown_code": (
        "kode wilayah \u201c{got}\u201d bukan salah satu {vil} dalam {target}.",
        "region code \u201c{got}\u201d is not one of the {vil} in {target}.",
    ),
    "error.bad_code": (
        "kode wilayah Kemendagri diharapkan berbentuk {code_pattern}, tertulis \u201c{got}\u201d.",
        "a Kemendagri region code of the form {code_pattern} was expected, found \u201c{got}\u201d.",
    ),
    "error.unknown_reference": (
        "\u201c{got}\u201d tidak ditemukan di {target}.",
        "\u201c{got}\u201d was not found in {target}.",
    ),
    "error.outside_city": (
        "posisi ({lon}, {lat}) berada di luar {region} (batas {unit} + toleransi {tolerance} m). "
        "Periksa urutan bujur/lintang.",
        "position ({lon}, {lat}) lies outside {region} (its boundary plus a tolerance of {tolerance} m). "
        "Check the longitude/latitude order.",
    ),
    "error.outside_kelurahan": (
        "posisi berada di luar {vil} {expected} (jatuh di {got}).",
        "the position lies outside {vil} {expected} (it falls in {got}).",
    ),
    "error.ring_not_closed": (
        "cincin ke-{ring} poligon tidak tertutup ({got} posisi): cincin tertutup punya paling sedikit 4 posisi "
        "dan posisi terakhirnya sama dengan yang pertama.",
        "ring {ring} of the polygon is not closed ({got} positions): a closed ring has at least 4 positions "
        "and its last position repeats the first.",
    ),
    "error.bad_geometry": (
        "geometri tidak valid ({detail}).",
        "the geometry is invalid ({detail}).",
    ),
    "error.bad_geometry_type": (
        "diharapkan geometri {expected}, tertulis {got}.",
        "expected {expected} geometry, found {got}.",
    ),
    "error.bad_crs": (
        "diharapkan koordinat bujur, lintang WGS 84, dengan nama persis \u201cEPSG:4326\u201d atau "
        "\u201curn:ogc:def:crs:OGC:1.3:CRS84\u201d (atau tanpa anggota crs), tertulis \u201c{got}\u201d.",
        "expected WGS 84 longitude, latitude coordinates, named exactly \u201cEPSG:4326\u201d or "
        "\u201curn:ogc:def:crs:OGC:1.3:CRS84\u201d (or no crs member), found \u201c{got}\u201d.",
    ),
    "error.feature_count": (
        "diharapkan {expected} {vil}, tertulis {got}.",
        "expected {expected} {vil}, found {got}.",
    ),
    "error.manifest_field": (
        "manifest: isian ini wajib dan harus benar untuk setiap dataset (nama berkas tanpa folder; "
        "format csv, xlsx atau geojson).",
        "manifest: this field is required and must be valid for every dataset (a file name without folders; "
        "format csv, xlsx or geojson).",
    ),
    "error.bad_status": (
        "status \u201c{got}\u201d tidak dikenal; yang diizinkan: {expected}.",
        "unknown status \u201c{got}\u201d; allowed: {expected}.",
    ),
    "error.too_large": (
        "berkas terlalu besar ({got} MB; maksimum {maximum} MB).",
        "the file is too large ({got} MB; at most {maximum} MB).",
    ),
    "error.ambiguous_number": (
        "\u201c{got}\u201d bisa berarti ribuan atau desimal. Tulis {thousand} (tanpa pemisah ribuan) "
        "atau {decimal} (desimal).",
        "\u201c{got}\u201d could be a thousands separator or a decimal mark. Write {thousand} (no thousands "
        "separator) or {decimal} (a decimal).",
    ),
    "error.negative": (
        "nilai {got} negatif; diharapkan {minimum} sampai {maximum}.",
        "value {got} is negative; expected {minimum} to {maximum}.",
    ),
    "error.not_scalar": (
        "diharapkan teks atau angka, tertulis {got}.",
        "expected a text or a number, found a {got}.",
    ),
    "error.formula": (
        "teks \u201c{got}\u201d diawali = + - @, tab atau enter, yang dijalankan spreadsheet sebagai rumus. "
        "Hapus atau ganti karakter pertama.",
        "the text \u201c{got}\u201d starts with = + - @, a tab or a carriage return, which a spreadsheet runs "
        "as a formula. Remove or replace the first character.",
    ),
    "error.nul_byte": (
        "berkas berisi byte NUL (mungkin disimpan sebagai UTF-16 atau berkas biner). Simpan sebagai CSV UTF-8.",
        "the file holds NUL bytes (perhaps saved as UTF-16, or a binary file). Save it as CSV UTF-8.",
    ),
    "error.encoding_utf16": (
        "berkas disimpan sebagai UTF-16. Simpan sebagai CSV UTF-8.",
        "the file is saved as UTF-16. Save it as CSV UTF-8.",
    ),
    "error.encoding": (
        "byte {got} bukan teks UTF-8 (mungkin Latin-1/Windows-1252). Simpan berkas sebagai CSV UTF-8.",
        "bytes {got} are not UTF-8 text (perhaps Latin-1/Windows-1252). Save the file as CSV UTF-8.",
    ),
    "error.field_too_large": (
        "sel lebih panjang dari batas {maximum} karakter (mungkin tanda kutip tidak ditutup).",
        "a cell is longer than the limit of {maximum} characters (perhaps an unclosed quote).",
    ),
    "error.too_many_cells": (
        "baris berisi {got} sel, judul kolom hanya {expected}. Angka dengan koma harus diberi tanda kutip, "
        "atau simpan sebagai CSV dengan titik koma.",
        "the row holds {got} cells but the header only {expected}. Quote a number with a comma, "
        "or save the file as semicolon-separated CSV.",
    ),
    "error.too_many_rows": (
        "berkas berisi lebih dari {maximum} baris data, batas satu berkas; tidak dibaca lebih jauh. "
        "Hapus baris kosong di akhir, atau bagi berkasnya.",
        "the file holds more than {maximum} data rows, the limit for one file; it was not read further. "
        "Delete empty rows at its end, or split the file.",
    ),
    "error.too_many_columns": (
        "judul berisi {got} kolom; paling banyak {maximum}.",
        "the header names {got} columns; at most {maximum} are read.",
    ),
    "error.too_many_cells_file": (
        "berkas berisi lebih dari {maximum} sel, batas satu berkas; tidak dibaca lebih jauh.",
        "the file holds more than {maximum} cells, the limit for one file; it was not read further.",
    ),
    "error.too_many_separators": (
        "berkas berisi lebih dari {maximum} pemisah dan baris, batas satu berkas; tidak dibaca.",
        "the file holds more than {maximum} separators and lines, the limit for one file; it was not read.",
    ),
    "error.xlsx_too_large": (
        "berkas .xlsx ini jika dibuka berukuran {got} MB; paling besar {maximum} MB. Tidak dibaca.",
        "this .xlsx unpacks to {got} MB; at most {maximum} MB. It was not read.",
    ),
    "error.xlsx_strings_too_large": (
        "teks bersama (shared strings) berkas .xlsx ini berukuran {got} MB jika dibuka; paling besar {maximum} MB. "
        "Tidak dibaca.",
        "this .xlsx's shared texts unpack to {got} MB; at most {maximum} MB. It was not read.",
    ),
    "error.upload_busy": (
        "server sedang memeriksa berkas unggahan lain; coba lagi sebentar lagi.",
        "the server is busy checking other uploaded files; try again in a moment.",
    ),
    "error.upload_session_limit": (
        "sesi ini sudah mengunggah {limit} berkas dalam {window} menit; coba lagi dalam {minutes} menit.",
        "this session has uploaded {limit} files in {window} minutes; try again in {minutes} minutes.",
    ),
    "error.sheet_missing": (
        "lembar \u201c{got}\u201d tidak ada di buku kerja; lembar yang ada: {expected}.",
        "sheet \u201c{got}\u201d is not in the workbook; its sheets: {expected}.",
    ),
    "error.formula_no_value": (
        "sel {cell} berisi rumus tanpa hasil tersimpan (berkas ditulis oleh program yang tidak menghitung "
        "rumus). Buka dan simpan ulang di program lembar kerja, atau tulis nilainya.",
        "cell {cell} holds a formula with no saved result (the file was written by a program that does not "
        "compute formulas). Open and save it again in a spreadsheet program, or type the value.",
    ),
    "error.too_few_cells": (
        "baris hanya berisi {got} dari {expected} sel; berkas mungkin terpotong.",
        "the row holds only {got} of {expected} cells; the file may be cut short.",
    ),
    "error.header_repeated": (
        "baris ini mengulang judul kolom. Hapus baris tersebut.",
        "this row repeats the header. Delete the row.",
    ),
    "error.duplicate_column": (
        "judul kolom muncul dua kali. Setiap kolom hanya boleh sekali.",
        "the column heading appears twice. Each column may appear only once.",
    ),
    "error.duplicate_row": (
        "baris ini sama persis dengan baris {got}. Hapus baris yang ganda.",
        "this row is identical to row {got}. Delete the repeated row.",
    ),
    "error.too_few_rows": (
        "diharapkan sedikitnya {expected} baris data, tertulis {got}.",
        "expected at least {expected} data rows, found {got}.",
    ),
    "error.row_count": (
        "manifest mencatat {expected} baris data, berkas berisi {got}; berkas mungkin terpotong. Jika "
        "perubahan disengaja, segel ulang dengan: {command}",
        "the manifest records {expected} data rows, the file holds {got}; it may be cut short. If the change "
        "is deliberate, re-seal with: {command}",
    ),
    "error.checksum": (
        "isi berkas ({got} byte) tidak sama dengan yang dicatat manifest ({expected} byte, SHA-256); berkas "
        "mungkin setengah tertulis atau diubah tangan. Jika perubahan disengaja, segel ulang dengan: {command}",
        "the file ({got} bytes) differs from what the manifest records ({expected} bytes, SHA-256); it may be "
        "half-written or edited by hand. If the change is deliberate, re-seal with: {command}",
    ),
    "error.not_sealed": (
        "manifest tidak mencatat ukuran dan SHA-256 berkas ini. Segel paket dengan: {command}",
        "the manifest does not record this file's size and SHA-256. Seal the pack with: {command}",
    ),
    "error.bad_json_type": (
        "struktur JSON salah: diharapkan {expected}.",
        "wrong JSON structure: expected {expected}.",
    ),
    "error.wrong_format": (
        "format berkas {got} tidak cocok; diharapkan {expected}.",
        "file format {got} does not fit; expected {expected}.",
    ),
    "error.kecamatan_code": (
        "kode kecamatan \u201c{got}\u201d tidak sesuai kode {vil}; diharapkan {expected}.",
        "kecamatan code \u201c{got}\u201d does not match the {vil} code; expected {expected}.",
    ),
    "error.name_mismatch": (
        "\u201c{got}\u201d tidak cocok dengan {code}, yang di baris {first} tertulis \u201c{expected}\u201d.",
        "\u201c{got}\u201d disagrees with {code}, given as \u201c{expected}\u201d in row {first}.",
    ),
    "error.incomplete": (
        "tidak ada baris untuk {vil} {name} ({got}); diharapkan satu baris untuk setiap {expected} "
        "{vil}, tertulis {found}.",
        "no row for {vil} {name} ({got}); expected one row for each of the {expected} {vil}, found {found}.",
    ),
    "error.status_not_earned": (
        "status \u201c{got}\u201d lebih kuat dari yang diberikan manifest untuk dataset ini ({expected}).",
        "status \u201c{got}\u201d is stronger than the manifest grants this dataset ({expected}).",
    ),
    "error.internal": (
        "berkas tidak dapat diperiksa ({detail}). Laporkan berkas ini ke tim dasbor.",
        "the file could not be checked ({detail}). Please report this file to the dashboard team.",
    ),
    "error.unknown_column": (
        "kolom ini tidak dikenal dataset ini. Kolom yang diharapkan: {expected}.",
        "this dataset has no such column. Expected columns: {expected}.",
    ),
    "error.band": (
        "geometri per zoom paket provinsi tidak dapat dibaca ({detail}); bangun ulang paket dengan "
        "python -m smartcity_geo region {region_code}.",
        "the province pack's geometry per zoom cannot be read ({detail}); rebuild the pack with "
        "python -m smartcity_geo region {region_code}.",
    ),
    "error.region_field": (
        "blok wilayah pada manifest tidak sah: diharapkan {expected}, tertulis \u201c{got}\u201d.",
        "the manifest's region block is malformed: expected {expected}, found \u201c{got}\u201d.",
    ),
    "error.unsupplied_rows": (
        "dataset berstatus \u201cnone\u201d (belum tersedia) harus kosong dengan rows 0, tertulis \u201c{got}\u201d; "
        "batas kelurahan/desa tidak boleh belum tersedia.",
        "a dataset with status \u201cnone\u201d (not yet supplied) must be empty with rows 0, found \u201c{got}\u201d; "
        "the boundaries cannot be unsupplied.",
    ),
}
