"""Shared chrome: app title, navigation, sidebar, data status. key -> (Indonesian, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "app.title": ("Peta Kota Cerdas Pasuruan", "Pasuruan Smart City Map"),
    "app.subtitle": (
        "Infrastruktur TIK dan kemajuan program kota cerdas Kota Pasuruan",
        "ICT infrastructure and smart-city programme progress of Kota Pasuruan",
    ),
    "nav.map": ("Peta", "Map"),
    "nav.kelurahan": ("Kelurahan", "Kelurahan"),
    "nav.indicators": ("Indikator", "Indicators"),
    "nav.budget": ("Anggaran", "Budget"),
    "nav.sources": ("Data & sumber", "Data & sources"),
    "nav.briefing": ("Ringkasan", "Briefing"),
    "sidebar.language": ("Bahasa", "Language"),
    "sidebar.presentation": ("Mode presentasi", "Presentation mode"),
    "sidebar.presentation_help": (
        "Huruf besar dan tampilan tenang untuk layar ruang rapat.",
        "Large type and a calm layout for the meeting-room screen.",
    ),
    "sidebar.kecamatan": ("Kecamatan", "Kecamatan"),
    "sidebar.kelurahan": ("Kelurahan", "Kelurahan"),
    "sidebar.selection_all": ("Seluruh kota", "Whole city"),
    "sidebar.clear": ("Hapus pilihan", "Clear selection"),
    "sidebar.share": ("Tautan tampilan ini", "Link to this view"),
    "sidebar.share_help": (
        "Salin alamat halaman: tautan membuka kembali tampilan yang sama.",
        "Copy the page address: the link reopens this same view.",
    ),
    "status.official": ("resmi", "official"),
    "status.seed": ("paparan kota", "city presentation"),
    "status.sample": ("contoh", "sample"),
    "status.label": ("Status data", "Data status"),
    "status.help.official": (
        "Dari sumber publik resmi; sumber tercantum.",
        "From a public source; the source is cited.",
    ),
    "status.help.seed": (
        "Dinyatakan dalam paparan kota cerdas Pemkot (2020).",
        "Stated in the city's own smart-city presentation (2020).",
    ),
    "status.help.sample": (
        "Ilustrasi, bukan data kota: akan diganti dengan angka resmi.",
        "Illustrative, not the city's data: to be replaced by official figures.",
    ),
    "common.source": ("Sumber", "Source"),
    "common.as_of": ("Per", "As of"),
    "common.licence": ("Lisensi", "Licence"),
    "common.none": ("–", "–"),
    "common.yes": ("ya", "yes"),
    "common.no": ("tidak", "no"),
    "common.city": ("Kota Pasuruan", "Kota Pasuruan"),
    "common.load_error": (
        "Paket data tidak dapat dimuat.",
        "The data pack could not be loaded.",
    ),
}
