"""The store, the editors' screen, sign-in, history and the command line. key -> (Indonesian, English)."""

TEXT: dict[str, tuple[str, str]] = {
    # refusals of the store (StoreError)
    "store.not_editor": (
        "Hanya editor yang sudah masuk yang dapat mengubah data. Tidak ada yang ditulis.",
        "Only a signed-in editor can change data. Nothing was written.",
    ),
    "store.cancelled": ("Impor dibatalkan; tidak ada yang ditulis.", "Import cancelled; nothing was written."),
    "store.stale": (
        "{author} sudah mengimpor {dataset} (revisi {latest}, {when}) setelah pratinjau Anda atas revisi {base}. "
        "Tidak ada yang ditulis; buat pratinjau lagi untuk melihat perubahan terbaru.",
        "{author} imported {dataset} (revision {latest}, {when}) after your preview of revision {base}. "
        "Nothing was written; preview again to see the latest changes.",
    ),
    "store.unknown_dataset": (
        "dataset \u201c{dataset}\u201d tidak dikenal; yang ada: {known}.",
        "unknown dataset \u201c{dataset}\u201d; known: {known}.",
    ),
    "store.unknown_revision": (
        "revisi {revision} tidak ada untuk dataset ini.",
        "revision {revision} does not exist for this dataset.",
    ),
    "store.reason_required": (
        "Tuliskan alasan perubahan; tidak ada yang ditulis.",
        "Give a reason for the change; nothing was written.",
    ),
    "store.bad_status": (
        "status \u201c{got}\u201d tidak dikenal; pilih salah satu: {expected}.",
        "unknown status \u201c{got}\u201d; choose one of: {expected}.",
    ),
    "store.declared": ("{field}: {problem} Tidak ada yang ditulis.", "{field}: {problem} Nothing was written."),
    "store.field.source": ("Sumber", "Source"),
    "store.field.reason": ("Alasan", "Reason"),
    "store.field.as_of": ("Tanggal data", "As-of date"),
    "store.field.source_url": ("Tautan sumber", "Source link"),
    "store.official_needs_source": (
        "Status resmi memerlukan rujukan sumber (dokumen, tautan atau nomor surat).",
        "Status official needs a source reference (document, link or letter number).",
    ),
    "store.official_needs_as_of": (
        "Status resmi memerlukan tanggal data (TTTT-BB-HH).",
        "Status official needs an as-of date (YYYY-MM-DD).",
    ),
    "store.row_status_stronger": (
        "Berkas {file}, baris {row}, kolom status: menyatakan “{got}”, lebih kuat dari status revisi "
        "“{declared}”. Nyatakan status yang sesuai beserta sumbernya, atau ubah kolom status. "
        "Tidak ada yang ditulis.",
        "File {file}, row {row}, column status: claims status “{got}”, stronger than the revision's "
        "“{declared}”. Declare that status with its source, or change the status column. Nothing was written.",
    ),
    "store.row_status_weaker": (
        "Berkas {file}, baris {row}, kolom status: menyatakan “{got}”, lebih lemah dari status revisi "
        "“{declared}”, sehingga seluruh dataset akan tampil sebagai “{got}”. Ubah kolom status "
        "menjadi “{declared}”, atau nyatakan status “{got}”. Tidak ada yang ditulis.",
        "File {file}, row {row}, column status: says “{got}”, weaker than the revision's “{declared}”, "
        "so the whole dataset would be shown as “{got}”. Change the status column to “{declared}”, "
        "or declare “{got}”. Nothing was written.",
    ),
    "store.wrong_format": (
        "berkas {file} tidak dapat dipakai untuk dataset ini; diharapkan berkas {expected}.",
        "file {file} cannot be used for this dataset; a {expected} file is expected.",
    ),
    "store.not_normalisable": (
        "berkas {file} tidak dapat disimpan ulang tanpa mengubah nilainya; simpan sebagai CSV UTF-8 dipisah koma.",
        "file {file} cannot be stored without changing its values; save it as a comma-separated UTF-8 CSV.",
    ),
    "store.export_not_empty": (
        "folder {folder} sudah berisi berkas; pilih folder baru atau kosong.",
        "folder {folder} already holds files; choose a new or empty folder.",
    ),
    "store.unreachable": (
        "Basis data tidak dapat dihubungi ({detail}). Periksa SMARTCITY_DATABASE_URL.",
        "The database cannot be reached ({detail}). Check SMARTCITY_DATABASE_URL.",
    ),
    "store.sqlite_unusable": (
        "Berkas penyimpanan data {file} tidak dapat dibuka atau ditulis ({detail}). Periksa SMARTCITY_STORE_DIR: "
        "foldernya harus ada atau dapat dibuat, dan dapat ditulis oleh pengguna aplikasi.",
        "The data store file {file} cannot be opened or written ({detail}). Check SMARTCITY_STORE_DIR: its "
        "folder must exist or be creatable, and be writable by the app's user.",
    ),
    "store.unsupported_url": (
        "SMARTCITY_DATABASE_URL memakai {got}, yang tidak didukung; pakai postgresql://..., atau kosongkan "
        "untuk SQLite.",
        "SMARTCITY_DATABASE_URL uses {got}, which is not supported; use postgresql://..., or leave it unset "
        "for SQLite.",
    ),
    "store.export_not_folder": (
        "{folder} adalah berkas, bukan folder; pilih folder baru atau kosong.",
        "{folder} is a file, not a folder; choose a new or empty folder.",
    ),
    "store.export_unwritable": (
        "folder {folder} tidak dapat ditulis ({detail}); tidak ada yang ditinggalkan di sana.",
        "folder {folder} cannot be written ({detail}); nothing was left there.",
    ),
    "store.bad_credentials": ("Nama atau kata sandi salah.", "Wrong name or password."),
    "store.rate_limited": (
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
        "Too many failed sign-ins. Try again in {minutes} minutes.",
    ),
    "store.password_short": (
        "Kata sandi minimal {minimum} karakter.",
        "The password must be at least {minimum} characters.",
    ),
    "store.bad_user_name": (
        "nama editor \u201c{name}\u201d tidak dapat dipakai (kosong, berspasi, atau berisi : ; ,).",
        "editor name \u201c{name}\u201d cannot be used (empty, has spaces, or contains : ; ,).",
    ),
    "store.user_exists": (
        "editor \u201c{name}\u201d sudah ada; pakai \u201cusers reset\u201d untuk mengganti kata sandinya.",
        "editor \u201c{name}\u201d already exists; use \u201cusers reset\u201d to change the password.",
    ),
    "store.unknown_user": ("editor \u201c{name}\u201d tidak ada.", "editor \u201c{name}\u201d does not exist."),
    "store.passwords_differ": ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    # the store cannot be opened or read: viewers see read-only data (ui.loaders.store_problem)
    "store.read_only.last_good": (
        "{problem} Yang tampil adalah data terakhir yang berhasil dibaca dari penyimpanan data, hanya untuk "
        "dilihat; perubahan tidak dapat disimpan sampai masalah ini diperbaiki.",
        "{problem} Shown is the last data read from the data store, read-only; no change can be saved "
        "until this is fixed.",
    ),
    "store.read_only.bundled": (
        "{problem} Yang tampil adalah paket data bawaan, hanya untuk dilihat, tanpa revisi para editor; "
        "perubahan tidak dapat disimpan sampai masalah ini diperbaiki.",
        "{problem} Shown is the bundled data pack, read-only, without the editors' revisions; no change can "
        "be saved until this is fixed.",
    ),
    "store.write_failed": (
        "Data tidak dapat disimpan: penyimpanan data menolak penulisan ({detail}). Tidak ada yang ditulis; "
        "coba lagi setelah masalah ini diperbaiki (mis. ruang disk penuh).",
        "The data could not be saved: the data store refused the write ({detail}). Nothing was written; "
        "try again once this is fixed (e.g. a full disk).",
    ),
    "editor.read_only": (
        "Mengimpor dan memulihkan tidak tersedia selama penyimpanan data tidak dapat dibuka.",
        "Importing and restoring are unavailable while the data store cannot be opened.",
    ),
    # command line
    "cli.valid": ("{file}: valid untuk {dataset} ({rows} baris).", "{file}: valid for {dataset} ({rows} rows)."),
    "cli.no_dataset": (
        "{file}: dataset tidak dapat ditebak dari nama berkas; sebutkan --dataset (salah satu: {known}).",
        "{file}: cannot tell the dataset from the file name; give --dataset (one of: {known}).",
    ),
    "cli.imported": (
        "{dataset}: revisi {number} ditulis: {added} baris ditambah, {changed} diubah, {removed} dihapus.",
        "{dataset}: revision {number} written: {added} rows added, {changed} changed, {removed} removed.",
    ),
    "cli.preview": (
        "{dataset}: akan menambah {added}, mengubah {changed}, menghapus {removed} baris (dari revisi {base}).",
        "{dataset}: would add {added}, change {changed}, remove {removed} rows (from revision {base}).",
    ),
    "cli.confirm": ("Tulis sebagai revisi baru? [y/T]", "Write as a new revision? [y/N]"),
    "cli.dry_run": ("Uji coba saja: tidak ada yang ditulis.", "Dry run: nothing was written."),
    "cli.restored": (
        "{dataset}: revisi {restored} dipulihkan sebagai revisi {number}.",
        "{dataset}: revision {restored} restored as revision {number}.",
    ),
    "cli.exported": (
        "Data terkini diekspor ke {folder} ({count} dataset).",
        "Current data exported to {folder} ({count} datasets).",
    ),
    "cli.user_added": ("Editor \u201c{name}\u201d ditambahkan.", "Editor \u201c{name}\u201d added."),
    "cli.user_reset": (
        "Kata sandi editor \u201c{name}\u201d diganti.",
        "Password of editor \u201c{name}\u201d changed.",
    ),
    "cli.no_password": (
        "Kata sandi tidak diberikan: ketik saat diminta atau isi SMARTCITY_PASSWORD.",
        "No password given: type it when asked or set SMARTCITY_PASSWORD.",
    ),
    "cli.no_editor": (
        "Sebutkan editor yang menulis: --editor NAMA (kata sandi diminta atau dari SMARTCITY_PASSWORD).",
        "Name the editor who writes: --editor NAME (password asked or from SMARTCITY_PASSWORD).",
    ),
    "cli.file_missing": ("{file}: berkas tidak ditemukan.", "{file}: file not found."),
    "cli.os_error": ("{file}: {detail}.", "{file}: {detail}."),
    "cli.history_empty": ("Belum ada revisi.", "No revisions yet."),
    # history
    "history.title": ("Riwayat perubahan data", "History of data changes"),
    "history.intro": (
        "Setiap impor dan pemulihan adalah revisi baru; tidak ada yang dihapus. Yang tampil adalah revisi terbaru.",
        "Every import and restore is a new revision; nothing is deleted. The latest revision is what is shown.",
    ),
    "history.revision": ("Revisi", "Revision"),
    "history.action": ("Tindakan", "Action"),
    "history.action.seed": ("paket bawaan", "bundled pack"),
    "history.action.import": ("impor", "import"),
    "history.action.restore": ("pemulihan", "restore"),
    "history.author": ("Oleh", "By"),
    "history.when": ("Waktu (UTC)", "When (UTC)"),
    "history.file": ("Berkas", "File"),
    "history.rows": ("Baris", "Rows"),
    "history.changes": ("Perubahan (+/~/−)", "Changes (+/~/−)"),
    "history.reason": ("Alasan", "Reason"),
    "history.restored_from": ("dipulihkan dari revisi {number}", "restored from revision {number}"),
    "history.sha256": ("SHA-256", "SHA-256"),
    "history.unavailable": (
        "Riwayat tidak dapat dibaca dari basis data.",
        "The history could not be read from the database.",
    ),
    # sign-in
    "auth.title": ("Masuk sebagai editor", "Sign in as an editor"),
    "auth.name": ("Nama editor", "Editor name"),
    "auth.password": ("Kata sandi", "Password"),
    "auth.submit": ("Masuk", "Sign in"),
    "auth.signed_in": ("Masuk sebagai {name}.", "Signed in as {name}."),
    "auth.sign_out": ("Keluar", "Sign out"),
    "auth.sso": (
        "Masuk dengan akun {gov}",
        "Sign in with the {unit} government account",
    ),
    "auth.sso_not_editor": (
        "Akun {name} tidak terdaftar sebagai editor.",
        "Account {name} is not registered as an editor.",
    ),
    "auth.no_editors": (
        "Belum ada editor. Petugas server menambahkannya dengan: python -m smartcity_geo users add NAMA",
        "No editors yet. The server team adds one with: python -m smartcity_geo users add NAME",
    ),
    "auth.viewers": (
        "Halaman ini untuk editor data {unit}. Pengunjung tidak memerlukan akun.",
        "This screen is for the {unit}'s data editors. Viewers need no account.",
    ),
    # editors' screen
    "nav.editor": ("Editor data", "Data editor"),
    "editor.title": (
        "Impor data {unit}",
        "Import the {unit}'s data",
    ),
    "editor.intro": (
        "Unggah CSV (koma atau titik koma), XLSX atau GeoJSON. Berkas diperiksa dengan aturan yang sama "
        "dengan paket bawaan; Anda melihat pratinjau perubahannya sebelum menyimpan.",
        "Upload a CSV (comma or semicolon), XLSX or GeoJSON file. It is checked with the same rules as the "
        "bundled pack; you see a preview of what changes before anything is saved.",
    ),
    "editor.dataset": ("Dataset", "Dataset"),
    "editor.current": (
        "Revisi terbaru: {number} oleh {author}, {when} ({rows} baris).",
        "Latest revision: {number} by {author}, {when} ({rows} rows).",
    ),
    "editor.file": ("Berkas data", "Data file"),
    "editor.check": ("Periksa dan pratinjau", "Check and preview"),
    "editor.cancel": ("Batalkan", "Cancel"),
    "editor.step.read": ("Membaca dan memeriksa setiap sel ...", "Reading and checking every cell ..."),
    "editor.step.cross_check": ("Memeriksa terhadap dataset lain ...", "Checking against the other datasets ..."),
    "editor.step.normalise": ("Menyiapkan berkas ...", "Preparing the file ..."),
    "editor.step.compare": ("Membandingkan dengan revisi terbaru ...", "Comparing with the latest revision ..."),
    "editor.step.done": ("Selesai.", "Done."),
    "editor.refused": ("Berkas ditolak; tidak ada yang berubah.", "File refused; nothing changed."),
    "editor.preview": (
        "Pratinjau: {added} baris ditambah, {changed} diubah, {removed} dihapus.",
        "Preview: {added} rows added, {changed} changed, {removed} removed.",
    ),
    "editor.no_change": (
        "Isi berkas sama dengan revisi terbaru.",
        "The file's content is the same as the latest revision.",
    ),
    "editor.change": ("Perubahan", "Change"),
    "editor.change.added": ("ditambah", "added"),
    "editor.change.changed": ("diubah", "changed"),
    "editor.change.removed": ("dihapus", "removed"),
    "editor.key": ("Kunci baris", "Row key"),
    "editor.map_caption": (
        "Hijau: baru, oranye: diubah (posisi baru), merah: dihapus.",
        "Green: new, orange: changed (new position), red: removed.",
    ),
    "editor.status": ("Status revisi ini", "Status of this revision"),
    "editor.source": (
        "Rujukan sumber (dokumen, tautan atau nomor surat)",
        "Source reference (document, link or letter number)",
    ),
    "editor.source_url": (
        "Tautan sumber (opsional, http:// atau https://)",
        "Source link (optional, http:// or https://)",
    ),
    "editor.as_of": ("Tanggal data (TTTT-BB-HH)", "As-of date (YYYY-MM-DD)"),
    "editor.reason": ("Alasan perubahan", "Reason for the change"),
    "editor.confirm": ("Simpan sebagai revisi baru", "Save as a new revision"),
    "editor.saved": (
        "Tersimpan: revisi {number} dari {dataset}. Semua pengunjung melihatnya pada interaksi berikutnya.",
        "Saved: revision {number} of {dataset}. Every viewer sees it on their next interaction.",
    ),
    "editor.restore_title": ("Pulihkan revisi sebelumnya", "Restore an earlier revision"),
    "editor.restore_pick": ("Revisi yang dipulihkan", "Revision to restore"),
    "editor.restore": ("Pulihkan (sebagai revisi baru)", "Restore (as a new revision)"),
    "editor.restored": (
        "Revisi {restored} dipulihkan sebagai revisi {number}.",
        "Revision {restored} restored as revision {number}.",
    ),
}
