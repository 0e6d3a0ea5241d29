"""`balai backup` / `balai restore`: the database and the files in one .tar.gz (DESIGN.md §7).

An archive holds `database/…` (SQLite: a consistent copy made with SQLite's online backup
API; PostgreSQL: `pg_dump --format=custom`), `files/<root>/…` for every folder of uploaded
or issued files on this host, and `manifest.json` last: balai's version, the database
vendor, the applied migrations, the file count and the SHA-256 of every other member.
Restore checks every checksum before it touches anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

import balai
from balai.core.models import AuditEntry

FORMAT = "balai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

# Folders of files that live next to the database on this host: (name in the archive,
# the STORAGES alias that moves them elsewhere, the setting that names the folder, its
# default under VAR_DIR). A root on S3 (or any non-filesystem storage) is left to the
# bucket's own backups and said so.
FILE_ROOTS = [
    ("media", "default", "MEDIA_ROOT", "media"),
    ("documents", "documents", "DOCUMENTS_STORAGE_ROOT", "documents/pdf"),
    ("documents-demo-ca", None, "DOCUMENTS_DEMO_DIR", "documents/demo"),
    ("complaints-private", "complaints_private", "COMPLAINT_ORIGINALS_ROOT", "private"),
    ("ppid-private", "ppid_private", "PPID_PRIVATE_ROOT", "private"),
]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    return None


@dataclass
class FileRoot:
    name: str
    path: Path | None  # None: not on this host's disk
    note: str = ""


@dataclass
class RestoreReport:
    vendor: str
    created_at: str
    balai_version: str
    files: dict[str, int] = field(default_factory=dict)
    skipped_roots: list[str] = field(default_factory=list)
    # Files that were here but not in the backup: moved aside, never deleted.
    set_aside: dict[str, int] = field(default_factory=dict)
    set_aside_dir: Path | None = None
    migrations_missing_here: list[str] = field(default_factory=list)
    migrations_not_in_backup: list[str] = field(default_factory=list)


def file_roots() -> list[FileRoot]:
    """This installation's file folders, each once (a folder inside another is skipped)."""
    storages = settings.STORAGES
    var_dir = Path(settings.VAR_DIR)
    roots: list[FileRoot] = []
    seen: list[Path] = []
    for name, alias, setting, default in FILE_ROOTS:
        configured = storages.get(alias) if alias else None
        backend = (configured or {}).get("BACKEND", "")
        if configured and not backend.endswith("FileSystemStorage"):
            roots.append(FileRoot(name, None, f"stored by {backend.rsplit('.', 1)[-1]}"))
            continue
        location = ((configured or {}).get("OPTIONS", {}).get("location")
                    if alias != "default" else None)
        path = Path(location or getattr(settings, setting) or var_dir / default).resolve()
        if any(path == other or other in path.parents for other in seen):
            continue
        seen.append(path)
        roots.append(FileRoot(name, path))
    return roots


def not_in_backup() -> str:
    """What `balai backup` leaves out and how to back it up, or "" when it takes every file.

    Files on S3 are not copied into the archive, by design: a bucket of a province's
    photos outgrows any one host's disk, and object stores back themselves up better
    (versioning, replication, an incremental `mc mirror` / `rclone sync`). So the archive
    says so, and so does the command, loudly: a restore needs both (docs/deploy.md).
    """
    elsewhere = [root for root in file_roots() if root.path is None]
    if not elsewhere:
        return ""
    bucket = settings.AWS_STORAGE_BUCKET_NAME or "the bucket"
    names = ", ".join(f"{root.name} ({root.note})" for root in elsewhere)
    return (f"NOT IN THIS BACKUP: the files kept on object storage, bucket {bucket}: "
            f"{names}. Back up that bucket with the store's own tools (versioning, "
            f"replication, or e.g. `rclone sync s3:{bucket} /srv/backup/{bucket}`) at the "
            "same time as this archive: a restore needs both (docs/deploy.md, Backups).")


def _files_under(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_file() and not path.is_symlink():
                yield path


class _HashingReader(io.RawIOBase):
    def __init__(self, fh):
        self.fh, self.sha256 = fh, hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.fh.read(size)
        self.sha256.update(data)
        return data


def _add(tar: tarfile.TarFile, source: Path, arcname: str) -> str:
    info = tarfile.TarInfo(arcname)
    info.size = source.stat().st_size
    info.mtime = int(source.stat().st_mtime)
    info.mode = 0o600
    with source.open("rb") as fh:
        reader = _HashingReader(fh)
        tar.addfile(info, reader)
    return reader.sha256.hexdigest()


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in
                  MigrationRecorder(connection).applied_migrations())


