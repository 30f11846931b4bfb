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
        "diharapkan tanggal TTTT-BB-HH, tertulis \u201c{got}\u201d.",
        "expected a date YYYY-MM-DD, found \u201c{got}\u201d.",
    ),
    "error.duplicate": (
        "nilai \u201c{got}\u201d muncul lebih dari sekali; harus unik.",
        "value \u201c{got}\u201d appears more than once; it must be unique.",
    ),
    "error.unknown_code": (
        "kode wilayah \u201c{got}\u201d bukan salah satu dari 34 kelurahan Kota Pasuruan.",
        "region code \u201c{got}\u201d is not one of the 34 kelurahan of Kota Pasuruan.",
    ),
    "error.bad_code": (
        "kode wilayah Kemendagri diharapkan berbentuk 35.75.KK.DDDD, tertulis \u201c{got}\u201d.",
        "a Kemendagri region code of the form 35.75.KK.DDDD was expected, found \u201c{got}\u201d.",
    ),
    "error.unknown_reference": (
        "\u201c{got}\u201d tidak ditemukan di {target}.",
        "\u201c{got}\u201d was not found in {target}.",
    ),
    "error.outside_city": (
        "posisi ({lon}, {lat}) berada di luar Kota Pasuruan. Periksa urutan bujur/lintang.",
        "position ({lon}, {lat}) lies outside Kota Pasuruan. Check the longitude/latitude order.",
    ),
    "error.outside_kelurahan": (
        "posisi berada di luar kelurahan {expected} (jatuh di {got}).",
        "the position lies outside kelurahan {expected} (it falls in {got}).",
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
        "diharapkan koordinat EPSG:4326 (bujur, lintang), tertulis {got}.",
        "expected EPSG:4326 coordinates (longitude, latitude), found {got}.",
    ),
    "error.feature_count": (
        "diharapkan {expected} kelurahan, tertulis {got}.",
        "expected {expected} kelurahan, found {got}.",
    ),
    "error.manifest_field": (
        "manifest: kolom \u201c{column}\u201d wajib untuk setiap dataset.",
        "manifest: field \u201c{column}\u201d is required for every dataset.",
    ),
    "error.bad_status": (
        "status \u201c{got}\u201d tidak dikenal; yang diizinkan: official, seed, sample.",
        "unknown status \u201c{got}\u201d; allowed: official, seed, sample.",
    ),
    "error.too_large": (
        "berkas terlalu besar ({got} MB; maksimum {maximum} MB).",
        "the file is too large ({got} MB; at most {maximum} MB).",
    ),
}
