"""The directory in Open Referral's Human Services Data Specification (HSDS) 3.0: each
service as the specification's compiled `service` object (with its organization, required
documents, cost options and places served), and the same rows as HSDS's tabular CSV files.

Identifiers are UUIDs derived from balai's row ids (uuid5), so an export taken twice names
the same service the same way and a consumer can update rather than duplicate. Empty
fields are left out, never sent as null: HSDS types them as strings and numbers.
"""

from __future__ import annotations

import csv
import io
import uuid

from django.conf import settings
from django.urls import reverse

from balai.public_services import standard

NAMESPACE = uuid.UUID("6f1c1c1e-0d5b-4d8a-9a43-62b1a1a0b018")  # balai's, fixed forever
TABLES = {
    "organizations": ["id", "name", "alternate_name", "description", "email", "website"],
    "services": ["id", "organization_id", "name", "alternate_name", "description", "url",
                 "status", "application_process", "fees_description", "wait_time",
                 "licenses", "last_modified"],
    "locations": ["id", "location_type", "organization_id", "name", "description",
                  "latitude", "longitude"],
    "service_at_locations": ["id", "service_id", "location_id", "description"],
    "required_documents": ["id", "service_id", "document"],
    "cost_options": ["id", "service_id", "option", "currency", "amount",
                     "amount_description"],
    "schedules": ["id", "service_at_location_id", "description"],
}


def hsds_id(kind: str, pk) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{settings.SITE_URL}/{kind}/{pk}"))


def _clean(row: dict) -> dict:
    return {k: v for k, v in row.items() if v not in ("", None, [])}


def organization(agency) -> dict:
    return _clean({
        "id": hsds_id("agency", agency.pk), "name": agency.name,
        "alternate_name": agency.short_name,
        # HSDS requires a description; an agency row has none of its own.
        "description": agency.name + (f", {agency.address}" if agency.address else ""),
        "email": agency.email, "website": agency.website})


def _location(place, agency) -> dict:
    return _clean({
        "id": hsds_id("location", place.pk), "location_type": "physical",
        "organization_id": hsds_id("agency", agency.pk),
        "name": " ".join(filter(None, [place.name, place.counter])),
        "description": place.address,
        "latitude": float(place.lat) if place.lat is not None else None,
        "longitude": float(place.lng) if place.lng is not None else None})


def _service_at_location(place, service) -> dict:
    sal_id = hsds_id("service_at_location", place.pk)
    schedules = [_clean({"id": hsds_id("schedule", place.pk), "service_at_location_id": sal_id,
                         "description": place.hours})] if place.hours else []
    return _clean({"id": sal_id, "service_id": hsds_id("service", service.pk),
                   "location_id": hsds_id("location", place.pk),
                   "description": place.counter, "schedules": schedules,
                   "location": _location(place, service.agency)})


def _cost_options(service) -> list[dict]:
    if service.fee_kind == "gratis":
        return [{"id": hsds_id("cost", service.pk), "service_id": hsds_id("service", service.pk),
                 "option": "Gratis", "currency": "IDR", "amount": 0}]
    if service.fee_kind == "berbayar":
        return [_clean({"id": hsds_id("cost", service.pk),
                        "service_id": hsds_id("service", service.pk), "option": "Tarif",
                        "currency": "IDR",
                        "amount": float(service.fee_amount) if service.fee_amount else None,
                        "amount_description": service.fee_legal_basis})]
    return []


def service(service) -> dict:
    """One service as HSDS's compiled `service` (prefetched rows: requirements with their
    document types, steps, locations; the agency selected)."""
    sid = hsds_id("service", service.pk)
    url = settings.SITE_URL + reverse("public_services:service",
                                      args=[service.agency.code, service.slug])
    return _clean({
        "id": sid, "organization_id": hsds_id("agency", service.agency_id),
        "name": service.name, "alternate_name": service.keywords,
        "description": service.summary or service.name, "url": url,
        "status": "active" if service.is_published else "inactive",
        "application_process": "\n".join(f"{i}. {s.text}" for i, s in
                                         enumerate(service.steps.all(), start=1)),
        "fees_description": standard.fee_text(service),
        "wait_time": standard.duration_text(service),
        "licenses": service.decree_number,
        "last_modified": service.updated_at.isoformat(),
        "organization": organization(service.agency),
        "required_documents": [_clean({"id": hsds_id("requirement", r.pk), "service_id": sid,
                                       "document": str(r)}) for r in service.requirements.all()],
        "cost_options": _cost_options(service),
        "service_at_locations": [_service_at_location(p, service)
                                 for p in service.locations.all()],
    })


def tables(services) -> dict[str, list[dict]]:
    """The same services as HSDS's tabular form: one list of rows per CSV file."""
    out = {name: [] for name in TABLES}
    seen_agencies = set()
    for s in services:
        item = service(s)
        if s.agency_id not in seen_agencies:
            seen_agencies.add(s.agency_id)
            out["organizations"].append(item["organization"])
        out["services"].append(item)
        out["required_documents"] += item.get("required_documents", [])
        out["cost_options"] += item.get("cost_options", [])
        for sal in item.get("service_at_locations", []):
            out["locations"].append(sal["location"])
            out["service_at_locations"].append(sal)
            out["schedules"] += sal.get("schedules", [])
    return out


def csv_text(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
