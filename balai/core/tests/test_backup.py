"""`balai backup` / `balai restore` round-trip the database and the files."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from balai.accounts.models import User
from balai.complaints.models import Complaint, ComplaintPhoto
from balai.complaints.photos import photo_process
from balai.complaints.services import complaint_submit, complaint_verify
from balai.complaints.tests import factories
from balai.core import backup
from balai.core.audit import log_action
from balai.core.models import AuditEntry
from balai.core.tests.programs import needs_program

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roots(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENTS_STORAGE_ROOT = str(tmp_path / "letters")
    settings.DOCUMENTS_DEMO_DIR = str(tmp_path / "demo-ca")
    settings.COMPLAINT_ORIGINALS_ROOT = str(tmp_path / "originals")
    settings.PPID_PRIVATE_ROOT = str(tmp_path / "ppid")
    return tmp_path


@pytest.fixture
def city(roots, verifikator):
    """Two complaints with photos, an audit entry of our own, a letter PDF on disk."""
    cats = factories.categories(factories.agencies())
    factories.load_malang(roots)
    complaints = [complaint_submit(submission=factories.submission(cats["jalan"], title=title),
                                   photos=[factories.jpeg_with_gps(size=size)])[0]
                  for title, size in (("Lubang di alun-alun", (640, 480)),
                                      ("Sampah di Klojen", (800, 600)))]
    # The first case is verified, so the worker re-encodes its photo into private storage
    # and copies it to public media; the second photo stays an upload awaiting the worker.
    complaint_verify(complaint=complaints[0], actor=verifikator)
    photo_process(photo_id=ComplaintPhoto.objects.order_by("pk").first().pk)
    with transaction.atomic():
        log_action(verifikator, "accounts.staff_created", actor=verifikator,
                   data={"role": "verifikator"})
    letter = Path(roots / "letters" / "ab" / "cd" / "abcd.pdf")
    letter.parent.mkdir(parents=True)
    letter.write_bytes(b"%PDF-1.7 surat\n")
    return roots


def snapshot(roots: Path) -> dict:
    return {
        "complaints": list(Complaint.objects.order_by("pk").values_list(
            "pk", "code", "title", "status", "reporter_email")),
        "photos": list(ComplaintPhoto.objects.order_by("pk").values_list(
            "pk", "complaint_id", "image", "thumbnail", "original")),
        "audit": list(AuditEntry.objects.order_by("pk").values_list(
            "pk", "action", "object_id", "data")),
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "password")),
        "files": {str(p.relative_to(roots)): p.read_bytes()
                  for p in sorted(roots.rglob("*")) if p.is_file()
                  and not p.name.endswith(".tar.gz") and "var" not in p.parts
                  and p.name != "roads.geojson"},
    }


def wipe(roots: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    for name in ("media", "letters", "originals"):
        shutil.rmtree(roots / name, ignore_errors=True)


def member_names(archive: Path) -> list[str]:
    with tarfile.open(archive) as tar:
        return tar.getnames()


def rewrite(archive: Path, target: Path, change) -> Path:
    """Copy an archive member by member, letting `change(name, data)` alter the bytes."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = change(member.name, src.extractfile(member).read())
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return target


def test_sqlite_round_trip_restores_rows_and_file_bytes(city, capsys):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round-trip runs on SQLite (the PostgreSQL one below on PG)")
    before = snapshot(city)
    assert len(before["complaints"]) == 2 and len(before["photos"]) == 2
    assert any(path.startswith("media/") for path in before["files"])
    assert any(path.startswith("originals/") for path in before["files"])

    archive = city / "out" / "backup.tar.gz"
    call_command("backup", "--output", str(archive))
    out = capsys.readouterr().out
    assert "Database (SQLite)" in out and "Files media: 2" in out
    assert "Backup written" in out

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[-1] == "manifest.json" and "database/balai.sqlite3" in names
    assert manifest["database"]["vendor"] == "sqlite"
    assert "complaints.0001_initial" in manifest["database"]["migrations"]
    assert manifest["file_count"] == len(before["files"]) == len(names) - 2
    assert manifest["files"]["documents"] == 1
    assert set(manifest["sha256"]) == set(names) - {"manifest.json"}
    assert manifest["balai_version"] and manifest["created_at"]

    wipe(city)
    assert not Complaint.objects.exists() and not (city / "media").exists()
    # A photo uploaded after the backup: restore leaves exactly the backup's files, and
    # moves this one aside rather than deleting it.
    late = city / "media" / "complaints" / "late.jpg"
    late.parent.mkdir(parents=True)
    late.write_bytes(b"uploaded after the backup")
    call_command("restore", str(archive))
    out = capsys.readouterr().out
    assert "all SHA-256 checksums match" in out
    assert "Restored the SQLite database" in out
    assert snapshot(city) == before
    assert not late.exists()
    aside, = (city / "var").glob("restore-set-aside-*/media/complaints/late.jpg")
    assert aside.read_bytes() == b"uploaded after the backup"
    assert "not in the backup (media 1) were moved to" in " ".join(out.split())


