"""GeoReport v2 elements from our rows: what goes out, and nothing personal.

Nothing here reads `reporter_name`, `reporter_email`, `reporter_phone` or the secret: the
Open311 output is public (DESIGN.md §7), whatever the complaint's anonim flag says.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from balai.complaints.models import Category, Complaint
from balai.open311 import timeline
from balai.open311.formats import MIME_TYPES, end_of_office_day, w3c
from balai.open311.selectors import open311_status

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API's behaviour last changed (discovery `changeset`); bump with the code.
CHANGESET = "2026-12-04T00:00:00+00:00"


def discovery(request) -> dict:
    installation = settings.BALAI_INSTALLATION
    contact = ", ".join(part for part in (installation.get("office_name"),
                                          installation.get("pemda_name"),
                                          installation.get("email"),
                                          installation.get("phone")) if part)
    key_service = settings.OPEN311_KEY_SERVICE or _(
        "Ask %(office)s for an api_key: %(email)s") % {
        "office": installation.get("short_name", ""), "email": installation.get("email", "")}
    return {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": key_service,
        "endpoints": [{
            "specification": SPECIFICATION,
            "url": request.build_absolute_uri(reverse("open311:root")).rstrip("/"),
            "changeset": CHANGESET,
            "type": settings.OPEN311_ENDPOINT_TYPE,
            "formats": list(MIME_TYPES),
        }],
    }


def service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": bool(getattr(category, "has_attributes", False)),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group.name,
    }


def service_definition(category: Category, attributes) -> dict:
    return {"service_code": category.code, "attributes": [{
        "variable": a.variable,
        "code": a.code,
        "datatype": a.datatype,
        "required": a.required,
        "datatype_description": a.datatype_description,
        "order": a.order,
        "description": a.description,
        "values": [{"key": v.key, "name": v.name} for v in a.values.all()],
    } for a in attributes]}


def _agency(complaint: Complaint):
    if complaint.status == Complaint.Status.DITERUSKAN and complaint.forwarded_to_id:
        return complaint.forwarded_to
    return complaint.agency


def _status_notes(complaint: Complaint) -> str:
    S = Complaint.Status
    if complaint.status == S.DITERUSKAN and complaint.forwarded_to_id:
        note = _("Forwarded to %(agency)s.") % {"agency": complaint.forwarded_to.name}
        if complaint.external_reference:
            note += " " + _("Their reference: %(ref)s.") % {"ref": complaint.external_reference}
        return note
    if complaint.status in {S.SELESAI, S.DITUTUP} and complaint.answer:
        return complaint.answer
    if complaint.status == S.MENUNGGU_INFO:
        return _("Waiting for more information from the reporter.")
    return ""


def _updated(complaint: Complaint):
    if open311_status(complaint.status) == "closed":
        return complaint.closed_at or complaint.answered_at or complaint.updated_at
    return complaint.updated_at


def _expected(complaint: Complaint):
    if open311_status(complaint.status) == "closed":
        return None
    return end_of_office_day(complaint.followup_due or complaint.verify_due)


def _address(complaint: Complaint) -> str:
    parts = []
    if complaint.address:
        parts.append(complaint.address)
    if complaint.kelurahan_id:
        parts.append(_("Kelurahan %(name)s") % {"name": complaint.kelurahan.name})
    if complaint.kecamatan_id:
        parts.append(_("Kecamatan %(name)s") % {"name": complaint.kecamatan.name})
    return ", ".join(parts)


def _client_media_url(complaint: Complaint) -> str:
    """The media_url an Open311 client gave with the request, republished as it came."""
    submission = getattr(complaint, "open311_submission", None)
    return submission.media_url if submission is not None else ""


def photo_urls(request, complaint: Complaint) -> list[str]:
    return [request.build_absolute_uri(p.url)
            for p in getattr(complaint, "report_photos", None) or []]


def service_request(request, complaint: Complaint, *, notes=None) -> dict:
    """One `request`; with `notes` (extensions=true) also extended_attributes and notes."""
    agency = _agency(complaint)
    photos = photo_urls(request, complaint)
    item = {
        "service_request_id": complaint.code,
        "status": open311_status(complaint.status),
        "status_notes": _status_notes(complaint),
        "service_name": complaint.category.name,
        "service_code": complaint.category.code,
        "description": complaint.description,
        "agency_responsible": agency.name if agency else "",
        "service_notice": complaint.routing_explanation,
        "requested_datetime": w3c(complaint.submitted_at),
        "updated_datetime": w3c(_updated(complaint)),
        "expected_datetime": _expected(complaint),
        "address": _address(complaint),
        "address_id": "",
        "zipcode": "",
        "lat": complaint.lat,
        "long": complaint.lng,
        "media_url": photos[0] if photos else _client_media_url(complaint),
    }
    if notes is not None:
        item["extended_attributes"] = {
            "title": complaint.title,
            "channel": complaint.channel,
            "kelurahan": complaint.kelurahan.name if complaint.kelurahan_id else "",
            "kecamatan": complaint.kecamatan.name if complaint.kecamatan_id else "",
            "supporters_count": complaint.supporters_count,
            "photos": photos,
        }
        item["notes"] = [{"datetime": w3c(e.created_at), "description": timeline.label(e.action),
                          "type": timeline.note_type(e.action)} for e in notes]
    return item


def request_update(entry, complaint: Complaint) -> dict:
    """mySociety's `request_update`: one public timeline entry, never its private data."""
    return {
        "update_id": str(entry.pk),
        "service_request_id": complaint.code,
        "status": timeline.extended_status(entry.action),
        "updated_datetime": w3c(entry.created_at),
        "description": timeline.label(entry.action),
        "media_url": "",
        "external_status_code": timeline.note_type(entry.action),
    }


def posted_update(update) -> dict:
    """The answer to a POSTed update: our id for it (the same on a retry)."""
    return {"update_id": str(update.pk), "service_request_id": update.complaint.code}


def service_notice(complaint: Complaint) -> str:
    return _("Received as %(code)s. The complaint desk verifies it within %(days)s working "
             "days.") % {"code": complaint.code, "days": complaint.category.sla_verify_days}


def posted_request(complaint: Complaint, *, account_id: str) -> dict:
    """The POST response's `request`: our id (realtime, no token), a notice, their account."""
    return {"service_request_id": complaint.code, "service_notice": service_notice(complaint),
            "account_id": account_id or None}
