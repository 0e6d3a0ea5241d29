"""The service as a thing a complaint can be about (balai.core.assets, kind "layanan"):
"Adukan layanan ini" links to the complaint form with "aset=layanan:<id>", and the
complaint, once filed, is linked to the service by a ServiceReport row."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from balai.core.assets import Asset, AssetKind, register
from balai.core.audit import log_action
from balai.public_services.models import Service, ServiceReport

KIND = "layanan"


def ref(service: Service) -> str:
    return f"{KIND}:{service.pk}"


def _asset(service: Service) -> Asset:
    return Asset(ref=ref(service), heading=_("Public service"),
                 label=f"{service.name} · {service.agency}",
                 public_url=reverse("public_services:service",
                                    args=[service.agency.code, service.slug]),
                 staff_url=reverse("public_services:staff_edit", args=[service.pk]),
                 agency_code=service.agency.code, agency_name=service.agency.name)


def _service(code: str) -> Service | None:
    if not code.strip().isdigit():
        return None
    return (Service.objects.filter(pk=int(code), is_published=True)
            .select_related("agency").first())


def resolve(code: str) -> Asset | None:
    service = _service(code)
    return _asset(service) if service else None


def attach(code: str, case, actor) -> Asset | None:
    service = _service(code)
    if service is None:
        return None
    ServiceReport.objects.get_or_create(complaint_id=case.pk, defaults={"service": service})
    log_action(service, "public_services.complaint_linked", actor=actor,
               data={"complaint": case.code})
    return _asset(service)


def for_case(case) -> list[Asset]:
    return [_asset(link.service) for link in ServiceReport.objects.filter(
        complaint_id=case.pk).select_related("service__agency")]


def register_kind() -> None:
    register(AssetKind(kind=KIND, resolve=resolve, attach=attach, for_case=for_case))