def test_a_damaged_member_is_refused_before_anything_is_touched(city):
    archive = backup.backup_create(output=city / "b.tar.gz")
    photo = next(n for n in member_names(archive) if n.startswith("files/media/"))
    damaged = rewrite(archive, city / "damaged.tar.gz",
                      lambda name, data: data[:-1] + b"x" if name == photo else data)
    wipe(city)
    with pytest.raises(CommandError, match=f"{photo} does not match its SHA-256"):
        call_command("restore", str(damaged))
    assert not User.objects.exists()  # nothing restored


def test_a_truncated_or_foreign_archive_is_refused(city):
    archive = backup.backup_create(output=city / "b.tar.gz")
    cut = city / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="damaged or not a balai backup"):
        call_command("restore", str(cut), "--force")
    foreign = city / "foreign.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        info = tarfile.TarInfo("notes.txt")
        tar.addfile(info, io.BytesIO(b""))
    with pytest.raises(CommandError, match="has no manifest.json"):
        call_command("restore", str(foreign), "--force")


def test_restore_into_a_database_with_data_needs_force(city, capsys):
    archive = backup.backup_create(output=city / "b.tar.gz")
    Complaint.objects.filter(title="Sampah di Klojen").delete()
    with pytest.raises(CommandError, match="already has data.*--force"):
        call_command("restore", str(archive))
    assert Complaint.objects.count() == 1
    call_command("restore", str(archive), "--force")
    assert Complaint.objects.count() == 2


def test_a_backup_of_another_database_vendor_is_refused(city):
    archive = backup.backup_create(output=city / "b.tar.gz")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def retag(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = other
        return json.dumps(manifest).encode()

    wipe(city)
    with pytest.raises(CommandError, match=f"holds a {backup.VENDOR_NAMES[other]} database"):
        call_command("restore", str(rewrite(archive, city / "other.tar.gz", retag)))


def test_a_missing_postgresql_tool_is_named(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match="pg_dump is not installed.*postgresql-client"):
        backup._pg_tool("pg_dump")


def test_files_on_s3_are_left_to_the_bucket(settings, roots):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {}}}
    by_name = {root.name: root for root in backup.file_roots()}
    assert by_name["media"].path is None and "S3Storage" in by_name["media"].note
    assert by_name["documents"].path == (roots / "letters").resolve()


def test_a_backup_with_files_on_s3_says_loudly_that_the_bucket_is_not_in_it(settings, roots,
                                                                          capsys):
    if connection.vendor == "postgresql":
        needs_program("pg_dump")
    s3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": "kota"}}
    settings.AWS_STORAGE_BUCKET_NAME = "kota"
    settings.STORAGES = {**settings.STORAGES, "default": s3, "documents": s3,
                         "complaints_private": s3, "ppid_private": s3}
    archive = roots / "out" / "backup.tar.gz"
    call_command("backup", "--output", str(archive))
    captured = capsys.readouterr()
    assert "Backup written" in captured.out
    warning = " ".join(captured.err.split())
    assert "NOT IN THIS BACKUP" in warning and "bucket kota" in warning
    assert "media (stored by S3Storage)" in warning and "ppid-private" in warning
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert set(manifest["skipped_file_roots"]) == {"media", "documents",
                                                   "complaints-private", "ppid-private"}
    # One host's disk only: nothing is left out, nothing to say.
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.AWS_STORAGE_BUCKET_NAME = ""
    for alias in ("documents", "complaints_private", "ppid_private"):
        settings.STORAGES.pop(alias)
    call_command("backup", "--output", str(roots / "out" / "local.tar.gz"))
    assert "NOT IN THIS BACKUP" not in capsys.readouterr().err


def test_postgresql_round_trip(city):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL round-trip: run the suite with DATABASE_URL=postgres://…")
    needs_program("pg_dump")
    needs_program("pg_restore")
    before = snapshot(city)
    archive = backup.backup_create(output=city / "pg.tar.gz")
    assert "database/balai.pgdump" in member_names(archive)
    wipe(city)
    backup.backup_restore(archive=archive)
    assert snapshot(city) == before
    # Sequences come back too: a new row does not collide with a restored one.
    AuditEntry.objects.create(action="core.test", content_type_id=AuditEntry.objects.first()
                              .content_type_id, object_id="1")


def test_photo_storage_writes_where_the_backup_reads(roots):
    """The media root the backup reads is the one Django's default storage writes to."""
    from django.core.files.storage import default_storage

    name = default_storage.save("probe.txt", ContentFile(b"x"))
    media = next(r for r in backup.file_roots() if r.name == "media")
    assert (media.path / name).read_bytes() == b"x"


def test_an_archive_that_writes_outside_its_folders_is_refused(roots):
    evil = roots / "evil.tar.gz"
    data = b"owned"
    manifest = {"format": backup.FORMAT, "format_version": backup.FORMAT_VERSION,
                "database": {"vendor": connection.vendor, "member": "database/x"},
                "sha256": {"../../outside.txt": hashlib.sha256(data).hexdigest()}}
    with tarfile.open(evil, "w:gz") as tar:
        for name, payload in (("../../outside.txt", data),
                              ("manifest.json", json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    with pytest.raises(CommandError, match="unsafe path"):
        call_command("restore", str(evil), "--force")
    assert not (roots.parent / "outside.txt").exists()
