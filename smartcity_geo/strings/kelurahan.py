"""Texts for the kelurahan screen (profile, comparison, gaps, downloads).

key -> (Indonesian, English). Prefixes: ``kel.`` (profile and comparison), ``gap.`` (gap
list), ``export.`` (downloads).
"""

TEXT: dict[str, tuple[str, str]] = {
    # ---- page
    "kel.intro": (
        "Pilih satu kelurahan (di panel samping atau dengan klik di peta) untuk melihat profilnya; "
        "pilih beberapa atau tidak sama sekali untuk membandingkan.",
        "Select one kelurahan (in the sidebar or by clicking the map) to see its profile; "
        "select several or none to compare them.",
    ),
    "kel.statuses": ("Status data:", "Data status:"),
    "kel.sources": ("Sumber data", "Data sources"),
    # ---- profile
    "kel.profile.subtitle": ("Kode {code} · Kecamatan {kecamatan}", "Code {code} · Kecamatan {kecamatan}"),
    "kel.fig.area": ("Luas", "Area"),
    "kel.fig.area_detail": (
        "dihitung dari batas yang disederhanakan, bukan luas resmi",
        "computed from the simplified boundary, not the official area",
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
    "kel.hotspots.heading": ("Hotspot di kelurahan ini", "Hotspots in this kelurahan"),
    "kel.hotspots.none": ("Tidak ada hotspot tercatat di kelurahan ini.", "No hotspot is recorded in this kelurahan."),
    "kel.hotspots.col.name": ("Nama", "Name"),
    "kel.hotspots.col.type": ("Jenis", "Type"),
    "kel.hotspots.col.position": ("Cara penentuan posisi", "How positioned"),
    "kel.hotspots.col.note": ("Catatan posisi (bahasa sumber)", "Position note"),
    "kel.hotspots.col.status": ("Status data", "Data status"),
    "kel.tourism.heading": ("Kawasan wisata", "Tourism areas"),
    "kel.tourism.none": (
        "Tidak ada kawasan wisata yang ditetapkan di kelurahan ini.",
        "No designated tourism area lies in this kelurahan.",
    ),
    "kel.indicators.heading": ("Indikator tingkat kelurahan", "Kelurahan-level indicators"),
    "kel.indicators.none": (
        "Belum ada indikator tingkat kelurahan untuk kelurahan ini.",
        "There are no kelurahan-level indicators for this kelurahan yet.",
    ),
    "kel.indicators.unavailable": (
        "Paket data belum memuat indikator program, jadi belum ada indikator tingkat kelurahan.",
        "The data pack holds no programme indicators yet, so there are no kelurahan-level indicators.",
    ),
    "kel.ind.col.name": ("Indikator", "Indicator"),
    "kel.ind.col.unit": ("Satuan", "Unit"),
    "kel.ind.col.year": ("Tahun realisasi terakhir", "Latest year with an actual"),
    "kel.ind.col.actual": ("Realisasi", "Actual"),
    "kel.ind.col.target": ("Target tahun itu", "Target that year"),
    "kel.ind.col.achievement": ("Capaian", "Achievement"),
    "kel.ind.col.status": ("Status data", "Data status"),
    # ---- comparison
    "kel.compare.heading": ("Perbandingan kelurahan", "Kelurahan comparison"),
    "kel.compare.scope_all": (
        "Seluruh {n} kelurahan dan rata-rata kota. Klik judul kolom untuk mengurutkan.",
        "All {n} kelurahan and the city average. Click a column header to sort.",
    ),
    "kel.compare.scope_selection": (
        "{n} kelurahan terpilih dan rata-rata seluruh kota. Klik judul kolom untuk mengurutkan.",
        "The {n} selected kelurahan and the average of the whole city. Click a column header to sort.",
    ),
    "kel.compare.average_note": (
        "Rata-rata kota: persentase luas ditimbang dengan luas kelurahan; jumlah dan rumah tangga terlayani "
        "sebagai rata-rata per kelurahan; fiber sebagai bagian kelurahan yang memiliki fiber.",
        "City average: area shares weighted by kelurahan area; counts and households passed as the mean per "
        "kelurahan; fibre as the share of kelurahan with fibre.",
    ),
    "kel.city_average": ("Rata-rata kota", "City average"),
    "kel.col.kode": ("Kode", "Code"),
    "kel.col.kelurahan": ("Kelurahan", "Kelurahan"),
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
        "Kelurahan tanpa hotspot publik, dengan cakupan 4G di bawah ambang, atau tanpa fiber.",
        "Kelurahan with no public hotspot, 4G coverage below the threshold, or no fibre.",
    ),
    "gap.threshold": ("Ambang luas 4G", "4G area threshold"),
    "gap.threshold_help": (
        "Kelurahan yang bagian luasnya tercakup 4G di bawah ambang ini masuk daftar.",
        "Kelurahan whose share of area covered by 4G is below this threshold are listed.",
    ),
    "gap.count": ("{n} dari {total} kelurahan memiliki kesenjangan.", "{n} of {total} kelurahan have a gap."),
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
    "export.scope_all": ("Seluruh 34 kelurahan.", "All 34 kelurahan."),
    "export.scope_selection": ("{n} kelurahan terpilih.", "The {n} selected kelurahan."),
    "export.csv": ("Unduh CSV", "Download CSV"),
    "export.geojson": ("Unduh GeoJSON", "Download GeoJSON"),
    "export.note": (
        "Berkas memuat kolom status data (status_*); angka berstatus contoh bukan data kota. "
        "Sel teks yang diawali = + - @ diberi tanda kutip agar tidak dijalankan sebagai rumus.",
        "Files carry data-status columns (status_*); figures with status sample are not the city's data. "
        "Text cells starting with = + - @ are prefixed with a quote so that they never run as formulas.",
    ),
}
