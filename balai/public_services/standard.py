"""The 14 components of a service standard (UU 25/2009 Pasal 21), split as PermenPANRB
15/2014 does into the six of service delivery and the eight of its making, and the
standard as plain text: what a version keeps, what the diff compares and what the
readiness check finds missing. Pure: reads a service's fields and prefetched rows."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

DELIVERY = "delivery"  # komponen penyampaian pelayanan (service delivery)
MANUFACTURING = "manufacturing"  # komponen pengelolaan pelayanan (its making)


@dataclass(frozen=True)
class Component:
    code: str
    label: object
    part: str


COMPONENTS = [
    Component("persyaratan", _("Requirements"), DELIVERY),
    Component("prosedur", _("System, mechanism and procedure"), DELIVERY),
    Component("waktu", _("Completion time"), DELIVERY),
    Component("biaya", _("Cost or tariff"), DELIVERY),
    Component("produk", _("Product of the service"), DELIVERY),
    Component("pengaduan", _("Handling of complaints, suggestions and input"), DELIVERY),
    Component("dasar_hukum", _("Legal basis"), MANUFACTURING),
    Component("sarana", _("Facilities, including for people with disabilities"),
              MANUFACTURING),
    Component("kompetensi", _("Competence of the officers"), MANUFACTURING),
    Component("pengawasan", _("Internal supervision"), MANUFACTURING),
    Component("jumlah_pelaksana", _("Number of officers"), MANUFACTURING),
    Component("jaminan_pelayanan", _("Service guarantee"), MANUFACTURING),
    Component("jaminan_keamanan", _("Security and safety guarantee"), MANUFACTURING),
    Component("evaluasi", _("Performance evaluation of the officers"), MANUFACTURING),
]
# What a version keeps besides the 14 components.
EXTRA = [
    ("nama", _("Name")),
    ("ringkasan", _("What it is for")),
    ("sk", _("Decree adopting the standard")),
    ("konsultasi", _("Public consultation")),
    ("lokasi", _("Where it is served")),
]
LABELS = {c.code: c.label for c in COMPONENTS} | dict(EXTRA)


def rupiah(amount) -> str:
    return "Rp" + f"{int(amount):,}".replace(",", ".")


def duration_text(service) -> str:
    if not service.duration_value:
        return ""
    return f"{service.duration_value} {service.get_duration_unit_display()}"


def fee_text(service) -> str:
    if service.fee_kind == "gratis":
        return pgettext("public service cost", "Free of charge")
    if service.fee_kind == "berbayar":
        if not service.fee_amount:  # a tariff by formula: the regulation says how
            return service.fee_legal_basis
        basis = f" ({service.fee_legal_basis})" if service.fee_legal_basis else ""
        return rupiah(service.fee_amount) + basis
    return ""


def snapshot(service) -> dict[str, str]:
    """The standard as text, one entry per component (and the extras): what a version
    stores. Lists are one line per item, so a diff shows the item that changed."""
    facilities = "\n".join(filter(None, [
        service.facilities,
        f"{_('For people with disabilities')}: {service.disability_facilities}"
        if service.disability_facilities else ""]))
    complaints = "\n".join(filter(None, [
        f"{_('Complaint category')}: {service.complaint_category.name}"
        if service.complaint_category_id else "",
        service.complaint_channels]))
    decree = " ".join(filter(None, [
        service.decree_number,
        service.decree_date.isoformat() if service.decree_date else ""]))
    consultation = "\n".join(filter(None, [
        service.consultation_date.isoformat() if service.consultation_date else "",
        service.consultation_record]))
    return {
        "nama": service.name,
        "ringkasan": service.summary,
        "persyaratan": "\n".join(str(r) for r in service.requirements.all()),
        "prosedur": "\n".join(f"{i}. {s.text}" for i, s in
                              enumerate(service.steps.all(), start=1)),
        "waktu": duration_text(service),
        "biaya": fee_text(service),
        "produk": service.product,
        "pengaduan": complaints,
        "dasar_hukum": service.legal_basis,
        "sarana": facilities,
        "kompetensi": service.competence,
        "pengawasan": service.supervision,
        "jumlah_pelaksana": str(service.officers_count or ""),
        "jaminan_pelayanan": service.service_guarantee,
        "jaminan_keamanan": service.safety_guarantee,
        "evaluasi": service.evaluation,
        "sk": decree,
        "konsultasi": consultation,
        "lokasi": "\n".join(" · ".join(filter(None, [str(loc), loc.address, loc.hours]))
                            for loc in service.locations.all()),
    }


def missing(snap: dict[str, str]) -> list[Component]:
    """The components the standard leaves empty."""
    return [c for c in COMPONENTS if not (snap.get(c.code) or "").strip()]


@dataclass(frozen=True)
class FieldDiff:
    code: str
    label: object
    lines: list[tuple[str, str]]  # ("-"|"+"|" ", text)


def diff(old: dict[str, str], new: dict[str, str]) -> list[FieldDiff]:
    """What changed between two versions, field by field, line by line."""
    changes = []
    for code, label in LABELS.items():
        a, b = (old.get(code) or "").splitlines(), (new.get(code) or "").splitlines()
        if a == b:
            continue
        lines = [(line[0], line[2:]) for line in difflib.ndiff(a, b) if line[0] in "-+ "]
        changes.append(FieldDiff(code, label, lines))
    return changes
