"""Texts for the programme screens (indicators, budget): key -> (Indonesian, English).

Prefixes: ``prog.`` shared by both screens, ``ind.`` indicator screen, ``bud.`` budget
screen, ``error.prog_`` validation messages of the programme datasets. Data status names
(``status.official`` ...) are shared chrome and live in ``common``.
"""

TEXT: dict[str, tuple[str, str]] = {
    # ---- shared
    "prog.axis.year": ("Tahun", "Year"),
    "prog.element": ("Elemen", "Element"),
    "prog.subdimension": ("Sub-dimensi", "Sub-dimension"),
    "prog.indicator": ("Indikator", "Indicator"),
    "prog.year": ("Tahun", "Year"),
    "prog.future_years": ("belum berakhir", "not yet ended"),
    "prog.no_data": ("tidak ada data", "no data"),
    "prog.missing_datasets": (
        "Paket data belum memuat data program (elemen, indikator, anggaran).",
        "The data pack does not hold the programme data yet (elements, indicators, budget).",
    ),
    "prog.status_note.official": (
        "Status data: resmi \u2013 dari sumber publik yang dicantumkan.",
        "Data status: official \u2013 from the public sources cited.",
    ),
    "prog.status_note.seed": (
        "Status data: paparan {unit} – dinyatakan dalam paparan {gov}.",
        "Data status: {unit} presentation – as stated in the {unit}'s presentation.",
    ),
    "prog.status_note.sample": (
        "Status data: CONTOH – angka ilustrasi, bukan data {unit}.",
        "Data status: SAMPLE – illustrative figures, not the {unit}'s data.",
    ),
    "prog.status_note.computed": (
        "Status data: dihitung \u2013 diturunkan oleh dasbor dari data lain.",
        "Data status: computed \u2013 derived by the dashboard from other data.",
    ),
    "prog.status_note.uploaded": (
        "Status data: DIUNGGAH \u2013 berkas unggahan sesi ini, belum diverifikasi.",
        "Data status: UPLOADED \u2013 a file uploaded in this session, not verified.",
    ),
    "prog.status_note.mixed": (
        "Status data: campuran ({statuses}). Arsiran atau titik kosong = contoh, bukan data {unit}.",
        "Data status: mixed ({statuses}). Hatching or hollow markers = sample, not the {unit}'s data.",
    ),
    "prog.title_suffix.sample": ("(data contoh)", "(sample data)"),
    "prog.title_suffix.mixed": ("(sebagian data contoh)", "(partly sample data)"),
    "prog.watermark": ("CONTOH", "SAMPLE"),
    # ---- units (axis titles and tables)
    "prog.unit.percent": ("%", "%"),
    "prog.unit.count": ("jumlah", "count"),
    "prog.unit.people": ("orang", "people"),
    "prog.unit.thousand_visits": ("ribu kunjungan", "thousand visits"),
    "prog.unit.score": ("nilai", "score"),
    "prog.unit.score_0_4": ("nilai (0\u20134)", "score (0\u20134)"),
    "prog.unit.score_0_5": ("nilai (0\u20135)", "score (0\u20135)"),
    "prog.unit.index_0_100": ("indeks (0\u2013100)", "index (0\u2013100)"),
    "prog.unit.days": ("hari", "days"),
    "prog.unit.minutes": ("menit", "minutes"),
    "prog.unit.hectare": ("hektare", "hectares"),
    "prog.unit.tonnes_per_day": ("ton per hari", "tonnes per day"),
    "prog.unit.mwh_per_year": ("MWh per tahun", "MWh per year"),
    "prog.unit.kwp": ("kWp", "kWp"),
    "prog.unit.rp_billion": ("miliar rupiah", "billion rupiah"),
    "prog.direction.higher": ("makin tinggi makin baik", "higher is better"),
    "prog.direction.lower": ("makin rendah makin baik", "lower is better"),
    # ---- indicator screen
    "ind.title": ("Kemajuan indikator kota cerdas", "Smart-city indicator progress"),
    "ind.intro": (
        "Capaian indikator Masterplan Smart City 2022\u20132031 terhadap target tahunan, per elemen.",
        "Achievement of the Masterplan Smart City 2022\u20132031 indicators against yearly targets, by element.",
    ),
    "ind.method": (
        "Capaian = realisasi \u00f7 target (untuk indikator \u201cmakin rendah makin baik\u201d: target \u00f7 "
        "realisasi), dibatasi 0\u2013{cap}. Sesuai target: realisasi memenuhi target tahun itu; tertinggal: "
        "belum memenuhi; tidak ada data: realisasi atau target tahun itu tidak ada. Tahun tanpa data tampil "
        "sebagai celah, bukan nol. Angka realisasi diketahui sampai {last_year}.",
        "Achievement = actual \u00f7 target (for \u201clower is better\u201d indicators: target \u00f7 actual), "
        "capped at 0\u2013{cap}. On track: the actual meets that year's target; behind: it does not; no data: "
        "that year's actual or target is missing. Years without data show as gaps, not zeros. Actuals are "
        "known up to {last_year}.",
    ),
    "ind.overview": ("Ikhtisar enam elemen", "Six-element overview"),
    "ind.all_subdimensions": ("Semua sub-dimensi", "All sub-dimensions"),
    "ind.method_heading": ("Cara membaca angka ini", "How to read these figures"),
    "ind.by_element": ("Capaian per tahun", "Achievement by year"),
    "ind.drilldown": ("Rincian indikator", "Indicator details"),
    "ind.chart.overview": (
        "Capaian enam elemen terhadap target, {year}",
        "Six elements' achievement against target, {year}",
    ),
    "ind.chart.element": (
        "{element}: capaian terhadap target per tahun",
        "{element}: achievement against target by year",
    ),
    "ind.chart.indicator": ("{name}", "{name}"),
    "ind.chart.indicator_kelurahan": ("{name} \u2013 {kelurahan}", "{name} \u2013 {kelurahan}"),
    "ind.axis.achievement": ("Capaian terhadap target", "Achievement against target"),
    "ind.legend.target": ("Target (100%)", "Target (100%)"),
    "ind.legend.element_mean": ("Rata-rata elemen", "Element average"),
    "ind.legend.target_values": ("Target", "Target"),
    "ind.legend.actual": ("Realisasi", "Actual"),
    "ind.legend.actual_status": ("Realisasi ({status})", "Actual ({status})"),
    "ind.legend.baseline": ("Data dasar", "Baseline"),
    "ind.bar_text": (
        "{value} \u00b7 {n} dari {total} indikator berdata",
        "{value} \u00b7 {n} of {total} indicators with data",
    ),
    "ind.state.on_track": ("sesuai target", "on track"),
    "ind.state.behind": ("tertinggal", "behind"),
    "ind.state.no_data": ("tidak ada data", "no data"),
    "ind.state_counts": (
        "{on_track} sesuai target \u00b7 {behind} tertinggal \u00b7 {no_data} tanpa data",
        "{on_track} on track \u00b7 {behind} behind \u00b7 {no_data} without data",
    ),
    "ind.kelurahan_heading": ("Indikator tingkat {vil}: {kelurahan}", "{Vil}-level indicators: {kelurahan}"),
    "ind.kelurahan_none": (
        "Belum ada indikator tingkat {vil} untuk {kelurahan}. Tersedia untuk: {names}.",
        "No {vil}-level indicators for {kelurahan} yet. Available for: {names}.",
    ),
    "ind.kelurahan_hint": (
        "Pilih {vil} di bilah samping untuk melihat indikator tingkat {vil} (tersedia untuk: {names}).",
        "Select a {vil} in the sidebar to see {vil}-level indicators (available for: {names}).",
    ),
    "ind.col.code": ("Kode", "Code"),
    "ind.col.element": ("Elemen", "Element"),
    "ind.col.subdimension": ("Sub-dimensi", "Sub-dimension"),
    "ind.framework": ("Enam elemen dan sub-dimensinya", "The six elements and their sub-dimensions"),
    "ind.framework_note": (
        "Kerangka nasional Gerakan Menuju 100 Smart City, sama untuk setiap daerah: "
        "indikator {region} akan diukur pada sub-dimensi ini setelah diimpor.",
        "The national framework of the 100 Smart City movement, the same for every region: "
        "{region}'s indicators are measured against these sub-dimensions once imported.",
    ),
    "ind.col.name": ("Indikator", "Indicator"),
    "ind.col.unit": ("Satuan", "Unit"),
    "ind.col.direction": ("Arah", "Direction"),
    "ind.col.baseline": ("Data dasar", "Baseline"),
    "ind.col.target": ("Target", "Target"),
    "ind.col.actual": ("Realisasi", "Actual"),
    "ind.col.achievement": ("Capaian", "Achievement"),
    "ind.col.state": ("Keadaan", "Status"),
    "ind.col.data_status": ("Status data", "Data status"),
    "ind.col.agency": ("OPD", "Agency (OPD)"),
    "ind.col.kelurahan": ("{Vil}", "{Vil}"),
    "ind.col.source": ("Sumber", "Source"),
    "ind.col.note": ("Catatan", "Note"),
    # ---- budget screen
    "bud.title": ("Komitmen anggaran kota cerdas", "Smart-city budget commitment"),
    "bud.intro": (
        "{Unit} berkomitmen menaikkan anggaran kota cerdas setiap tahun. Tahun yang tidak naik ditandai.",
        "The {unit} commits to raising its smart-city budget every year. Years that did not rise are flagged.",
    ),
    "bud.metric.total": ("Anggaran {year}", "Budget {year}"),
    "bud.metric.realised": ("Realisasi {year}", "Realised {year}"),
    "bud.lines": ("Rincian baris anggaran", "Budget lines"),
    "bud.chart.by_element": ("Anggaran per tahun menurut elemen (rencana)", "Budget by year and element (planned)"),
    "bud.chart.change": ("Perubahan anggaran dari tahun sebelumnya", "Change in budget from the year before"),
    "bud.chart.planned_realised": ("Rencana dan realisasi anggaran", "Planned and realised budget"),
    "bud.axis.rupiah": ("Miliar rupiah", "Billion rupiah"),
    "bud.axis.change": ("Perubahan dari tahun sebelumnya", "Change from the year before"),
    "bud.legend.planned": ("Rencana (pagu)", "Planned"),
    "bud.legend.realised": ("Realisasi", "Realised"),
    "bud.legend.rising": ("naik", "rose"),
    "bud.legend.not_rising": ("tidak naik", "did not rise"),
    "bud.flag": ("\u26a0 tidak naik", "\u26a0 did not rise"),
    "bud.flag_detail": (
        "Anggaran {year} tidak naik dari {previous}: {change} ({change_pct}).",
        "The {year} budget did not rise from {previous}: {change} ({change_pct}).",
    ),
    "bud.status": ("Status data: {status}", "Data status: {status}"),
    "bud.all_rising": (
        "Setiap tahun dengan data tahun sebelumnya naik.",
        "Every year with a previous year on record rose.",
    ),
    "bud.rate": ("terserap {rate}", "{rate} spent"),
    "bud.realised_unknown": ("realisasi belum diketahui", "realised not known"),
    "bud.pre_masterplan": ("Sebelum masterplan (2022\u20132031)", "Before the masterplan (2022\u20132031)"),
    "bud.pre_masterplan_note": (
        "Angka resmi yang ditemukan dari sebelum masterplan. Hanya sebagian program, jadi tidak "
        "dibandingkan dengan total tahunan di atas.",
        "Official figures found from before the masterplan. They cover single programmes only, so they "
        "are not compared with the yearly totals above.",
    ),
    "bud.col.year": ("Tahun", "Year"),
    "bud.col.element": ("Elemen", "Element"),
    "bud.col.programme": ("Program", "Programme"),
    "bud.col.agency": ("OPD", "Agency (OPD)"),
    "bud.col.planned": ("Rencana", "Planned"),
    "bud.col.realised": ("Realisasi", "Realised"),
    "bud.col.rate": ("Serapan", "Spent"),
    "bud.col.change": ("Perubahan", "Change"),
    "bud.col.change_pct": ("Perubahan (%)", "Change (%)"),
    "bud.col.flag": ("Tanda", "Flag"),
    "bud.col.data_status": ("Status data", "Data status"),
    "bud.col.source": ("Sumber", "Source"),
    "bud.col.note": ("Catatan", "Note"),
    # ---- validation messages of the programme datasets
    "error.prog_sub_code": (
        "kode sub-dimensi \u201c{got}\u201d harus diawali kode elemennya \u201c{expected}-\u201d.",
        "sub-dimension code \u201c{got}\u201d must start with its element code \u201c{expected}-\u201d.",
    ),
    "error.prog_sub_count": (
        "elemen {expected} harus punya tepat 3 sub-dimensi, tertulis {got}.",
        "element {expected} must have exactly 3 sub-dimensions, found {got}.",
    ),
    "error.prog_future_actual": (
        "ada realisasi untuk tahun {got}, padahal tahun itu belum berakhir (realisasi diketahui sampai "
        "{maximum}). Kosongkan sel ini.",
        "an actual value is given for {got}, but that year has not ended (actuals are known up to "
        "{maximum}). Leave the cell empty.",
    ),
    "error.prog_baseline_year": (
        "tahun data dasar {got} jatuh setelah tahun pertama indikator ini ({maximum}).",
        "baseline year {got} falls after this indicator's first year ({maximum}).",
    ),
    "error.prog_realised_above_planned": (
        "realisasi {got} melebihi rencana (pagu) {maximum}; belanja APBD tidak dapat melampaui pagu.",
        "realised {got} exceeds the planned ceiling {maximum}; APBD spending cannot exceed its ceiling.",
    ),
}
