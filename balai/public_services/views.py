"""The service directory's pages: GOV.UK start pages for citizens, the standard's editor
for each OPD's publication officer."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from balai.complaints.questionnaire import fixed_check_by_token
from balai.core.ratelimit import client_ip, hit
from balai.public_services import (
    assets,
    forms,
    hsds,
    readiness,
    selectors,
    services,
    skm,
    standard,
)
from balai.public_services.models import Service, SkmResponse

PER_PAGE = 20


def complaint_link(service: Service) -> str:
    """The complaint form about this service: its category chosen, the service (and so its
    OPD) attached as the complaint's subject, a title naming both. A link, not an import."""
    try:
        base = reverse("complaints:report")
    except NoReverseMatch:
        return ""
    query = {"aset": assets.ref(service),
             "title": _("Service %(service)s at %(agency)s") % {
                 "service": service.name, "agency": service.agency}}
    if service.complaint_category_id:
        query["kategori"] = service.complaint_category.code
    return base + "?" + urlencode(query)


@require_GET
def index(request):
    form = forms.SearchForm(request.GET or None)
    agencies = list(selectors.agencies_with_services())
    return render(request, "public_services/index.html", {
        "form": form,
        "agencies": [a for a in agencies if not a.is_external],
        "outside": [a for a in agencies if a.is_external]})


@require_GET
def search(request):
    form = forms.SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = selectors.service_search(query) if query else []
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "public_services/search.html", {
        "form": form, "query": query, "page": page,
        "page_query": urlencode({"q": query})})


@require_GET
def agency(request, code: str):
    agency = selectors.agency_public(code)
    page = Paginator(selectors.services_of(agency), 50).get_page(request.GET.get("page"))
    return render(request, "public_services/agency.html", {"agency": agency, "page": page})


def _service_context(agency_code: str, slug: str) -> dict:
    service = selectors.service_public(agency_code, slug)
    snap = standard.snapshot(service)
    return {"service": service, "missing": standard.missing(snap),
            "duration": standard.duration_text(service), "fee": standard.fee_text(service),
            "legal_basis": [line for line in service.legal_basis.splitlines() if line.strip()]}


@require_GET
def service(request, agency_code: str, slug: str):
    context = _service_context(agency_code, slug)
    context["complaint_url"] = complaint_link(context["service"])
    last_year = timezone.localdate().year - 1
    context["skm"] = selectors.skm_of_service(context["service"], last_year)
    context["skm_year"] = last_year
    context["can_edit"] = selectors.portal_scope(request.user).may_edit(context["service"])
    return render(request, "public_services/service.html", context)


@require_GET
def checklist(request, agency_code: str, slug: str):
    """The printable "yang harus dibawa" list: the documents, where and when."""
    return render(request, "public_services/checklist.html",
                  _service_context(agency_code, slug))


@require_GET
def versions(request, agency_code: str, slug: str):
    service = selectors.service_public(agency_code, slug)
    history = list(service.versions.select_related("actor").order_by("-number"))
    numbers = [v.number for v in history]
    try:
        new = int(request.GET.get("b", numbers[0] if numbers else 0))
        old = int(request.GET.get("a", new - 1))
    except ValueError:
        raise Http404 from None
    by_number = {v.number: v for v in history}
    changes = None
    if old in by_number and new in by_number:
        changes = standard.diff(by_number[old].snapshot, by_number[new].snapshot)
    return render(request, "public_services/versions.html", {
        "service": service, "history": history, "old": by_number.get(old),
        "new": by_number.get(new), "changes": changes})


def _scope_or_403(request):
    scope = selectors.portal_scope(request.user)
    if not scope.can_edit:
        raise PermissionDenied
    return scope


@login_required
def staff_list(request):
    scope = _scope_or_403(request)
    services_ = scope.services().prefetch_related(
        "requirements__document_type", "steps", "locations").select_related(
        "complaint_category").order_by("agency__name", "name")
    page = Paginator(services_, 50).get_page(request.GET.get("page"))
    rows = [(s, standard.missing(standard.snapshot(s))) for s in page]
    return render(request, "public_services/staff_list.html", {
        "page": page, "rows": rows, "scope": scope})


@login_required
def staff_edit(request, pk: int | None = None):
    scope = _scope_or_403(request)
    service = scope.service(pk) if pk else Service()
    form = forms.ServiceForm(request.POST or None, instance=service, scope=scope)
    places = forms.location_formset(request.POST or None, service)
    if request.method == "POST" and all([form.is_valid(), places.is_valid()]):
        saved = services.service_save(service=form.instance,
                                      rows=form.rows(places.places()),
                                      note=form.cleaned_data["change_note"],
                                      actor=request.user)
        return redirect("public_services:service", saved.agency.code, saved.slug)
    return render(request, "public_services/staff_edit.html", {
        "form": form, "places": places, "service": service})


