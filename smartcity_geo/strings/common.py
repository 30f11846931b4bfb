"""Shared chrome: app title, navigation, sidebar, data status. key -> (Indonesian, English)."""

TEXT: dict[str, tuple[str, str]] = {
    "app.name": ("Peta Kota Cerdas", "Smart City Map"),
    "app.title": (
        "Peta Kota Cerdas {region_short}",
        "{region_short} Smart City Map",
    ),
    "app.subtitle": (
        "Infrastruktur TIK dan kemajuan program kota cerdas {region}",
        "ICT infrastructure and smart-city programme progress of {region}",
    ),
    "nav.map": ("Peta", "Map"),
    "nav.kelurahan": ("{Vil}", "{Vil}"),
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
    "sidebar.kabkota": ("Kabupaten/kota", "Regency/city"),
    "sidebar.kabkota_all": ("Seluruh provinsi {province}", "All of {province} province"),
    "sidebar.kabkota_first": (
        "Pilih satu kabupaten/kota untuk melihat kecamatan dan kelurahan/desanya dengan batas rinci.",
        "Choose a regency or city to see its kecamatan and kelurahan/desa with detailed boundaries.",
    ),
    "sidebar.kelurahan": ("{Vil}", "{Vil}"),
    "sidebar.selection_all": (
        "Seluruh {unit}",
        "Whole {unit}",
    ),
    "sidebar.clear": ("Hapus pilihan", "Clear selection"),
    "sidebar.share_help": (
        "Salin alamat halaman: tautan membuka kembali tampilan yang sama.",
        "Copy the page address: the link reopens this same view.",
    ),
    "status.official": ("resmi", "official"),
    "status.seed": (
        "paparan {unit}",
        "{unit} presentation",
    ),
    "status.sample": ("contoh", "sample"),
    "status.computed": ("dihitung", "computed"),
    "status.uploaded": ("diunggah, belum diverifikasi", "uploaded, not verified"),
    "status.none": ("belum tersedia", "not yet supplied"),
    "status.help.none": (
        "{Unit} belum menyerahkan data ini; tidak ada angka yang dihitung darinya.",
        "The {unit} has not supplied this data yet; no figure is computed from it.",
    ),
    "missing.intro": (
        "Belum tersedia untuk {region}: {items}.",
        "Not yet supplied for {region}: {items}.",
    ),
    "missing.how": (
        "Editor menambahkan masing-masing lewat Impor di layar editor, atau dengan "
        "`python -m smartcity_geo import BERKAS --dataset KUNCI --status official --reason …`.",
        "An editor adds each with Import on the editors' screen, or with "
        "`python -m smartcity_geo import FILE --dataset KEY --status official --reason …`.",
    ),
    "missing.figure": ("belum tersedia", "not yet supplied"),
    "status.label": ("Status data", "Data status"),
    "status.help.official": (
        "Dari sumber publik resmi; sumber tercantum.",
        "From a public source; the source is cited.",
    ),
    "status.help.seed": (
        "Dinyatakan dalam paparan kota cerdas {gov}.",
        "Stated in the {unit}'s own smart-city presentation.",
    ),
    "status.help.computed": (
        "Dihitung dasbor dari berkas lain (mis. luas dari batas yang disederhanakan); bukan angka resmi.",
        "Computed by the dashboard from another file (e.g. areas from simplified boundaries); not an official figure.",
    ),
    "status.help.uploaded": (
        "Dari berkas yang diunggah dalam sesi ini; belum diperiksa, tidak dapat berstatus resmi.",
        "From a file uploaded in this session; not verified, never official.",
    ),
    "status.help.sample": (
        "Ilustrasi, bukan data {unit}: akan diganti dengan angka resmi.",
        "Illustrative, not the {unit}'s data: to be replaced by official figures.",
    ),
    "common.source": ("Sumber", "Source"),
    "common.as_of": ("Per", "As of"),
    "common.licence": ("Lisensi", "Licence"),
    "common.yes": ("ya", "yes"),
    "common.no": ("tidak", "no"),
    "common.city": (
        "{region}",
        "{region}",
    ),
    "common.load_error": (
        "Paket data tidak dapat dimuat.",
        "The data pack could not be loaded.",
    ),
    "catalog.note": ("Catatan", "Note"),
    "catalog.code": ("Kode", "Code"),
    "catalog.name": ("Nama", "Name"),
    "catalog.kind": ("Jenis", "Kind"),
    "catalog.villages_drawn": ("{Vil} di peta", "{Vil} on the map"),
    "catalog.region": ("Wilayah", "Region"),
    "catalog.kecamatan": ("Kecamatan", "Kecamatan"),
    "catalog.missing_boundaries": ("Kode tanpa batas wilayah", "Codes without a boundary"),
    "catalog.missing_boundaries_note": (
        "Kode dan nama ini ada di daftar Kemendagri tetapi tidak memiliki poligon di sumber batas: "
        "tidak tergambar di peta dan tidak dihitung di angka mana pun.",
        "These codes and names are in the Kemendagri list but have no polygon in the boundary source: "
        "they are not drawn on the map nor counted in any figure.",
    ),
    "catalog.no_missing_boundaries": (
        "Setiap kode {vil} memiliki batas wilayah.",
        "Every {vil} code has a boundary.",
    ),
    "region.identity": (
        "{name} ({kind}, kode {code}), Provinsi {province}.",
        "{name} ({kind}, code {code}), {province} province.",
    ),
    "region.villages": (
        "{total} {vil} menurut Kemendagri ({kelurahan} kelurahan, {desa} desa) dalam {kecamatan} kecamatan; "
        "{drawn} memiliki batas di peta.",
        "{total} {vil} per Kemendagri ({kelurahan} kelurahan, {desa} desa) in {kecamatan} kecamatan; "
        "{drawn} have a boundary on the map.",
    ),
    "catalog.title": ("Data & sumber", "Data & sources"),
    "catalog.intro": (
        "Setiap dataset mencatat sumber, lisensi, tanggal, dan statusnya. Angka berstatus contoh hanya ilustrasi dan akan diganti dengan data {unit}.",
        "Every dataset records its source, licence, date and status. Figures marked sample are illustrative and will be replaced by the {unit}'s data.",
    ),
    "catalog.datasets": ("Dataset dalam paket data", "Datasets in the data pack"),
    "catalog.facts": (
        "Fakta resmi tingkat {unit}",
        "Official {unit}-wide facts",
    ),
    "catalog.dataset": ("Dataset", "Dataset"),
    "catalog.file": ("Berkas", "File"),
    "catalog.rows": ("Baris", "Rows"),
    "catalog.link": ("Tautan", "Link"),
    "catalog.positions": ("Cara penentuan posisi", "How positions were obtained"),
    "catalog.fact": ("Fakta", "Fact"),
    "catalog.value": ("Nilai", "Value"),
    "catalog.sources_md": ("Catatan sumber lengkap (SOURCES.md)", "Full source notes (SOURCES.md)"),
    "catalog.version": ("Versi paket data: {version}", "Data pack version: {version}"),
    "upload.title": (
        "Coba data {unit} (hanya sesi ini)",
        "Try the {unit}'s data (this session only)",
    ),
    "upload.intro": (
        "Unggah CSV untuk mengganti satu dataset contoh dengan angka {unit}. Berkas diperiksa sel demi sel; bila ada yang salah, data sebelumnya tetap dipakai. Penggantian hanya berlaku di jendela ini; untuk permanen, ganti berkas di folder geodata/ dan catat sumbernya di manifest.",
        "Upload a CSV to replace one sample dataset by the {unit}'s figures. The file is checked cell by cell; if anything is wrong, the earlier data stays in use. The replacement holds only in this window; to make it permanent, replace the file in the geodata/ folder and record its source in the manifest.",
    ),
    "upload.dataset": ("Dataset yang diganti", "Dataset to replace"),
    "upload.template": ("Unduh berkas sekarang sebagai templat", "Download the current file as a template"),
    "upload.file": ("Berkas CSV (UTF-8)", "CSV file (UTF-8)"),
    "upload.button": ("Unggah", "Upload"),
    "upload.limit": ("Paling besar {mb} MB per berkas", "At most {mb} MB per file"),
    "upload.apply": ("Pakai berkas ini", "Use this file"),
    "upload.dropped": (
        "Data unggahan sesi ini tidak cocok lagi dengan paket data dan dilepas.",
        "This session's uploaded data no longer fits the data pack and was dropped.",
    ),
    "upload.refused": (
        "Berkas ditolak; data sebelumnya tetap dipakai.",
        "The file was refused; the earlier data stays in use.",
    ),
    "upload.reset": ("Kembali ke data bawaan", "Back to the bundled data"),
    "kpi.coverage_4g_selection": ("Luas pilihan dengan 4G", "Selection area with 4G"),
    "kpi.coverage_4g_kelurahan": ("Luas {vil} dengan 4G", "{Vil} area with 4G"),
    "upload.notice": (
        "Data unggahan dipakai, belum diverifikasi: {items}. Angka dari data ini bukan angka {unit}.",
        "Uploaded data in use, not verified: {items}. Figures from it are not the {unit}'s figures.",
    ),
    "upload.notice_back": (
        "Kembali ke data {unit}",
        "Back to the {unit}'s data",
    ),
    # ---- presentation mode: the control bar (ui.chrome.presentation_bar)
    "present.exit": ("Keluar", "Exit"),
    "present.exit_help": ("Keluar dari mode presentasi", "Leave presentation mode"),
    "present.up": ("Seluruh provinsi {province}", "All of {province} province"),
    "present.cycle": ("Otomatis", "Auto-play"),
    "present.cycle_on": ("Ganti layar otomatis", "Change screens automatically"),
    "present.cycle_screens": ("Layar yang diputar", "Screens to show"),
    "present.cycle_seconds": (
        "Waktu per layar (berhenti sejenak setiap kali ada yang disentuh)",
        "Time per screen (pauses whenever anything is touched)",
    ),
    "present.seconds": ("{n} detik", "{n} s"),
}
