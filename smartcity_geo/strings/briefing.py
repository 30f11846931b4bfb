"""Texts of the briefing document and its page. key -> (Indonesian, English).

Prefix ``brief.``; ``brief.page.`` for the page that previews and downloads the document.
Column heads and reasons shared with other screens (``gap.``, ``bud.``, ``ind.``,
``catalog.``, ``status.``) are reused from their modules, not repeated here.
"""

TEXT: dict[str, tuple[str, str]] = {
    # ---- document
    "brief.title": ("Ringkasan paparan kota cerdas", "Smart-city briefing"),
    "brief.kicker": (
        "{gov_long} · Peta Kota Cerdas",
        "{region} government · Smart City Map",
    ),
    "brief.meta": ("Dibuat {date} · paket data {version}", "Prepared {date} · data pack {version}"),
    "brief.intro": (
        "Ringkasan tampilan dasbor yang diperlihatkan dalam pertemuan. Setiap angka diberi status "
        "datanya: resmi, dihitung, paparan {unit}, atau contoh.",
        "A summary of the dashboard view shown in the meeting. Every figure carries its data status: "
        "official, computed, {unit} presentation, or sample.",
    ),
    "brief.sample_note": (
        "Angka berlabel \u201ccontoh\u201d adalah ilustrasi, bukan data {unit}, dan akan diganti dengan "
        "angka resmi. Jangan dikutip sebagai fakta.",
        "Figures labelled \u201csample\u201d are illustrative, not the {unit}'s data, and will be replaced "
        "by official figures. Do not quote them as facts.",
    ),
    # ---- the view
    "brief.view.heading": ("Tampilan yang diperlihatkan", "The view shown"),
    "brief.view.area": ("Wilayah", "Area"),
    "brief.view.city": (
        "Seluruh {unit}: {n} {vil} di {k} kecamatan",
        "Whole {unit}: {n} {vil} in {k} kecamatan",
    ),
    "brief.view.selection": ("{n} {vil} terpilih", "{n} selected {vil}"),
    "brief.view.kecamatan_all": (
        "Kecamatan {name} (seluruh {n} {vil})",
        "Kecamatan {name} (all {n} {vil})",
    ),
    "brief.view.kelurahan_item": ("{name} (Kec. {kecamatan})", "{name} (Kec. {kecamatan})"),
    "brief.view.layers": ("Lapisan peta", "Map layers"),
    "brief.view.layers_none": ("tidak ada", "none"),
    "brief.view.basemap": ("Peta dasar", "Basemap"),
    "brief.view.measure": ("Ukuran yang diwarnai", "Measure coloured"),
    "brief.view.measure_none": ("tidak ada", "none"),
    "brief.view.language": ("Bahasa", "Language"),
    # ---- the map picture
    "brief.map.selection": ("{Vil} terpilih", "Selected {vil}"),
    "brief.map.alt": (
        "Peta {scope}: batas {vil} dan kecamatan, dengan lapisan: {layers}.",
        "Map of {scope}: {vil} and kecamatan boundaries, with the layers: {layers}.",
    ),
    "brief.map.caption": (
        "Gambar peta tampilan ini, dibuat di server tanpa internet. Lapisan: {layers}. "
        "Titik hotspot sebagian besar adalah perkiraan di dalam kelurahannya, bukan alamat yang disurvei.",
        "Picture of this view's map, drawn on the server without internet. Layers: {layers}. "
        "Most hotspot points are approximate positions inside their {vil}, not surveyed addresses.",
    ),
    # ---- headline figures
    "brief.figures.heading": ("Angka utama", "Headline figures"),
    "brief.col.figure": ("Angka", "Figure"),
    "brief.col.selection": ("Pilihan", "Selection"),
    "brief.col.city": (
        "Seluruh {unit}",
        "Whole {unit}",
    ),
    "brief.col.value": ("Nilai", "Value"),
    "brief.fig.kelurahan": ("{Vil}", "{Vil}"),
    "brief.fig.area": ("Luas (dihitung dari batas)", "Area (computed from the boundaries)"),
    "brief.fig.hotspots": ("Hotspot Wi-Fi terpetakan (publik / internal)", "Mapped Wi-Fi hotspots (public / internal)"),
    "brief.fig.share_4g": ("Bagian luas dengan 4G", "Share of area with 4G"),
    "brief.fig.share_3g": ("Bagian luas dengan 3G saja", "Share of area with 3G only"),
    "brief.fig.fibre": ("{Vil} dengan fiber", "{Vil} with fibre"),
    "brief.fig.kelurahan_detail": ("di {n} kecamatan", "in {n} kecamatan"),
    "brief.fig.hotspots_detail": ("{public} publik / {internal} internal", "{public} public / {internal} internal"),
    "brief.fig.fibre_detail": ("dari {total}", "of {total}"),
    "brief.figures.note": (
        "Hotspot terpetakan adalah daftar paparan {unit}, bukan seluruh titik Wi-Fi; jumlah resmi "
        "titik Wi-Fi ada pada fakta resmi di bawah. Cakupan seluler dihitung dari lokasi menara.",
        "Mapped hotspots are the list from the {unit}'s presentation, not every Wi-Fi point; the "
        "official count of Wi-Fi points is among the official facts below. Mobile coverage is computed "
        "from the cell-site positions.",
    ),
    "brief.figures.computed_note": (
        "\u201cDihitung\u201d: angka yang dihitung dasbor dari berkas lain. Luas dihitung dari batas "
        "{vil} yang disederhanakan dan bukan luas resmi; bagian cakupan dihitung dari lokasi menara "
        "contoh, sehingga berstatus contoh.",
        "\u201cComputed\u201d: a figure the dashboard computes from another file. Areas are computed "
        "from the simplified {vil} boundaries and are not official areas; coverage shares are "
        "computed from sample cell-site positions, so they carry the status sample.",
    ),
    # ---- per-kelurahan table
    "brief.kel.heading_city": ("Semua {n} {vil}", "All {n} {vil}"),
    "brief.kel.heading_selection": ("{Vil} terpilih ({n})", "Selected {vil} ({n})"),
    "brief.kel.area": ("Luas km\u00b2", "Area km\u00b2"),
    "brief.kel.share_4g": ("Luas dengan 4G", "Area with 4G"),
    "brief.kel.share_3g": ("Luas 3G saja", "Area 3G only"),
    "brief.kel.fibre": ("Fiber", "Fibre"),
    "brief.kel.hotspots": ("Hotspot publik / internal", "Hotspots public / internal"),
    "brief.kel.note": (
        "Status setiap kolom di bawah judulnya. Bagian luas 4G di bawah ambang kesenjangan ditulis "
        "dengan desimal secukupnya agar tidak terbaca sebagai ambang itu sendiri.",
        "Each column's status is under its head. A 4G share just under the gap threshold is written "
        "with enough decimals never to read as the threshold itself.",
    ),
    # ---- hotspots of the selection
    "brief.hs.heading": ("Hotspot Wi-Fi terpetakan dalam pilihan", "Mapped Wi-Fi hotspots in the selection"),
    "brief.hs.name": ("Nama", "Name"),
    "brief.hs.none": (
        "Tidak ada hotspot terpetakan di {vil} terpilih.",
        "No mapped hotspot in the selected {vil}.",
    ),
    "brief.hs.note": (
        "Posisi menyatakan cara titik ditempatkan; tidak ada sumber yang memberi koordinat hotspot ini.",
        "Position says how the point was placed; no source gives a coordinate for these hotspots.",
    ),
    # ---- official facts
    "brief.facts.heading": (
        "Fakta resmi tingkat {unit}",
        "Official {unit}-wide facts",
    ),
    # ---- gaps
    "brief.gaps.heading": ("Kesenjangan", "Gaps"),
    "brief.gaps.intro": (
        "{Vil} tanpa hotspot publik, dengan bagian luas 4G di bawah {threshold}, atau tanpa fiber.",
        "{Vil} with no public hotspot, less than {threshold} of their area with 4G, or no fibre.",
    ),
    "brief.gaps.none": (
        "Tidak ada {vil} dengan kesenjangan dalam tampilan ini.",
        "No {vil} in this view has a gap.",
    ),
    "brief.gaps.mark": ("\u25cf", "\u25cf"),
    # ---- elements
    "brief.elements.heading": ("Capaian enam elemen, {year}", "Six elements' achievement, {year}"),
    "brief.elements.note": (
        "Indikator tingkat {unit}, sama untuk setiap pilihan {vil}. Capaian = realisasi \u00f7 target "
        "(rata-rata sub-dimensi); sesuai target bila realisasi memenuhi target {year}.",
        "{Unit}-wide indicators, the same whatever {vil} are selected. Achievement = actual \u00f7 "
        "target (mean of the sub-dimensions); on track when the actual meets the {year} target.",
    ),
    "brief.elements.none": ("Tidak ada data indikator untuk {year}.", "No indicator data for {year}."),
    "brief.total": ("Jumlah", "Total"),
    # ---- budget
    "brief.budget.heading": ("Anggaran kota cerdas {first}\u2013{last}", "Smart-city budget {first}\u2013{last}"),
    "brief.budget.line_note": ("{year} · {programme} ({status}): {note}", "{year} · {programme} ({status}): {note}"),
    "brief.budget.note": (
        "Anggaran rencana (pagu) per tahun dibandingkan dengan tahun sebelumnya; {unit} berkomitmen "
        "menaikkannya setiap tahun. Realisasi \u201c\u2013\u201d: belum setiap baris anggaran memuat realisasi.",
        "Planned budget per year compared with the year before; the {unit} commits to raising it every "
        "year. Realised \u201c\u2013\u201d: not every budget line has a realised amount.",
    ),
    "brief.budget.headline": ("Anggaran {year}: ", "Budget {year}: "),
    "brief.budget.headline_change": (
        " ({change}, {change_pct} dibanding tahun sebelumnya)",
        " ({change}, {change_pct} on the year before)",
    ),
    "brief.budget.none": ("Belum ada tahun anggaran yang berakhir.", "No budget year has ended yet."),
    # ---- data status and sources
    "brief.status.heading": ("Status data", "Data status"),
    "brief.sources.heading": ("Sumber data", "Data sources"),
    # ---- link
    "brief.link.heading": ("Buka kembali tampilan ini", "Reopen this view"),
    "brief.link.note": (
        "Tautan ini membuka dasbor dengan bahasa, pilihan {vil}, dan lapisan peta yang sama.",
        "This link opens the dashboard with the same language, {vil} selection and map layers.",
    ),
    "brief.link.unset": (
        "Tautan tidak dicantumkan: alamat publik dasbor belum diatur. Pengelola dapat mengaturnya dengan "
        "variabel lingkungan SMARTCITY_PUBLIC_URL atau public_url di .streamlit/secrets.toml "
        "(mis. https://peta.example.go.id/).",
        "No link given: the dashboard's public address is not set. The administrator can set it with "
        "the environment variable SMARTCITY_PUBLIC_URL or public_url in .streamlit/secrets.toml "
        "(e.g. https://peta.example.go.id/).",
    ),
    "brief.footer": (
        "Dibuat dari Peta Kota Cerdas {region_short}. Angka berstatus contoh bukan data {unit}.",
        "Produced from the {region_short} Smart City Map. Figures with status sample are not the {unit}'s data.",
    ),
    "brief.file.prefix": ("ringkasan", "briefing"),
    "brief.file.city": ("seluruh-kota", "whole-city"),
    "brief.file.many": ("{n}-kelurahan", "{n}-kelurahan"),
    "brief.language.id": ("Bahasa Indonesia", "Bahasa Indonesia"),
    "brief.language.en": ("English", "English"),
    # ---- page
    "brief.page.intro": (
        "Dokumen ringkas tentang tampilan saat ini, untuk dikirim kepada peserta setelah pertemuan. "
        "Ubah pilihan {vil} di panel samping; ringkasan mengikutinya.",
        "A short document about the current view, to send to the participants after the meeting. "
        "Change the {vil} selection in the sidebar; the briefing follows it.",
    ),
    "brief.page.download": ("Unduh ringkasan ({language})", "Download briefing ({language})"),
    "brief.page.pdf": (
        "Untuk PDF: buka berkas yang diunduh di peramban, pilih Cetak, lalu Simpan sebagai PDF (kertas A4).",
        "For a PDF: open the downloaded file in a browser, choose Print, then Save as PDF (A4 paper).",
    ),
    "brief.page.preview": ("Pratinjau", "Preview"),
}