def _pg_env_and_args() -> tuple[dict, list[str]]:
    params = connection.settings_dict
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [flag, str(params[key])]
    return env, [*args, "--dbname", params["NAME"]]


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed, and balai needs it for a PostgreSQL database. "
            "Install the PostgreSQL client tools of the server's version "
            "(apt-get install postgresql-client), then run the command again.")
    return path


def _dump_database(target_dir: Path) -> Path:
    vendor = connection.vendor
    if vendor == "sqlite":
        target = target_dir / "balai.sqlite3"
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot even while the web and
            # worker processes keep writing (WAL mode).
            connection.connection.backup(dest)
        finally:
            dest.close()
        return target
    if vendor == "postgresql":
        target = target_dir / "balai.pgdump"
        env, args = _pg_env_and_args()
        result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
            [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(target), *args], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return target
    raise BackupError(f"balai backup knows SQLite and PostgreSQL, not {vendor}.")


def default_output() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"balai-{stamp}.tar.gz"


def backup_create(*, output: Path | None = None, progress: Progress = _quiet) -> Path:
    """Write the database and this host's files to one .tar.gz; returns its path."""
    output = Path(output or default_output())
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    vendor = connection.vendor
    members: dict[str, str] = {}
    counts: dict[str, int] = {}
    skipped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="balai-backup-") as tmp:
        progress(f"Database ({VENDOR_NAMES.get(vendor, vendor)}): copying…")
        dump = _dump_database(Path(tmp))
        progress(f"Database: {dump.stat().st_size / 1e6:.1f} MB")
        with tarfile.open(partial, "w:gz") as tar:
            arcname = f"database/{dump.name}"
            members[arcname] = _add(tar, dump, arcname)
            for root in file_roots():
                if root.path is None:
                    skipped[root.name] = root.note
                    progress(f"Files {root.name}: skipped ({root.note}; back up that "
                             "storage with its own tools)")
                    continue
                count = 0
                for path in _files_under(root.path):
                    arcname = f"files/{root.name}/{path.relative_to(root.path).as_posix()}"
                    members[arcname] = _add(tar, path, arcname)
                    count += 1
                    if count % 500 == 0:
                        progress(f"Files {root.name}: {count}…")
                counts[root.name] = count
                progress(f"Files {root.name}: {count} from {root.path}")
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "balai_version": balai.__version__,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": {"vendor": vendor, "member": f"database/{dump.name}",
                             "migrations": applied_migrations()},
                "files": counts, "file_count": sum(counts.values()),
                "skipped_file_roots": skipped, "sha256": members,
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode = len(data), 0o600
            info.mtime = int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(data))
    os.chmod(partial, 0o600)  # the database holds password hashes and personal data
    partial.replace(output)
    progress(f"Wrote {output} ({output.stat().st_size / 1e6:.1f} MB, "
             f"{len(members)} members)")
    return output


# --- restore ------------------------------------------------------------------------------


def _safe_member_path(name: str) -> Path:
    path = Path(name)
    if path.is_absolute() or ".." in path.parts or not name or name.startswith("/"):
        raise BackupError(f"The archive holds an unsafe path {name!r}; it is not restored.")
    return path


