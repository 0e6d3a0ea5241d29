"""Seed the publication rubric with Kota Malang's KIP Award 2019 checklist: the berkala
items of UU 14/2008 Pasal 9 an OPD's site is scored on, ten points each
(reference/registries-and-portal.md §4, [W34])."""

from django.db import migrations

ITEMS = [
    ("pejabat", "Profil pejabat yang menjabat", "penilai"),
    ("struktur-organisasi", "Struktur organisasi", "penilai"),
    ("kontak", "Alamat, telepon, surel dan media sosial", "otomatis"),
    ("dpa", "Dokumen Pelaksanaan Anggaran (DPA)", "penilai"),
    ("berita", "Berita kegiatan terkini", "otomatis"),
    ("tupoksi", "Perwal tugas pokok dan fungsi (tupoksi)", "penilai"),
    ("standar-pelayanan", "Standar pelayanan", "otomatis"),
    ("pengaduan", "Tautan layanan pengaduan (SAMBAT) dan pengaduan ditindaklanjuti tepat waktu",
     "otomatis"),
    ("pengadaan", "Tautan pengadaan barang/jasa (SiRUP)", "penilai"),
    ("dip", "Daftar Informasi Publik (DIP) diperbarui", "otomatis"),
]


def seed(apps, schema_editor):
    Item = apps.get_model("publications", "ComplianceItem")
    for position, (code, label, evaluation) in enumerate(ITEMS, start=1):
        Item.objects.update_or_create(code=code, defaults={
            "label": label, "evaluation": evaluation, "weight": 10, "position": position})


def unseed(apps, schema_editor):
    apps.get_model("publications", "ComplianceItem").objects.filter(
        code__in=[code for code, _label, _how in ITEMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
