import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from balai.accounts.models import Role
from balai.community_groups import services
from balai.community_groups.models import Kim, Officer
from balai.geo.models import Area
from conftest import make_user

SQUARE = {"type": "Polygon", "coordinates": [[[112.6, -7.9], [112.61, -7.9], [112.61, -7.91],
                                              [112.6, -7.91], [112.6, -7.9]]]}


def area(code, name, level, parent=None):
    return Area.objects.create(code=code, name=name, level=level, parent=parent,
                               parent_code=parent.code if parent else "", geometry=SQUARE,
                               min_lng=112.6, min_lat=-7.91, max_lng=112.61, max_lat=-7.9)


@pytest.fixture
def kecamatan(db):
    kota = area("35.73", "Kota Malang", Area.Level.KOTA)
    return area("35.73.05", "Lowokwaru", Area.Level.KECAMATAN, kota)


@pytest.fixture
def kelurahan(kecamatan):
    return {name: area(f"35.73.05.{1000 + i}", name, Area.Level.KELURAHAN, kecamatan)
            for i, name in enumerate(["Tlogomas", "Dinoyo", "Jatimulyo"], start=1)}


@pytest.fixture
def petugas_kim(db):
    return make_user("kim@example.id", Role.PETUGAS_KIM, full_name="Lina Kominfo")


@pytest.fixture
def tlogomas(kelurahan, petugas_kim):
    return services.kim_register(name="KIM Tlogomas", slug="tlogomas",
                                 kelurahan=kelurahan["Tlogomas"], status=Kim.Status.ACTIVE,
                                 sk_number="188.45/12/35.73.05.1001/2023", actor=petugas_kim)


@pytest.fixture
def dinoyo(kelurahan, petugas_kim):
    return services.kim_register(name="KIM Dinoyo", slug="dinoyo",
                                 kelurahan=kelurahan["Dinoyo"], status=Kim.Status.ACTIVE,
                                 sk_number="188.45/3/35.73.05.1002/2024", actor=petugas_kim)


@pytest.fixture
def officer_tlogomas(tlogomas, petugas_kim):
    user = make_user("ketua.tlogomas@example.id", Role.WARGA, full_name="Andi Ketua")
    services.officer_add(kim=tlogomas, name="Andi Ketua", position=Officer.Position.KETUA,
                         user=user, actor=petugas_kim)
    return user


@pytest.fixture
def kim_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KIM_PRIVATE_ROOT = str(tmp_path / "private")


def jpeg(name="foto.jpg", size=(800, 600), exif_gps=False) -> SimpleUploadedFile:
    img = Image.new("RGB", size, (200, 80, 40))
    buffer = io.BytesIO()
    exif = Image.Exif()
    if exif_gps:
        exif[0x010F] = "KameraHP"  # Make
    img.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")