def _unpack_and_verify(archive: Path, into: Path, progress: Progress) -> dict:
    """Extract every member to `into`, hashing as it goes; check against the manifest."""
    seen: dict[str, str] = {}
    manifest_bytes = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupError(f"The archive holds {member.name!r}, which is not a "
                                      "regular file: this is not a balai backup.")
                fh = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest_bytes = fh.read()
                    continue
                target = into / _safe_member_path(member.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with target.open("wb") as out:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                seen[member.name] = digest.hexdigest()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{archive} is damaged or not a balai backup ({exc}).") from exc
    if manifest_bytes is None:
        raise BackupError(f"{archive} has no {MANIFEST}: it is not a balai backup, or it "
                          "was cut short.")
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as exc:
        raise BackupError(f"The manifest of {archive} is damaged ({exc}).") from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{archive} is not a balai backup of format {FORMAT_VERSION}.")
    expected = manifest.get("sha256", {})
    for name, digest in expected.items():
        if name not in seen:
            raise BackupError(f"The backup is damaged: {name} is missing from the archive.")
        if seen[name] != digest:
            raise BackupError(f"The backup is damaged: {name} does not match its SHA-256 "
                              "checksum. Nothing was restored.")
    extra = sorted(set(seen) - set(expected))
    if extra:
        raise BackupError(f"The archive holds files its manifest does not list ({extra[0]}"
                          f"{', …' if len(extra) > 1 else ''}); nothing was restored.")
    progress(f"Checked {len(seen)} members against the manifest: all SHA-256 checksums match.")
    return manifest


def database_has_data() -> bool:
    """Accounts or audit entries exist: someone has used this database."""
    tables = set(connection.introspection.table_names())
    for model in (get_user_model(), AuditEntry):
        if model._meta.db_table in tables and model.objects.exists():
            return True
    return False


def _restore_database(vendor: str, dump: Path) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    env, args = _pg_env_and_args()
    connection.close()  # pg_restore drops the tables: no open transaction may hold them
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", *args, str(dump)],
        env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _set_aside(extra: list[Path], root: Path, name: str, report: RestoreReport,
               progress: Progress) -> None:
    """Move files the backup does not have out of the way (the restored installation then
    holds exactly the backup's files), into one dated folder under VAR_DIR: an upload
    made after the backup is not lost, and the log says where it went."""
    if not extra:
        return
    if report.set_aside_dir is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        report.set_aside_dir = Path(settings.VAR_DIR) / f"restore-set-aside-{stamp}"
    for path in extra:
        target = report.set_aside_dir / name / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
    report.set_aside[name] = len(extra)
    progress(f"Files {name}: {len(extra)} not in the backup, moved to "
             f"{report.set_aside_dir / name}")


def _restore_files(unpacked: Path, report: RestoreReport, progress: Progress) -> None:
    roots = {root.name: root for root in file_roots()}
    files_dir = unpacked / "files"
    if not files_dir.is_dir():
        return
    for folder in sorted(p for p in files_dir.iterdir() if p.is_dir()):
        root = roots.get(folder.name)
        if root is None or root.path is None:
            report.skipped_roots.append(folder.name)
            progress(f"Files {folder.name}: not restored ("
                     f"{root.note if root else 'no such folder in this installation'})")
            continue
        restored = set()
        for source in _files_under(folder):
            target = root.path / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            restored.add(target)
        report.files[folder.name] = len(restored)
        progress(f"Files {folder.name}: {len(restored)} to {root.path}")
        _set_aside([p for p in _files_under(root.path) if p not in restored], root.path,
                   folder.name, report, progress)


def backup_restore(*, archive: Path, force: bool = False,
                   progress: Progress = _quiet) -> RestoreReport:
    """Check a backup's checksums, then put its database and files back."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    scratch = Path(settings.VAR_DIR)
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="balai-restore-", dir=scratch) as tmp:
        unpacked = Path(tmp)
        manifest = _unpack_and_verify(archive, unpacked, progress)
        vendor = manifest["database"]["vendor"]
        here = connection.vendor
        if vendor != here:
            raise BackupError(
                f"This backup holds a {VENDOR_NAMES.get(vendor, vendor)} database, but this "
                f"installation uses {VENDOR_NAMES.get(here, here)}. Restore it into an "
                f"installation with the same database (set or unset DATABASE_URL).")
        if database_has_data() and not force:
            raise BackupError(
                "The database already has data (accounts or audit entries). Restoring would "
                "replace all of it; run `balai restore --force` if that is what you want, "
                "after a `balai backup` of it.")
        progress(f"Restoring the {VENDOR_NAMES.get(vendor, vendor)} database…")
        _restore_database(vendor, unpacked / _safe_member_path(manifest["database"]["member"]))
        report = RestoreReport(vendor=vendor, created_at=manifest.get("created_at", ""),
                               balai_version=manifest.get("balai_version", ""))
        _restore_files(unpacked, report, progress)
    restored = set(applied_migrations())
    from django.db.migrations.loader import MigrationLoader  # noqa: PLC0415

    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True)
             .disk_migrations}
    report.migrations_missing_here = sorted(restored - known)
    report.migrations_not_in_backup = sorted(known - restored)
    return report
