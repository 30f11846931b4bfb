"""The command line: validate, import, history, restore, export, users, region.

Every command prints one clear line per problem in the chosen language (``--lang`` or
``SMARTCITY_LANG``; Indonesian by default) and exits 1, never with a traceback::

    python -m smartcity_geo validate hotspots.csv
    python -m smartcity_geo import hotspots.xlsx --dataset hotspots --editor ana \\
        --status official --source "Surat 555/123/423.107/2026" --as-of 2026-11-01 --reason "survey 2026" --yes
    python -m smartcity_geo history --dataset hotspots
    python -m smartcity_geo restore --dataset hotspots --revision 1 --editor ana --reason "undo"
    python -m smartcity_geo export ./handover
    python -m smartcity_geo users add ana
    python -m smartcity_geo region PP.KK --boundaries PATH --names PATH --out packs/PP.KK

Passwords are asked for (twice for a new one), or read from ``SMARTCITY_PASSWORD``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from . import settings
from .datapack import load_pack, load_region
from .day import app_today
from .errors import DataPackError
from .region import text_context
from .regions import RegionError, build_province, build_region, is_province
from .regions.bands import BANDS
from .rules import DATA_STATUSES
from .store import Declaration, Store, StoreError, Users, open_store
from .store.engine import data_dir, database_url, store_fault
from .store.records import check_declaration
from .strings import normalise_lang, t

#: Where the upstream data sits beside a checkout (``../shared/data``), the region verb's default.
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_SHARED_HELP = "../shared/data/<name> beside the project, if present)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 1 (argparse's default is 2 + usage)
        self.exit(1, f"{self.prog}: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m smartcity_geo",
        description="Peta Kota Cerdas: data store and region packs",
        epilog="settings (environment variables):\n" + settings.table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--lang", default=settings.get("lang"), help="id (default) or en")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", default=argparse.SUPPRESS, help="id (default) or en")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    add = sub.add_parser

    def _add(name: str, **kwargs) -> argparse.ArgumentParser:
        return add(name, parents=[common], **kwargs)

    p = _add("validate", help="check a file with the pack's rules (exit 0 valid, 1 not)")
    p.add_argument("file", type=Path)
    p.add_argument("--dataset")
    p.add_argument("--sheet", help="an .xlsx's sheet to read (default: the first visible sheet)")

    p = _add("import", help="validate, preview and write a file as a new revision")
    p.add_argument("file", type=Path)
    p.add_argument("--dataset")
    p.add_argument("--editor")
    p.add_argument("--status", choices=DATA_STATUSES, required=True)
    p.add_argument("--source", default="")
    p.add_argument("--source-url", default="")
    p.add_argument("--as-of", default="")
    p.add_argument("--reason", required=True)
    p.add_argument("--sheet", help="an .xlsx's sheet to read (default: the first visible sheet)")
    p.add_argument("--yes", action="store_true", help="write without asking")
    p.add_argument("--dry-run", action="store_true", help="preview only")

    p = _add("history", help="revisions, newest first")
    p.add_argument("--dataset")

    p = _add("restore", help="make an earlier revision the latest again (a new revision)")
    p.add_argument("--dataset", required=True)
    p.add_argument("--revision", type=int, required=True, help="the dataset's revision number (see history)")
    p.add_argument("--editor")
    p.add_argument("--reason", required=True)

    p = _add("export", help="write the current data as a pack folder (files + manifest)")
    p.add_argument("folder", type=Path)

    p = _add("users", help="editors: add, reset a password, list")
    p.add_argument("action", choices=("add", "reset", "list"))
    p.add_argument("name", nargs="?", default="")

    p = _add(
        "region",
        help="build the sealed data pack of a kota/kabupaten (PP.KK) or a whole province (PP) from its Kemendagri code",
    )
    p.add_argument("code", help="kab/kota code PP.KK (province, kab/kota), or a province code PP")
    p.add_argument("--boundaries", type=Path, help="a clone of cahyadsn/wilayah_boundaries (default: " + _SHARED_HELP)
    p.add_argument("--names", type=Path, help="a clone of cahyadsn/wilayah (default: " + _SHARED_HELP)
    p.add_argument("--out", type=Path, help="the pack folder to write (default: packs/CODE)")
    p.add_argument("--force", action="store_true", help="replace an existing --out folder")
    return parser


def _served_region():
    """The region of the pack this server serves (``SMARTCITY_DATA_DIR``), or None when it cannot be read."""
    try:
        return load_region(data_dir())[0]
    except DataPackError:
        return None


def main(argv: Sequence[str] | None = None, *, out=None, err=None) -> int:
    """Run one command; return the exit code (0 done, 1 refused)."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    lang = normalise_lang(args.lang)
    say: Callable[[str], None] = lambda line: print(line, file=out)  # noqa: E731
    # messages name the served pack's region and its villages (the pack in SMARTCITY_DATA_DIR)
    with text_context(_served_region()):
        try:
            return COMMANDS[args.command](args, lang, say)
        except DataPackError as exc:
            print(exc.message(lang), file=err)
        except StoreError as exc:
            print(exc.message(lang), file=err)
        except RegionError as exc:
            print(exc.message(lang), file=err)
        except SQLAlchemyError as exc:  # the store failed after it opened: name the store configured
            print(store_fault(exc, database_url()).message(lang), file=err)
        except OSError as exc:  # a file or folder the command was given or needs (permissions, a full disk ...)
            print(t("cli.os_error", lang, file=exc.filename or "-", detail=exc.strerror or str(exc)), file=err)
        except (KeyboardInterrupt, EOFError):
            print(t("store.cancelled", lang), file=err)
        return 1