@require_GET
def readiness_report(request):
    """Each OPD's readiness for an Ombudsman compliance assessment, weakest first."""
    rows = selectors.readiness_by_agency(today=timezone.localdate())
    return render(request, "public_services/readiness.html", {
        "rows": rows, "zones": readiness.ZONES, "review_years": readiness.REVIEW_YEARS})


@require_GET
def readiness_agency(request, code: str):
    agency = selectors.agency_public(code)
    today = timezone.localdate()
    rows = [(s, selectors.readiness_of(s, today=today))
            for s in selectors.services_with_standard(agency)]
    rows.sort(key=lambda row: (row[1].score, row[0].name))
    return render(request, "public_services/readiness_agency.html", {
        "agency": agency, "rows": rows,
        "summary": readiness.summarise([r for _s, r in rows])})


@require_GET
def hsds_json(request):
    """Every published service as HSDS 3.0 `service` objects, in the specification's
    paginated list shape."""
    items = [hsds.service(s) for s in selectors.services_with_standard()]
    body = {"total_items": len(items), "total_pages": 1, "page_number": 1,
            "size": len(items), "first_page": True, "last_page": True,
            "empty": not items, "contents": items}
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'inline; filename="layanan-hsds.json"'
    return response


@require_GET
def hsds_csv(request, table: str):
    if table not in hsds.TABLES:
        raise Http404
    rows = hsds.tables(selectors.services_with_standard())[table]
    response = HttpResponse(hsds.csv_text(rows, hsds.TABLES[table]),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table}.csv"'
    return response


# --- the satisfaction survey (SKM, PermenPANRB 14/2017) ---------------------------------

SKM_SESSION = "skm_respondent"


def _skm_form(request, *, agency, service, identity: str, channel: str, done_url: str,
              context: dict):
    form = forms.SkmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not hit(f"skm:{client_ip(request)}", limit=settings.SKM_ANSWERS_PER_HOUR,
                   window_s=3600):
            messages.error(request, _("Too many questionnaires from your connection in the "
                                      "last hour. Try again later."))
            return redirect(done_url)
        try:
            services.skm_response_submit(
                agency=agency, service=service, scores=form.scores(), identity=identity,
                channel=channel, today=timezone.localdate(),
                profile={f.name: form.cleaned_data[f.name] for f in form.profile()},
                actor=request.user if request.user.is_authenticated else None)
        except ValidationError as exc:
            if getattr(exc, "code", None) != "already_answered":
                raise
            messages.info(request, exc.messages[0])
            return redirect(done_url)
        messages.success(request, _("Thank you: your answers were recorded. The results "
                                    "are published every year."))
        return redirect(done_url)
    return render(request, "public_services/skm_form.html",
                  {"form": form, "agency": agency, "service": service,
                   "year": timezone.localdate().year, **context},
                  status=400 if request.method == "POST" else 200)


def skm_rate(request, agency_code: str, slug: str):
    """"Nilai layanan ini": the nine questions about one service, once a year per browser
    session (nothing else about the respondent is kept)."""
    service = selectors.service_public(agency_code, slug)
    if SKM_SESSION not in request.session:
        request.session[SKM_SESSION] = uuid.uuid4().hex
    back = reverse("public_services:service", args=[agency_code, slug])
    return _skm_form(request, agency=service.agency, service=service,
                     identity=f"sesi:{request.session[SKM_SESSION]}",
                     channel=SkmResponse.Channel.SERVICE_PAGE, done_url=back,
                     context={"back": back})


def skm_complaint(request, token: str):
    """The survey offered after a complaint is closed (from its "sudah beres?" link): about
    the service it was about, or else the OPD that handled it; once per complaint a year."""
    check = fixed_check_by_token(token)
    if check is None or check.complaint.agency_id is None:
        raise Http404
    complaint = check.complaint
    service = selectors.service_of_complaint(complaint)
    back = reverse("complaints:track_detail", args=[complaint.code])
    return _skm_form(request, agency=service.agency if service else complaint.agency,
                     service=service, identity=f"aduan:{complaint.code}",
                     channel=SkmResponse.Channel.COMPLAINT, done_url=back,
                     context={"back": back, "complaint": complaint})


@require_GET
def skm_latest(request):
    years = selectors.skm_years()
    return redirect("public_services:skm_year", years[0] if years
                    else timezone.localdate().year)


@require_GET
def skm_year(request, year: int):
    """The yearly SKM results per OPD and per service, with the method, published."""
    this_year = timezone.localdate().year
    if not 2017 <= year <= this_year:  # PermenPANRB 14/2017
        raise Http404
    rows = selectors.skm_year(year)
    return render(request, "public_services/skm_year.html", {
        "year": year, "rows": rows, "years": selectors.skm_years(),
        "this_year": this_year, "elements": skm.ELEMENTS, "grades": skm.grade_bands(),
        "minimum": skm.MIN_RESPONDENTS,
        "total": sum(r.respondents for r in rows)})
