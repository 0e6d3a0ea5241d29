"""Test data for complaints: the Malang boundaries, a few roads, categories."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from balai.agencies.models import Agency
from balai.complaints.models import Category, CategoryGroup, ComplaintPhoto, RoadStatusRule
from balai.complaints.photos import photo_process
from balai.complaints.services import Submission
from balai.demo.loader import BOUNDARIES
from balai.geo.services import areas_import, roads_import

ALUN_ALUN = (-7.9826, 112.6308)  # kelurahan Kiduldalem, kecamatan Klojen
BRAWIJAYA = (-7.9525, 112.6144)  # kelurahan Ketawanggede, kecamatan Lowokwaru
OUTSIDE = (-7.2575, 112.7521)  # Surabaya


def load_malang(tmp_path: Path, roads: list[dict] | None = None, *, areas: bool = True) -> None:
    """Kota Malang's boundaries (unless `areas` is False: the `malang` fixture copies them)
    and the given roads."""
    if areas:
        areas_import(BOUNDARIES, progress=False)
    if roads:
        path = tmp_path / "roads.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {k: v for k, v in r.items() if k != "coords"},
             "geometry": {"type": "LineString", "coordinates": r["coords"]}} for r in roads]}))
        roads_import(path, progress=False)


def road_through(lat: float, lng: float, *, code: str, status: str, agency: str,
                 offset_m: float = 0.0, name: str | None = None) -> dict:
    """A north–south segment passing `offset_m` metres east of the point."""
    dlng = offset_m / (111_320 * 0.9903)  # cos(-7.98°)
    return {"code": code, "name": name or f"Jalan {code}", "status": status, "agency": agency,
            "legal_basis": f"SK uji {code}", "made_up": True,
            "coords": [[lng + dlng, lat - 0.001], [lng + dlng, lat + 0.001]]}


def agencies() -> dict[str, Agency]:
    rows = {}
    for code, name, external, level in [
        ("pupr", "Dinas PUPR", False, "kota"), ("dlh", "DLH", False, "kota"),
        ("bpbd", "BPBD", False, "kota"),
        ("dpu-bm-jatim", "Dinas PU Bina Marga Jatim", True, "provinsi"),
        ("bbpjn-jatim", "BBPJN Jatim-Bali", True, "nasional"),
        ("dpupr-kab-malang", "DPUPR Kab. Malang", True, "kota"),
        ("kec-klojen", "Kec. Klojen", False, "kecamatan"),
    ]:
        rows[code], _ = Agency.objects.get_or_create(
            code=code, defaults={"name": name, "short_name": name, "is_external": external,
                                 "level": level})
    for status, code in [("nasional", "bbpjn-jatim"), ("provinsi", "dpu-bm-jatim"),
                         ("kabupaten", "dpupr-kab-malang"), ("kota", "pupr"),
                         ("desa", "kec-klojen")]:
        RoadStatusRule.objects.get_or_create(status=status, defaults={"agency": rows[code]})
    return rows


def categories(agency_rows: dict[str, Agency]) -> dict[str, Category]:
    infra, _ = CategoryGroup.objects.get_or_create(name="Infrastruktur")
    env, _ = CategoryGroup.objects.get_or_create(name="Lingkungan")
    return {
        "jalan": Category.objects.create(code="jalan-rusak", name="Jalan rusak", group=infra,
                                         agency=agency_rows["pupr"], is_road=True),
        "sampah": Category.objects.create(code="sampah", name="Sampah menumpuk", group=env,
                                          agency=agency_rows["dlh"]),
        "banjir": Category.objects.create(code="banjir", name="Banjir", group=env,
                                          agency=agency_rows["bpbd"], is_urgent=True),
    }


def submission(category: Category, at=ALUN_ALUN, **extra) -> Submission:
    values = {"title": "Lubang besar di jalan", "description": "Lubang sedalam 20 cm.",
              "reporter_name": "Siti", "reporter_email": "siti@example.id",
              "reporter_phone": "081234567890"}
    values.update(extra)
    return Submission(category=category, lat=at[0], lng=at[1], **values)


def jpeg_with_gps(lat: float = -7.9826, lng: float = 112.6308, size=(1200, 900),
                  orientation: int | None = None) -> io.BytesIO:
    """A JPEG carrying EXIF GPS, camera make and a comment, as a phone would write it
    (with an EXIF orientation when given: 6 is a phone held upright, stored sideways)."""
    img = Image.new("RGB", size, (120, 90, 60))
    exif = Image.Exif()
    exif[0x010F] = "Samsung"  # Make
    exif[0x0110] = "SM-A525F"  # Model
    if orientation:
        exif[0x0112] = orientation

    def dms(value: float):
        value = abs(value)
        d = int(value)
        m = int((value - d) * 60)
        s = round(((value - d) * 60 - m) * 60, 4)
        return (d, m, s)

    gps = exif.get_ifd(0x8825)
    gps[1] = "S" if lat < 0 else "N"
    gps[2] = dms(lat)
    gps[3] = "E" if lng >= 0 else "W"
    gps[4] = dms(lng)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    out.seek(0)
    out.name = "foto.jpg"
    return out


def run_photo_worker() -> int:
    """What `balai worker` does with the queued photos: re-encode and publish each one."""
    pending = ComplaintPhoto.objects.filter(state=ComplaintPhoto.State.PENDING)
    return sum(bool(photo_process(photo_id=pk)) for pk in pending.values_list("pk", flat=True))