# --------------------------------------------------------------------------------------


def _store() -> Store:
    return open_store()


def _bundled_and_current(store: Store):
    bundled = load_pack(data_dir(), today=app_today())
    store.seed(bundled)
    return bundled, store.current_pack(bundled)


def _dataset(args: argparse.Namespace, pack) -> str:
    if args.dataset:
        if args.dataset not in pack.metas:
            raise StoreError("unknown_dataset", dataset=args.dataset, known=", ".join(pack.metas))
        return args.dataset
    stem = args.file.stem.lower()
    for key, meta in pack.metas.items():
        if stem in (key, Path(meta.file).stem.lower()):
            return key
    raise _CliError("cli.no_dataset", file=args.file.name, known=", ".join(pack.metas))


class _CliError(StoreError):
    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.params)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise _CliError("cli.file_missing", file=str(path))
    return path.read_bytes()


def _password(prompt: str, *, confirm: bool = False) -> str:
    password = settings.get("password")
    if password:
        return password
    if not sys.stdin.isatty():
        raise _CliError("cli.no_password")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass(prompt) != password:
        raise StoreError("passwords_differ")
    return password


def _sign_in(store: Store, name: str | None):
    if not name:
        raise _CliError("cli.no_editor")
    return Users(store.engine, clock=store.clock).authenticate(name, _password(f"{name}: "), client="cli")


def cmd_validate(args, lang, say) -> int:
    store = _store()
    _, pack = _bundled_and_current(store)
    key = _dataset(args, pack)
    preview = store.preview_import(pack, key, args.file.name, _read(args.file), sheet=args.sheet)
    say(t("cli.valid", lang, file=args.file.name, dataset=key, rows=len(preview.table)))
    return 0


def cmd_import(args, lang, say) -> int:
    store = _store()
    _, pack = _bundled_and_current(store)
    key = _dataset(args, pack)
    data = _read(args.file)
    declaration = Declaration(
        status=args.status, reason=args.reason, source=args.source, as_of=args.as_of, source_url=args.source_url
    )
    check_declaration(declaration, app_today())  # a typo is named before any password is asked
    editor = None if args.dry_run else _sign_in(store, args.editor)
    preview = store.preview_import(pack, key, args.file.name, data, sheet=args.sheet)
    summary = preview.summary
    say(
        t(
            "cli.preview",
            lang,
            dataset=key,
            added=len(summary.added),
            changed=len(summary.changed),
            removed=len(summary.removed),
            base=preview.base_number,
        )
    )
    for label, keys in (("+", summary.added), ("~", summary.changed), ("-", summary.removed)):
        for row_key in keys:
            say(f"  {label} {row_key}")
    if args.dry_run:
        say(t("cli.dry_run", lang))
        return 0
    if not args.yes:
        if not sys.stdin.isatty() or input(t("cli.confirm", lang) + " ").strip().lower() not in ("y", "ya", "yes"):
            say(t("cli.dry_run", lang))
            return 1
    rev = store.commit_import(editor, preview, declaration, today=app_today())
    say(
        t(
            "cli.imported",
            lang,
            dataset=key,
            number=rev.number,
            added=rev.rows_added,
            changed=rev.rows_changed,
            removed=rev.rows_removed,
        )
    )
    return 0


