"""Reads of the service directory, scoped by who asks (STYLE.md rule 4)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from balai.accounts.models import Role
from balai.agencies.models import Agency, Membership
from balai.public_services import readiness, search, skm, standard
from balai.public_services.models import Service, ServiceLocation, ServiceReport, SkmResponse


@dataclass(frozen=True)
class PortalScope:
    """Which OPDs' public pages a user edits: a publication officer their own OPD's, a
    publication officer of the editor OPD (Diskominfo) and an administrator every one."""

    agency_ids: frozenset[int] | None  # None: every agency
    is_editor: bool

    @property
    def can_edit(self) -> bool:
        return self.agency_ids is None or bool(self.agency_ids)

    def agencies(self) -> QuerySet[Agency]:
        qs = Agency.objects.filter(is_active=True)
        return qs if self.agency_ids is None else qs.filter(pk__in=self.agency_ids)

    def services(self) -> QuerySet[Service]:
        qs = Service.objects.select_related("agency")
        return qs if self.agency_ids is None else qs.filter(agency_id__in=self.agency_ids)

    def may_edit(self, service: Service) -> bool:
        return self.agency_ids is None or service.agency_id in self.agency_ids

    def service(self, pk: int) -> Service:
        """The service to edit; another OPD's is as good as absent (404)."""
        found = self.services().filter(pk=pk).first()
        if found is None:
            raise Http404
        return found


def portal_scope(user) -> PortalScope:
    if not getattr(user, "is_authenticated", False):
        return PortalScope(frozenset(), False)
    if user.is_superuser or user.role == Role.ADMIN:
        return PortalScope(None, True)
    places = list(Membership.objects.filter(
        user=user, role=Membership.Role.PUBLICATION_OFFICER,
        agency__is_active=True).values_list("agency_id", "agency__code"))
    if any(code == settings.PORTAL_EDITOR_AGENCY for _pk, code in places):
        return PortalScope(None, True)
    return PortalScope(frozenset(pk for pk, _code in places), False)


def _public() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True, agency__is_active=True)


def agencies_with_services() -> QuerySet[Agency]:
    """The directory's front page: every OPD and outside body with published services."""
    return (Agency.objects.filter(is_active=True)
            .annotate(n_services=Count("public_services",
                                       filter=Q(public_services__is_published=True)))
            .filter(n_services__gt=0).order_by("is_external", "name"))


def agency_public(code: str) -> Agency:
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise Http404
    return agency


def services_of(agency: Agency) -> QuerySet[Service]:
    return _public().filter(agency=agency).order_by("name")


def service_public(agency_code: str, slug: str) -> Service:
    """A published service with everything its page shows, in a fixed number of queries."""
    service = (_public().select_related("agency", "complaint_category")
               .prefetch_related("requirements__document_type", "steps",
                                 Prefetch("locations", ServiceLocation.objects.order_by("pk")))
               .filter(agency__code=agency_code, slug=slug).first())
    if service is None:
        raise Http404
    return service


def service_search(query: str) -> list[Service]:
    """Published services answering the query, best first (synonyms: search.py)."""
    rows = _public().values_list("pk", "name", "search_text")
    ids = search.rank(query, rows)
    found = _public().select_related("agency").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _with_standard(qs: QuerySet[Service]) -> QuerySet[Service]:
    return (qs.select_related("agency", "complaint_category")
            .prefetch_related("requirements__document_type", "steps",
                              Prefetch("locations", ServiceLocation.objects.order_by("pk"))))


def services_with_standard(agency: Agency | None = None) -> QuerySet[Service]:
    """Published services with every row their standard is made of (for the readiness
    report and the HSDS export), in a fixed number of queries."""
    qs = _public() if agency is None else _public().filter(agency=agency)
    return _with_standard(qs).order_by("agency__name", "name")


def readiness_of(service: Service, *, today):
    return readiness.assess(standard.snapshot(service), decree_date=service.decree_date,
                            consultation_date=service.consultation_date, today=today)


def readiness_by_agency(*, today) -> list[tuple[Agency, readiness.AgencyReadiness]]:
    """Every agency with published services and its services' readiness taken together,
    weakest first."""
    per_agency: dict[int, tuple[Agency, list]] = {}
    for service in services_with_standard():
        entry = per_agency.setdefault(service.agency_id, (service.agency, []))
        entry[1].append(readiness_of(service, today=today))
    rows = [(agency, readiness.summarise(items)) for agency, items in per_agency.values()]
    return sorted(rows, key=lambda row: (row[1].score, row[0].name))


def skm_years() -> list[int]:
    """The years with survey answers, newest first."""
    return list(SkmResponse.objects.order_by("-year").values_list("year", flat=True)
                .distinct())


@dataclass
class SkmRow:
    """The survey's figures for an OPD or one of its services in one year."""

    respondents: int
    sums: list[int]
    index: skm.Index | None
    service: Service | None = None
    agency: Agency | None = None
    services: list[SkmRow] | None = None
    complaint_only: int = 0  # answers after complaints about no listed service


def _skm_row(sums: list[int], n: int, **kwargs) -> SkmRow:
    return SkmRow(respondents=n, sums=sums, index=skm.index_from_sums(sums, n), **kwargs)


def skm_year(year: int) -> list[SkmRow]:
    """Each OPD with answers in `year`: its index over all of them (its services' and its
    complaint handling's), and each of its services' own; OPDs by name. One grouped read."""
    groups = (SkmResponse.objects.filter(year=year).values("agency_id", "service_id")
              .annotate(n=Count("id"), **{f"s{c}": Sum(c) for c in skm.CODES})
              .order_by())
    per_agency: dict[int, list[tuple[int | None, list[int], int]]] = {}
    for g in groups:
        per_agency.setdefault(g["agency_id"], []).append(
            (g["service_id"], [g[f"s{c}"] for c in skm.CODES], g["n"]))
    agencies = Agency.objects.in_bulk(list(per_agency))
    services = Service.objects.in_bulk([sid for rows in per_agency.values()
                                        for sid, _s, _n in rows if sid])
    out = []
    for agency_id, rows in per_agency.items():
        total = [sum(col) for col in zip(*(s for _sid, s, _n in rows), strict=True)]
        row = _skm_row(total, sum(n for _sid, _s, n in rows), agency=agencies[agency_id],
                       services=[])
        row.services = sorted((_skm_row(s, n, service=services[sid])
                               for sid, s, n in rows if sid),
                              key=lambda r: r.service.name)
        row.complaint_only = sum(n for sid, _s, n in rows if sid is None)
        out.append(row)
    return sorted(out, key=lambda r: r.agency.name)


def skm_of_service(service: Service, year: int) -> SkmRow:
    found = (SkmResponse.objects.filter(service=service, year=year)
             .aggregate(n=Count("id"), **{f"s{c}": Sum(c) for c in skm.CODES}))
    n = found["n"]
    return _skm_row([found[f"s{c}"] or 0 for c in skm.CODES] if n else [0] * 9, n,
                    service=service)


def service_of_complaint(complaint) -> Service | None:
    """The listed service a complaint was filed about ("Adukan layanan ini"), if any."""
    link = (ServiceReport.objects.filter(complaint_id=complaint.pk)
            .select_related("service__agency").first())
    return link.service if link else None
