"""Texts for the {vil} screen (profile, comparison, gaps, downloads).

key -> (Indonesian, English). Prefixes: ``kel.`` (profile and comparison), ``gap.`` (gap
list), ``export.`` (downloads).
"""

TEXT: dict[str, tuple[str, str]] = {
    "kel.profile.compare": ("Dibandingkan dengan kecamatan dan kota", "Compared with its kecamatan and the city"),
    # ---- page
    "kel.intro": (
        "Pilih satu {vil} (di panel samping atau dengan klik di peta) untuk melihat profilnya; "
        "pilih beberapa atau tidak sama sekali untuk membandingkan.",
        "Select one {vil} (in the sidebar or by clicking the map) to see its profile; "
        "select several or none to compare them.",
    ),
    "kel.statuses": ("Status data:", "Data status:"),
    "kel.sources": ("Sumber data", "Data sources"),
    # ---- profile
    "kel.profile.subtitle": ("Kode {code} · Kecamatan {kecamatan}", "Code {code} · Kecamatan {kecamatan}"),
    "kel.fig.area": ("Luas", "Area"),
    "kel.fig.area_detail": (
        "dihitung dari poligon batas yang disederhanakan, bukan luas resmi",
        "computed from the simplified boundary polygons; not the official area",
    ),
    "kel.fig.hotspots": ("Hotspot Wi-Fi", "Wi-Fi hotspots"),
    "kel.fig.hotspots_detail": ("{public} publik · {internal} internal", "{public} public · {internal} internal"),
    "kel.fig.share_4g": ("Luas dengan 4G", "Area with 4G"),
    "kel.fig.share_4g_detail": (
        "3G saja: {three} · tanpa sinyal: {none}",
        "3G only: {three} · no signal: {none}",
    ),
    "kel.fig.fibre": ("Fiber", "Fibre"),
    "kel.fig.fibre_detail": (
        "{households} rumah tangga terlayani · {providers} penyedia",
        "{households} of households passed · {providers} providers",
    ),
    "kel.fig.fibre_unknown": ("tidak diketahui", "unknown"),
    "kel.fig.tourism": ("Kawasan wisata", "Tourism areas"),
    "kel.fig.tourism_detail": ("batas kawasan perkiraan", "extents are approximate"),
    "kel.hotspots.heading": ("Hotspot di {vil} ini", "Hotspots in this {vil}"),
    "kel.hotspots.none": ("Tidak ada hotspot tercatat di {vil} ini.", "No hotspot is recorded in this {vil}."),
    "kel.hotspots.col.name": ("Nama", "Name"),
    "kel.hotspots.col.type": ("Jenis", "Type"),
    "kel.hotspots.col.position": ("Cara penentuan posisi", "How positioned"),
    "kel.hotspots.col.note": ("Catatan posisi (bahasa sumber)", "Position note"),
    "kel.hotspots.col.status": ("Status data", "Data status"),
    "kel.tourism.heading": ("Kawasan wisata", "Tourism areas"),
    "kel.tourism.none": (
        "Tidak ada kawasan wisata yang ditetapkan di {vil} ini.",
        "No designated tourism area lies in this {vil}.",
    ),
    "kel.indicators.heading": ("Indikator tingkat {vil}", "{Vil}-level indicators"),
    "kel.indicators.none": (
        "Belum ada indikator tingkat {vil} untuk {vil} ini.",
        "There are no {vil}-level indicators for this {vil} yet.",
    ),
    "kel.indicators.unavailable": (
        "Paket data belum memuat indikator program, jadi belum ada indikator tingkat {vil}.",
        "The data pack holds no programme indicators yet, so there are no {vil}-level indicators.",
    ),
    "kel.ind.col.name": ("Indikator", "Indicator"),
    "kel.ind.col.unit": ("Satuan", "Unit"),
    "kel.ind.col.year": ("Tahun realisasi terakhir", "Latest year with an actual"),
    "kel.ind.col.actual": ("Realisasi", "Actual"),
    "kel.ind.col.target": ("Target tahun itu", "Target that year"),
    "kel.ind.col.achievement": ("Capaian", "Achievement"),
    "kel.ind.col.status": ("Status data", "Data status"),
    # ---- comparison
    "kel.compare.heading": ("Perbandingan {vil}", "{Vil} comparison"),
    "kel.compare.scope_all": (
        "Seluruh {n} {vil} dan rata-rata {unit}. Klik judul kolom untuk mengurutkan.",
        "All {n} {vil} and the {unit} average. Click a column header to sort.",
    ),
    "kel.compare.scope_selection": (
        "{n} {vil} terpilih dan rata-rata seluruh {unit}. Klik judul kolom untuk mengurutkan.",
        "The {n} selected {vil} and the average of the whole {unit}. Click a column header to sort.",
    ),
    "kel.compare.average_note": (
        "Rata-rata {unit}: persentase luas ditimbang dengan luas {vil}; jumlah dan rumah tangga terlayani "
        "sebagai rata-rata per {vil}; fiber sebagai bagian {vil} yang memiliki fiber.",
        "{Unit} average: area shares weighted by {vil} area; counts and households passed as the mean per "
        "{vil}; fibre as the share of {vil} with fibre.",
    ),
    "kel.city_average": (
        "Rata-rata {unit}",
        "{Unit} average",
    ),
    "kel.kecamatan_average": ("Rata-rata Kec. {kecamatan}", "Kecamatan {kecamatan} average"),
    "kel.kabkota_average": ("Rata-rata {kabkota}", "{kabkota} average"),
    "kel.province_average": ("Rata-rata Provinsi {province}", "{province} province average"),
    "kel.averages.heading": ("Rata-rata pembanding", "Averages to compare with"),
    "kel.chart.measure": ("Ukuran untuk grafik", "Measure to chart"),
    "kel.chart.title": ("{measure} per {vil}", "{measure} by {vil}"),
    "kel.chart.status": ("Status data grafik:", "Chart data status:"),
    "kel.col.kode": ("Kode", "Code"),
    "kel.col.kelurahan": ("{Vil}", "{Vil}"),
    "kel.col.kecamatan": ("Kecamatan", "Kecamatan"),
    "kel.col.area_km2": ("Luas (km²)", "Area (km²)"),
    "kel.col.hotspots_public": ("Hotspot publik", "Public hotspots"),
    "kel.col.hotspots_internal": ("Hotspot internal", "Internal hotspots"),
    "kel.col.share_4g": ("Luas 4G", "4G area"),
    "kel.col.share_3g_only": ("Luas 3G saja", "3G-only area"),
    "kel.col.share_no_mobile": ("Tanpa sinyal", "No signal"),
    "kel.col.fibre": ("Fiber", "Fibre"),
    "kel.col.households_passed_share": ("Rumah tangga terlayani fiber", "Households passed by fibre"),
    "kel.col.providers": ("Penyedia", "Providers"),
    "kel.col.tourism_areas": ("Kawasan wisata", "Tourism areas"),
    "kel.col.help": ("Status data: {status}. {source}", "Data status: {status}. {source}"),
    # ---- gaps
    "gap.heading": ("Kesenjangan", "Gaps"),
    "gap.intro": (
        "{Vil} tanpa hotspot publik, dengan cakupan 4G di bawah ambang, atau tanpa fiber.",
        "{Vil} with no public hotspot, 4G coverage below the threshold, or no fibre.",
    ),
    "gap.threshold": ("Ambang luas 4G", "4G area threshold"),
    "gap.threshold_help": (
        "{Vil} yang bagian luasnya tercakup 4G di bawah ambang ini masuk daftar.",
        "{Vil} whose share of area covered by 4G is below this threshold are listed.",
    ),
    "gap.count": ("{n} dari {total} {vil} memiliki kesenjangan.", "{n} of {total} {vil} have a gap."),
    "gap.none": ("Tidak ada kesenjangan pada ambang ini.", "No gaps at this threshold."),
    "gap.reason.no_public_hotspot": ("tanpa hotspot publik", "no public hotspot"),
    "gap.reason.low_4g": ("4G {share} (di bawah {threshold})", "4G {share} (below {threshold})"),
    "gap.reason.no_fibre": ("tanpa fiber", "no fibre"),
    "gap.col.no_public_hotspot": ("Tanpa hotspot publik", "No public hotspot"),
    "gap.col.low_4g": ("4G di bawah ambang", "4G below threshold"),
    "gap.col.no_fibre": ("Tanpa fiber", "No fibre"),
    "gap.col.reasons": ("Alasan", "Reasons"),
    # ---- downloads
    "export.heading": ("Unduh", "Download"),
    "export.scope_all": ("Seluruh {n} {vil}.", "All {n} {vil}."),
    "export.scope_selection": ("{n} {vil} terpilih.", "The {n} selected {vil}."),
    "export.csv": ("Unduh CSV", "Download CSV"),
    "export.csv_excel": ("Unduh CSV untuk Excel (titik koma)", "Download CSV for Excel (semicolons)"),
    "export.csv_excel_help": (
        "Dipisah titik koma, desimal dengan koma, UTF-8 dengan BOM: terbuka langsung di Excel berbahasa Indonesia.",
        "Semicolon-separated, decimal comma, UTF-8 with BOM: opens directly in Excel set to Indonesian.",
    ),
    "export.file.all": ("kelurahan_semua", "kelurahan_all"),
    "export.file.selection": ("kelurahan_pilihan", "kelurahan_selection"),
    "export.file.excel": ("excel", "excel"),
    "export.col.kode": ("Kode", "Code"),
    "export.col.kelurahan": ("{Vil}", "{Vil}"),
    "export.col.kode_kecamatan": ("Kode kecamatan", "Kecamatan code"),
    "export.col.kecamatan": ("Kecamatan", "Kecamatan"),
    "export.col.area_km2": ("Luas (km²)", "Area (km²)"),
    "export.col.status_area": ("Status luas", "Area status"),
    "export.col.hotspots_public": ("Hotspot publik", "Public hotspots"),
    "export.col.hotspots_internal": ("Hotspot internal", "Internal hotspots"),
    "export.col.hotspot_ids": ("ID hotspot", "Hotspot ids"),
    "export.col.status_hotspots": ("Status hotspot", "Hotspot status"),
    "export.col.share_4g": ("Luas 4G", "4G area"),
    "export.col.share_3g_only": ("Luas 3G saja", "3G-only area"),
    "export.col.share_no_mobile": ("Luas tanpa sinyal", "Area with no signal"),
    "export.col.status_coverage": ("Status cakupan", "Coverage status"),
    "export.col.fibre": ("Fiber", "Fibre"),
    "export.col.households_passed_share": ("Rumah tangga terlayani fiber", "Households passed by fibre"),
    "export.col.providers": ("Penyedia", "Providers"),
    "export.col.status_broadband": ("Status broadband", "Broadband status"),
    "export.col.tourism_area_ids": ("ID kawasan wisata", "Tourism area ids"),
    "export.col.status_tourism": ("Status kawasan wisata", "Tourism area status"),
    "export.col.data_pack_version": ("Versi paket data", "Data pack version"),
    "export.geojson": ("Unduh GeoJSON", "Download GeoJSON"),
    "export.note": (
        "Setiap kelompok angka membawa kolom status data; angka berstatus contoh bukan data {unit}, luas dihitung "
        "dari poligon yang disederhanakan. "
        "Sel teks yang diawali = + - @ diberi tanda kutip agar tidak dijalankan sebagai rumus.",
        "Every group of figures carries a data-status column; sample figures are not the {unit}'s data, areas are "
        "computed from simplified polygons. "
        "Text cells starting with = + - @ are prefixed with a quote so that they never run as formulas.",
    ),
    # ---- long tables (more rows than one page: ui/paging.py)
    "table.filter": ("Cari nama atau kode", "Find a name or code"),
    "table.filter_hint": ("mis. nama {vil} atau kecamatan", "e.g. a {vil} or kecamatan name"),
    "table.sort": ("Urutkan menurut", "Sort by"),
    "table.sort_code": ("Kode wilayah", "Region code"),
    "table.descending": ("Terbesar dulu", "Largest first"),
    "table.page": ("Halaman (dari {pages})", "Page (of {pages})"),
    "table.showing": (
        "Baris {first}–{last} dari {matched} yang cocok ({total} seluruhnya); unduhan memuat seluruh tabel.",
        "Rows {first}–{last} of {matched} matching ({total} in all); the downloads hold the whole table.",
    ),
    "table.no_match": (
        "Tidak ada baris yang cocok dari {total}.",
        "No row of {total} matches.",
    ),
}