def cmd_history(args, lang, say) -> int:
    store = _store()
    bundled = load_pack(data_dir(), today=app_today())
    store.seed(bundled)
    revisions = store.history(args.dataset)
    if args.dataset and args.dataset not in bundled.metas:
        raise StoreError("unknown_dataset", dataset=args.dataset, known=", ".join(bundled.metas))
    if not revisions:
        say(t("cli.history_empty", lang))
    for rev in revisions:
        origin = rev.restored_from_number
        restored = f" [{t('history.restored_from', lang, number=origin)}]" if origin else ""
        say(
            f"{rev.dataset_key} #{rev.number} {rev.created_at:%Y-%m-%d %H:%M} "
            f"{t('history.action.' + rev.action, lang)} {rev.author} · {rev.file_name} · sha256 {rev.sha256[:12]} · "
            f"{rev.row_count} +{rev.rows_added} ~{rev.rows_changed} -{rev.rows_removed} · "
            f"{t('status.' + rev.status, lang)} · {rev.as_of} · {rev.reason}{restored}"
        )
    return 0


def cmd_restore(args, lang, say) -> int:
    store = _store()
    bundled, _ = _bundled_and_current(store)
    if args.dataset not in bundled.metas:
        raise StoreError("unknown_dataset", dataset=args.dataset, known=", ".join(bundled.metas))
    target = store.numbered(args.dataset, args.revision)
    editor = _sign_in(store, args.editor)
    rev = store.restore(editor, args.dataset, target.id, args.reason)
    say(t("cli.restored", lang, dataset=args.dataset, restored=target.number, number=rev.number))
    return 0


def cmd_export(args, lang, say) -> int:
    store = _store()
    bundled, _ = _bundled_and_current(store)
    folder = store.export(bundled, args.folder)
    say(t("cli.exported", lang, folder=str(folder), count=len(bundled.metas)))
    return 0


def cmd_users(args, lang, say) -> int:
    store = _store()
    users = Users(store.engine, clock=store.clock)
    if args.action == "list":
        for name in users.names():
            say(name)
        return 0
    if not args.name.strip():
        raise StoreError("bad_user_name", name=args.name)
    if args.action == "add":
        users.add(args.name, _password(f"{args.name}: ", confirm=True))
        say(t("cli.user_added", lang, name=args.name))
    else:
        users.reset(args.name, _password(f"{args.name}: ", confirm=True))
        say(t("cli.user_reset", lang, name=args.name))
    return 0


def _upstream(path: Path | None, name: str) -> Path:
    if path is not None:
        return path
    default = SHARED_DATA / name
    if not default.is_dir():
        raise RegionError("no_upstream")
    return default


def cmd_region(args, lang, say) -> int:
    boundaries = _upstream(args.boundaries, "wilayah_boundaries")
    names = _upstream(args.names, "wilayah")
    out = args.out or Path("packs") / args.code.strip()
    if is_province(args.code):
        return _built_province(build_province(args.code, boundaries, names, out, force=args.force), out, lang, say)
    region = build_region(args.code, boundaries, names, out, force=args.force)
    missing = ", ".join(f"{code} {name}" for code, name in region.missing) or t("build.none", lang)
    say(
        t(
            "build.built",
            lang,
            out=str(out),
            name=region.name,
            code=region.code,
            total=region.count(),
            kelurahan=region.count("kelurahan"),
            desa=region.count("desa"),
            kecamatan=len(region.kecamatan),
            crs=region.metric_crs(),
            missing=missing,
        )
    )
    return 0


def _built_province(province, out: Path, lang: str, say) -> int:
    whole = province.whole
    none = t("build.none", lang)
    say(
        t(
            "build.built_province",
            lang,
            out=str(out),
            name=whole.name,
            code=whole.code,
            kabkota=len(province.kabkota),
            total=whole.count(),
            kelurahan=whole.count("kelurahan"),
            desa=whole.count("desa"),
            kecamatan=len(whole.kecamatan),
            crs=whole.metric_crs(),
            bands=len(BANDS),
            without=", ".join(f"{code} {name}" for code, name in province.without_polygons) or none,
            missing=", ".join(f"{code} {name}" for code, name in whole.missing) or none,
        )
    )
    return 0


COMMANDS = {
    "validate": cmd_validate,
    "import": cmd_import,
    "history": cmd_history,
    "restore": cmd_restore,
    "export": cmd_export,
    "users": cmd_users,
    "region": cmd_region,
}
