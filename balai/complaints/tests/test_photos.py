"""complaints.photos on its own: what a citizen's phone photo becomes (issue 10, item 12).

The GPS a phone writes is read for the pin and nothing of it survives re-encoding; a
portrait photo stands upright; a large photo is resized and its thumbnail made; PNG with
transparency, WebP and HEIC are read; what is not a photo is refused with its name.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from balai.complaints import photos
from balai.complaints.tests import factories

ORIENTATION = 0x0112


def _file(data: bytes, name: str) -> io.BytesIO:
    out = io.BytesIO(data)
    out.name = name
    return out


def _image(fmt: str, size=(800, 600), mode="RGB", colour=(200, 30, 30), **save) -> io.BytesIO:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, fmt, **save)
    return _file(out.getvalue(), f"foto.{fmt.lower()}")


def _decoded(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


# read_gps -------------------------------------------------------------------------------

def test_read_gps_gives_the_phone_s_position_south_and_east_signed():
    with Image.open(factories.jpeg_with_gps(-7.9826, 112.6308)) as img:
        lat, lng = photos.read_gps(img)
    assert lat == pytest.approx(-7.9826, abs=1e-5)
    assert lng == pytest.approx(112.6308, abs=1e-5)


def test_read_gps_reads_north_and_west():
    with Image.open(factories.jpeg_with_gps(51.5007, -0.1246)) as img:
        lat, lng = photos.read_gps(img)
    assert (lat, lng) == (pytest.approx(51.5007, abs=1e-5), pytest.approx(-0.1246, abs=1e-5))


def test_read_gps_is_none_without_gps_or_at_null_island():
    with Image.open(_image("JPEG")) as img:
        assert photos.read_gps(img) is None
    with Image.open(factories.jpeg_with_gps(0.0, 0.0)) as img:  # a phone with no fix
        assert photos.read_gps(img) is None


def test_read_gps_ignores_a_broken_gps_block():
    img = Image.new("RGB", (10, 10))
    exif = Image.Exif()
    gps = exif.get_ifd(photos.GPS_IFD)
    gps[1], gps[2] = "S", (7, 0)  # two numbers where three belong
    gps[3], gps[4] = "E", (112, 37, 50.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    with Image.open(out) as reread:
        assert photos.read_gps(reread) is None


# check_photo: the cheap checks at the door ----------------------------------------------

def test_check_photo_reads_format_size_and_gps_without_decoding():
    checked = photos.check_photo(factories.jpeg_with_gps(size=(1200, 900)))
    assert (checked.format, checked.width, checked.height) == ("JPEG", 1200, 900)
    assert checked.gps == (pytest.approx(-7.9826, abs=1e-5), pytest.approx(112.6308, abs=1e-5))


@pytest.mark.parametrize(("data", "name"), [
    (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "surat.pdf"),
    (b"MZ\x90\x00" + b"\x00" * 200, "foto.jpg"),  # a program that claims to be a photo
    (b"", "kosong.jpg"),
])
def test_what_is_not_a_photo_is_refused_by_name(data, name):
    with pytest.raises(ValidationError) as refused:
        photos.check_photo(_file(data, name))
    assert refused.value.code == "not_image"
    assert name in refused.value.messages[0]


def test_a_gif_is_refused_as_the_wrong_format():
    with pytest.raises(ValidationError) as refused:
        photos.check_photo(_image("GIF"))
    assert refused.value.code == "format"
    assert "GIF" in refused.value.messages[0]


def test_a_file_over_12_mb_is_refused_before_it_is_read():
    class Big(io.BytesIO):
        size = photos.MAX_BYTES + 1
        name = "besar.jpg"

    with pytest.raises(ValidationError) as refused:
        photos.check_photo(Big(b"not read"))
    assert refused.value.code == "too_big"


def test_more_than_five_photos_are_refused_together():
    with pytest.raises(ValidationError) as refused:
        photos.check_photos([_image("JPEG") for _ in range(photos.MAX_PHOTOS + 1)])
    assert refused.value.code == "too_many"


# encode_photo: what the worker makes of it ----------------------------------------------

def test_encoding_removes_every_trace_of_metadata():
    upload = factories.jpeg_with_gps()
    with Image.open(upload) as original:
        assert original.getexif()  # GPS, make and model are there before
    prepared = photos.encode_photo(upload.getvalue(), "foto.jpg")
    img = _decoded(prepared.image)
    assert dict(img.getexif()) == {}
    assert "icc_profile" not in img.info and "exif" not in img.info
    assert b"Samsung" not in prepared.image and b"SM-A525F" not in prepared.image
    assert dict(_decoded(prepared.thumbnail).getexif()) == {}
    # The position was read before it was dropped: the pin still comes from the photo.
    assert prepared.gps == (pytest.approx(-7.9826, abs=1e-5), pytest.approx(112.6308, abs=1e-5))


def test_a_large_photo_is_resized_to_2048_and_gets_a_480_thumbnail():
    prepared = photos.encode_photo(_image("PNG", size=(4000, 3000)).getvalue())
    assert (prepared.width, prepared.height) == (2048, 1536)
    assert _decoded(prepared.image).size == (2048, 1536)
    assert _decoded(prepared.thumbnail).size == (480, 360)
    assert _decoded(prepared.image).format == "JPEG"


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_but_stays_sharp():
    # libjpeg decodes at 1/2: 2000×1500, still above 1600 and within 2048.
    prepared = photos.encode_photo(_image("JPEG", size=(4000, 3000)).getvalue())
    assert 1600 <= max(prepared.width, prepared.height) <= 2048
    assert prepared.width * 3 == prepared.height * 4


def test_a_small_photo_keeps_its_size():
    prepared = photos.encode_photo(_image("JPEG", size=(640, 480)).getvalue())
    assert (prepared.width, prepared.height) == (640, 480)


def test_a_portrait_photo_taken_sideways_stands_upright():
    # A phone stores the sensor's landscape pixels and says "rotate 90°" in EXIF.
    img = Image.new("RGB", (1200, 800), (10, 10, 10))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    prepared = photos.encode_photo(out.getvalue())
    assert (prepared.width, prepared.height) == (800, 1200)
    assert ORIENTATION not in _decoded(prepared.image).getexif()


def test_a_transparent_png_is_flattened_on_white():
    prepared = photos.encode_photo(_image("PNG", size=(100, 100), mode="RGBA",
                                          colour=(0, 0, 0, 0)).getvalue())
    img = _decoded(prepared.image)
    assert img.mode == "RGB"
    assert all(channel > 245 for channel in img.getpixel((50, 50)))


def test_webp_is_read_and_stored_as_jpeg():
    prepared = photos.encode_photo(_image("WEBP", size=(300, 200)).getvalue())
    assert _decoded(prepared.image).format == "JPEG"
    assert (prepared.width, prepared.height) == (300, 200)


def test_a_heic_photo_from_an_iphone_is_read():
    pillow_heif = pytest.importorskip("pillow_heif")
    if not pillow_heif.libheif_info().get("HEIF"):
        pytest.skip("this libheif build has no HEIF encoder to make the sample")
    upload = _image("HEIF", size=(640, 480), quality=80)
    upload.name = "IMG_0001.HEIC"
    checked = photos.check_photo(upload)
    assert checked.format == "HEIF"
    prepared = photos.encode_photo(upload.getvalue(), checked.name)
    img = _decoded(prepared.image)
    assert img.format == "JPEG" and img.size == (640, 480)
    red, green, blue = img.getpixel((320, 240))
    assert red > 150 and green < 80 and blue < 80  # the colour survived the conversion


def test_the_same_photo_encodes_to_the_same_bytes():
    data = factories.jpeg_with_gps().getvalue()
    assert photos.encode_photo(data).sha256 == photos.encode_photo(data).sha256


def test_a_truncated_jpeg_is_refused_by_the_worker_too():
    data = factories.jpeg_with_gps(size=(1600, 1200)).getvalue()
    with pytest.raises(ValidationError) as refused:
        photos.encode_photo(data[: len(data) // 3], "rusak.jpg")
    assert refused.value.code == "not_image"
    assert "rusak.jpg" in refused.value.messages[0]
