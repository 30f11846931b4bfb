"""The folder of rendered map scripts: private to the app, and every file checked against its name.

The map's scripts are served from a folder (``ui.offline`` declares it as a component), and
the browser runs them in the dashboard's origin, an editor's page included. Whoever can
write a file there can run script in every viewer's page, so:

- the folder must belong to the user the app runs as, be a real directory (not a symbolic
  link) and be closed to everyone else (no group/other bits, mode ``0700``):
  :func:`private_dir` creates it so and refuses one that is not. The default folder under
  the system's temporary directory can be created first by another local user; then
  :func:`cache_dir` falls back to a fresh private folder made by :func:`tempfile.mkdtemp`.
  A folder named in ``SMARTCITY_MAP_CACHE`` is never replaced silently: it is refused with
  :class:`MapCacheError`, which says what is wrong and how to fix it.
- a file is named by its content (``layers-<sha256 prefix>.js``). :class:`MapFiles` writes
  it atomically, and before every use (each run that shows it, :meth:`Published.ensure`)
  checks that the file is still the one it wrote: a ``stat`` compared with the one it took
  after writing (device, inode, size, change time; an in-place edit or a replacement
  changes the change time, which no user can set), and when anything differs, the content
  hashed against the name. A file that does not match is written again before the page
  loads it.

NOTE: no Streamlit here; ``ui.offline`` decides the folder, ``ui.mapview`` publishes and
ensures the files.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .strings import t

#: How many hex digits of the SHA-256 name a file (``map-<digits>.js``).
NAME_DIGITS = 24
PRIVATE_MODE = 0o700


class MapCacheError(Exception):
    """The map-file folder is not private to the app; ``key`` names why (``map.cache.<key>``)."""

    def __init__(self, key: str, folder: Path | str) -> None:
        self.key = key
        self.folder = str(folder)
        super().__init__(self.message("en"))

    def message(self, lang: str = "id") -> str:
        return t("map.cache_refused", lang, folder=self.folder, problem=t(f"map.cache.{self.key}", lang))


def _uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def private_dir(path: Path | str, *, tighten: bool = False) -> Path:
    """``path`` as a private folder of this user: created with mode 0700, or checked if it exists.

    Raises :class:`MapCacheError` when it exists but is a symbolic link or not a directory,
    belongs to another user, or is open to the group or others (with ``tighten``, a folder
    of this user that is open is closed instead: only its owner could have written into
    it before unless it was writable by others, and every file is checked against its name
    before use anyway).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=PRIVATE_MODE)
    except FileExistsError:
        pass
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise MapCacheError("not_dir", path)
    uid = _uid()
    if uid is not None and info.st_uid != uid:
        raise MapCacheError("not_owner", path)
    if uid is not None and info.st_mode & 0o077:
        if not tighten:
            raise MapCacheError("open_mode", path)
        os.chmod(path, PRIVATE_MODE)
    return path


_FALLBACK: dict[str, Path] = {}
_FALLBACK_LOCK = threading.Lock()


def cache_dir(configured: str, default: Path) -> tuple[Path, MapCacheError | None]:
    """The folder to write map files into, and why the default one was passed over (or ``None``).

    ``configured`` (``SMARTCITY_MAP_CACHE``, may be empty) is used as it is or refused
    (:class:`MapCacheError`); the ``default`` is used when it is this user's (closed to others
    if it was not), else this process falls back to one fresh private folder (``tempfile.mkdtemp``, created 0700), kept for
    the process's life.
    """
    if configured.strip():
        return private_dir(configured.strip()), None
    try:
        return private_dir(default, tighten=True), None
    except MapCacheError as err:
        with _FALLBACK_LOCK:
            if str(default) not in _FALLBACK:
                _FALLBACK[str(default)] = Path(tempfile.mkdtemp(prefix=f"{default.name}-"))
            return _FALLBACK[str(default)], err


def content_name(text: str, prefix: str) -> str:
    """The file name of ``text``: ``<prefix>-<first NAME_DIGITS hex digits of its SHA-256>.js``."""
    return f"{prefix}-{hashlib.sha256(text.encode()).hexdigest()[:NAME_DIGITS]}.js"


def _matches(path: Path, name: str) -> bool:
    """The file at ``path`` is a regular file of this user whose content hashes to ``name``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        uid = _uid()
        if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
            return False
        digest = hashlib.sha256(handle.read()).hexdigest()[:NAME_DIGITS]
    return name.rsplit("-", 1)[-1] == f"{digest}.js"


def _fingerprint(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_mode, info.st_uid)


@dataclass
class MapFiles:
    """Content-named files in one folder, written once and checked before each use."""

    directory: Path
    _seen: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def write(self, text: str, prefix: str) -> str:
        """Make sure the folder holds ``text`` under its content name; returns the name."""
        name = content_name(text, prefix)
        self.ensure(name, text)
        return name

    def ensure(self, name: str, text: str) -> bool:
        """The file ``name`` holds ``text`` when this returns; True when it had to be (re)written."""
        path = self.directory / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        if info is not None and self._seen.get(name) == _fingerprint(info):
            return False  # the very file this process wrote or checked, unchanged since
        with self._lock:
            if info is not None and _matches(path, name):
                self._seen[name] = _fingerprint(os.lstat(path))
                return False
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")  # mode 0600
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)  # atomic, and replaces a planted symbolic link itself
            self._seen[name] = _fingerprint(os.lstat(path))
            return True


_FILES: dict[str, MapFiles] = {}
_FILES_LOCK = threading.Lock()


def files_in(directory: Path | str) -> MapFiles:
    """The process's one :class:`MapFiles` for ``directory``."""
    key = os.path.abspath(directory)
    with _FILES_LOCK:
        if key not in _FILES:
            _FILES[key] = MapFiles(Path(key))
        return _FILES[key]


@dataclass(frozen=True)
class Published:
    """A file a rendered map loads: checked (and restored) by :meth:`ensure` before each use."""

    files: MapFiles = field(repr=False, compare=False)
    name: str
    text: str = field(repr=False)

    def ensure(self) -> bool:
        return self.files.ensure(self.name, self.text)
