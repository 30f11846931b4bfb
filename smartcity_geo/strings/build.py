"""Building a region pack from its Kemendagri code (``python -m smartcity_geo region``). key -> (Indonesian, English)."""

TEXT: dict[str, tuple[str, str]] = {
    # refusals (RegionError): one line, naming the code or the file
    "build.province_not_supported": (
        "{code} adalah kode provinsi; bagian ini membaca satu kabupaten/kota ({example}). Paket provinsi dibuat "
        "dengan build_province (python -m smartcity_geo region {code}).",
        "{code} is a province code; this reads one kab/kota ({example}). A province pack is built by "
        "build_province (python -m smartcity_geo region {code}).",
    ),
    "build.band_unreadable": (
        "berkas geometri {file} tidak dapat dibaca ({detail}).",
        "the geometry file {file} cannot be read ({detail}).",
    ),
    "build.band_mismatch": (
        "berkas geometri {file} tidak cocok dengan segel manifest ({bytes} byte, seharusnya {expected}, atau "
        "SHA-256 lain): berkas setengah tertulis atau diubah tangan, tidak digambar.",
        "the geometry file {file} does not match the manifest's seal ({bytes} bytes, expected {expected}, or "
        "another SHA-256): half-written or edited by hand, not drawn.",
    ),
    "build.not_kabkota": (
        "{code} adalah kode kecamatan atau kelurahan/desa; berikan kode kabupaten/kota, misalnya {kabkota}.",
        "{code} is a kecamatan or village code; give the kab/kota code, e.g. {kabkota}.",
    ),
    "build.bad_code": (
        "\u201c{code}\u201d bukan kode wilayah Kemendagri kabupaten/kota (bentuknya PP.KK: provinsi, titik, "
        "kabupaten/kota).",
        "\u201c{code}\u201d is not a Kemendagri kab/kota code (the form is PP.KK: province, dot, kab/kota).",
    ),
    "build.unknown_code": (
        "kode {code} tidak ada dalam {file}.",
        "code {code} is not in {file}.",
    ),
    "build.no_polygons": (
        "{code} ({name}) tidak punya poligon kelurahan/desa: {file} tidak ada atau kosong di data batas wilayah.",
        "{code} ({name}) has no kelurahan/desa polygons: {file} is missing or empty in the boundary data.",
    ),
    "build.not_layout": (
        "{path} bukan salinan data hulu: {expected} tidak ditemukan di dalamnya.",
        "{path} is not the upstream layout: {expected} was not found in it.",
    ),
    "build.malformed": (
        "{file}, baris {line}: baris ini tidak dapat dibaca sebagai data wilayah ({detail}).",
        "{file}, line {line}: this line does not read as a region row ({detail}).",
    ),
    "build.unreadable": ("{file} tidak dapat dibaca ({detail}).", "{file} cannot be read ({detail})."),
    "build.foreign_code": (
        "{file}, baris {line}: kode {code} bukan kelurahan/desa dari {region}.",
        "{file}, line {line}: code {code} is not a kelurahan/desa of {region}.",
    ),
    "build.duplicate_code": (
        "{file}, baris {line}: kode {code} sudah ada di baris {first}.",
        "{file}, line {line}: code {code} already appears on line {first}.",
    ),
    "build.bad_polygon": (
        "{file}, baris {line}: poligon {code} tidak dapat dipakai ({detail}).",
        "{file}, line {line}: the polygon of {code} cannot be used ({detail}).",
    ),
    "build.out_exists": (
        "{path} sudah ada; pilih folder lain atau tambahkan --force untuk menggantinya. Tidak ada yang ditulis.",
        "{path} already exists; choose another folder or add --force to replace it. Nothing was written.",
    ),
    "build.out_is_bundled": (
        "{path} adalah paket bawaan; paket wilayah ditulis ke folder lain. Tidak ada yang ditulis.",
        "{path} is the bundled pack; write a region pack to another folder. Nothing was written.",
    ),
    "build.cannot_write": (
        "{path} tidak dapat ditulis ({detail}); tidak ada paket setengah jadi yang tertinggal.",
        "{path} cannot be written ({detail}); no half-written pack was left.",
    ),
    "build.no_template": (
        "paket bawaan {path} tidak dapat dibaca ({detail}); paket wilayah mengambil daftar datasetnya dari sana.",
        "the bundled pack {path} cannot be read ({detail}); a region pack takes its list of datasets from it.",
    ),
    "build.no_upstream": (
        "data hulu tidak ditemukan: berikan --boundaries (clone cahyadsn/wilayah_boundaries) dan --names "
        "(clone cahyadsn/wilayah).",
        "upstream data not found: give --boundaries (a clone of cahyadsn/wilayah_boundaries) and --names "
        "(a clone of cahyadsn/wilayah).",
    ),
    # success
    "build.built": (
        "{out}: paket {name} ({code}) tersegel: {total} poligon ({kelurahan} kelurahan, {desa} desa) dalam "
        "{kecamatan} kecamatan, {crs}; tanpa batas: {missing}.",
        "{out}: sealed pack of {name} ({code}): {total} polygons ({kelurahan} kelurahan, {desa} desa) in "
        "{kecamatan} kecamatan, {crs}; without a boundary: {missing}.",
    ),
    "build.built_province": (
        "{out}: paket provinsi {name} ({code}) tersegel: {kabkota} kabupaten/kota, {total} poligon ({kelurahan} "
        "kelurahan, {desa} desa) dalam {kecamatan} kecamatan, {crs}, {bands} pita geometri per zoom; "
        "kabupaten/kota tanpa poligon: {without}; kelurahan/desa tanpa batas: {missing}.",
        "{out}: sealed province pack of {name} ({code}): {kabkota} kab/kota, {total} polygons ({kelurahan} "
        "kelurahan, {desa} desa) in {kecamatan} kecamatan, {crs}, {bands} geometry bands per zoom; "
        "kab/kota without polygons: {without}; villages without a boundary: {missing}.",
    ),
    "build.none": ("tidak ada", "none"),
    # manifest texts of a built pack
    "build.pack_name": ("Paket data {name}", "{name} data pack"),
    "build.villages.kelurahan": ("kelurahan", "kelurahan"),
    "build.villages.desa": ("desa", "desa"),
    "build.villages.mixed": ("kelurahan dan desa", "kelurahan and desa"),
    "build.boundary_title": ("Batas {count} {words}", "Boundaries of the {count} {words}"),
    "build.file_updated": ("berkas diperbarui {date}", "file updated {date}"),
    "build.boundary_source": (
        "cahyadsn/wilayah_boundaries, {file}, mengikuti {decree}; kode dan nama dari cahyadsn/wilayah {names}",
        "cahyadsn/wilayah_boundaries, {file}, following {decree}; codes and names from cahyadsn/wilayah {names}",
    ),
    "build.positions_clean": (
        "Poligon yang disederhanakan dari sumber, sumbu ditukar menjadi lon/lat, dibulatkan ke 6 desimal; tidak ada "
        "yang di-snap atau diperbaiki. Luas poligon bukan luas resmi.",
        "Simplified polygons from the source, axes swapped to lon/lat, rounded to 6 decimals; nothing snapped or "
        "repaired. Polygon areas are not official areas.",
    ),
    "build.positions": (
        "Poligon yang disederhanakan dari sumber, sumbu ditukar menjadi lon/lat, dibulatkan ke 6 desimal; {count} "
        "poligon yang tidak valid diperbaiki dengan make_valid (daftar di manifest). Luas poligon bukan luas resmi.",
        "Simplified polygons from the source, axes swapped to lon/lat, rounded to 6 decimals; {count} invalid "
        "polygons repaired with make_valid (listed in the manifest). Polygon areas are not official areas.",
    ),
    "build.not_supplied": ("Belum diserahkan oleh {name}", "Not yet supplied by {name}"),
    "build.licence_none": ("Belum ada data", "No data yet"),
    "build.no_data": ("Belum ada data.", "No data yet."),
    "build.note_empty": (
        "{name} belum menyerahkan data ini. Editor dapat menambahkannya lewat Impor di layar editor, atau dengan "
        "python -m smartcity_geo import {file} --dataset {dataset} --status official --reason \u2026",
        "{name} has not yet supplied this dataset. An editor adds it with Import on the editors' screen, or with "
        "python -m smartcity_geo import {file} --dataset {dataset} --status official --reason \u2026",
    ),
    "build.title.hotspots": ("Hotspot Wi-Fi", "Wi-Fi hotspots"),
    "build.title.gov_sites": (
        "Lokasi pemerintahan: ruang server, OPD, kecamatan, {vil}",
        "Government sites: server room, OPD, kecamatan, {vil} offices",
    ),
    "build.title.network_links": ("Jaringan antar-SKPD", "Inter-office network"),
    "build.title.cell_sites": ("Menara seluler 4G/3G", "4G/3G cell sites"),
    "build.title.broadband": ("Fiber/broadband per {vil}", "Fibre broadband per {vil}"),
    "build.title.tourism_areas": ("Kawasan wisata", "Tourism areas"),
    "build.title.facts": ("Fakta daerah", "Facts about the region"),
    "build.title.indicators": ("Indikator kota cerdas", "Smart-city indicators"),
    "build.title.indicator_values": ("Target dan capaian indikator", "Indicator targets and actuals"),
    "build.title.budget": ("Anggaran kota cerdas per tahun dan elemen", "Smart-city budget by year and element"),
}
