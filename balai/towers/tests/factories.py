"""Test data for the tower service: points in Kota Malang."""

from __future__ import annotations

from decimal import Decimal

from balai.towers.models import Tower, TowerCompany, Zone

# Alun-alun Merdeka, Kecamatan Klojen, and Bandara Abdul Rachman Saleh's runway (Kab. Malang,
# east of the city).
ALUN_ALUN = (-7.98265, 112.63085)
SUHAT = (-7.94095, 112.61925)  # Jalan Soekarno-Hatta, Lowokwaru
AIRPORT = (-7.92656, 112.71451)


def company(name: str = "PT Menara Bersama Nusantara", **extra) -> TowerCompany:
    values = {"nib": "9120001234567", "contact_name": "Andi Wijaya",
              "contact_phone": "081234500001"}
    values.update(extra)
    return TowerCompany.objects.get_or_create(name=name, defaults=values)[0]


def tower(code: str = "MLG-0001", *, at=SUHAT, **extra) -> Tower:
    values = {"name": "Site Suhat", "lat": at[0], "lng": at[1], "site_type": "sst",
              "height_m": Decimal("42"), "year_built": 2015, "status": Tower.Status.ACTIVE}
    values.update(extra)
    values.setdefault("company", company())
    return Tower.objects.create(code=code, **values)


def circle_zone(name: str, kind: str, centre, radius_m: int, *, cap=None,
                source: str = "Perwal Malang 10/2016") -> Zone:
    return Zone.objects.create(name=name, kind=kind, centre_lat=centre[0], centre_lng=centre[1],
                               radius_m=radius_m, max_height_m=cap, legal_source=source)


def square(lat: float, lng: float, half_deg: float) -> dict:
    return {"type": "Polygon", "coordinates": [[
        [lng - half_deg, lat - half_deg], [lng + half_deg, lat - half_deg],
        [lng + half_deg, lat + half_deg], [lng - half_deg, lat + half_deg],
        [lng - half_deg, lat - half_deg]]]}
