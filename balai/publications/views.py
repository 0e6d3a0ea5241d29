"""OPD news, announcements and agenda for citizens; the publication officers' pages; the
monthly publication score."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from balai.publications import forms, ics, score, selectors, services
from balai.publications.models import ComplianceItem, Publication

PER_PAGE = 20


def _zone_name() -> str:
    """The local zone's abbreviation (WIB, WITA, WIT) printed after agenda times."""
    return timezone.localtime().tzname() or ""


@require_GET
def news(request):
    form = forms.FilterForm(request.GET or None, agencies=selectors.publishing_agencies())
    code = kind = ""
    if form.is_valid():
        code, kind = form.cleaned_data["opd"], form.cleaned_data["jenis"]
    agency = selectors.agency_public(code) if code else None
    page = Paginator(selectors.news(agency=agency, kind=kind), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "publications/news.html", {
        "form": form, "page": page, "query": urlencode({"opd": code, "jenis": kind})})


@require_GET
def agency(request, code: str):
    agency = selectors.agency_public(code)
    page = Paginator(selectors.news(agency=agency), PER_PAGE).get_page(request.GET.get("page"))
    upcoming = list(selectors.agenda(agency=agency, upcoming=True)[:5])
    month = (selectors.snapshot_months() or [None])[0]
    return render(request, "publications/agency.html", {
        "agency": agency, "page": page, "upcoming": upcoming,
        "snapshot": selectors.snapshot_of(agency, month) if month else None,
        "tz_name": _zone_name()})


@require_GET
def post(request, code: str, slug: str):
    post = selectors.post_public(code, slug)
    can_edit = selectors.publication_scope(request.user).may_write(post.agency_id) \
        if request.user.is_authenticated else False
    return render(request, "publications/post.html", {"post": post, "can_edit": can_edit,
                                                      "tz_name": _zone_name()})


@require_GET
def agenda(request, code: str | None = None):
    agency = selectors.agency_public(code) if code else None
    upcoming = list(selectors.agenda(agency=agency, upcoming=True)[:60])
    past = Paginator(selectors.agenda(agency=agency, upcoming=False), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "publications/agenda.html", {
        "agency": agency, "upcoming": upcoming, "page": past, "tz_name": _zone_name()})


@require_GET
def agenda_ics(request, code: str | None = None):
    agency = selectors.agency_public(code) if code else None
    name = (_("Agenda %(opd)s") % {"opd": agency.name} if agency else _("Agenda OPD"))
    body = ics.calendar(selectors.agenda_all(agency=agency)[:500], name=name,
                        host=request.get_host().split(":")[0],
                        url_for=lambda p: request.build_absolute_uri(p.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="agenda-{code or "opd"}.ics"'
    return response


# --- the score -------------------------------------------------------------------------

def _month(request) -> date | None:
    months = selectors.snapshot_months()
    wanted = request.GET.get("bulan", "")
    if wanted:
        try:
            month = date.fromisoformat(f"{wanted}-01")
        except ValueError:
            raise Http404 from None
        return month
    return months[0] if months else None


@require_GET
def ranking(request):
    """Every OPD's publication score for a month, best first, with what each one lacks."""
    month = _month(request)
    rows = [(snap, [i["code"].replace("-", " ") for i in snap.items if not i["passed"]])
            for snap in (selectors.ranking(month) if month else [])]
    return render(request, "publications/ranking.html", {
        "month": month, "rows": rows, "months": selectors.snapshot_months()[:12],
        "items": selectors.rubric(), "news_days": score.NEWS_MAX_AGE_DAYS,
        "dip_days": score.DIP_MAX_AGE_DAYS})


@require_GET
def ranking_agency(request, code: str):
    agency = selectors.agency_public(code)
    month = _month(request)
    snapshot = selectors.snapshot_of(agency, month) if month else None
    reviews = selectors.reviews_of(agency, month) if month else {}
    items = [dict(i, review=reviews.get(i["code"])) for i in (snapshot.items if snapshot
                                                              else [])]
    return render(request, "publications/ranking_agency.html", {
        "agency": agency, "month": month, "snapshot": snapshot, "items": items,
        "history": selectors.agency_history(agency),
        "can_review": selectors.publication_scope(request.user).can_review})


# --- staff -----------------------------------------------------------------------------

def _scope_or_403(request):
    scope = selectors.publication_scope(request.user)
    if not scope.can_write:
        raise PermissionDenied
    return scope


@login_required
def staff_list(request):
    scope = _scope_or_403(request)
    page = Paginator(scope.publications().order_by("-publish_at", "-pk"), 30).get_page(
        request.GET.get("page"))
    return render(request, "publications/staff_list.html", {
        "page": page, "scope": scope, "now": timezone.now()})


@login_required
def staff_edit(request, pk: int | None = None):
    scope = _scope_or_403(request)
    publication = scope.publication(pk) if pk else Publication()
    if pk and publication.publish_at <= timezone.now() and publication.unpublished_at is None:
        return redirect("publications:staff_correct", pk)
    form = forms.PublicationForm(request.POST or None, request.FILES or None,
                                 instance=publication, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.publication_save(publication=form.instance, actor=request.user,
                                              image=form.cleaned_data.get("image_upload"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tersimpan: %(title)s") % {"title": saved.title})
            return redirect("publications:staff_list")
    return render(request, "publications/staff_edit.html", {
        "form": form, "publication": publication})


@login_required
def staff_correct(request, pk: int):
    scope = _scope_or_403(request)
    publication = scope.publication(pk)
    form = forms.CorrectionForm(request.POST or None, agenda=publication.kind == "agenda",
                                initial={"title": publication.title, "body": publication.body,
                                         "event_date": publication.event_date,
                                         "start_time": publication.start_time,
                                         "end_time": publication.end_time,
                                         "place": publication.place})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = services.publication_correct(
            publication=publication, actor=request.user, title=data["title"],
            body=data["body"], note=data["note"], event=form.event())
        return redirect(saved.get_absolute_url())
    return render(request, "publications/staff_correct.html", {
        "form": form, "publication": publication})


@login_required
def staff_unpublish(request, pk: int):
    scope = _scope_or_403(request)
    publication = scope.publication(pk)
    form = forms.UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.publication_unpublish(publication=publication, actor=request.user,
                                       reason=form.cleaned_data["reason"])
        messages.success(request, _("Ditarik: %(title)s") % {"title": publication.title})
        return redirect("publications:staff_list")
    return render(request, "publications/staff_unpublish.html", {
        "form": form, "publication": publication})


@login_required
def staff_review(request, code: str):
    """The editor's yes/no, evidence and note for each reviewer item of an OPD this month."""
    scope = selectors.publication_scope(request.user)
    if not scope.can_review:
        raise PermissionDenied
    agency = selectors.agency_public(code)
    month = score.month_start(timezone.localdate())
    current = selectors.reviews_of(agency, month)
    items = ComplianceItem.objects.filter(is_active=True,
                                          evaluation=ComplianceItem.Evaluation.REVIEWER)
    review_forms = []
    for item in items:
        found = current.get(item.code)
        initial = ({"passed": "ya" if found.passed else "tidak",
                    "evidence_url": found.evidence_url, "note": found.note} if found else {})
        review_forms.append(forms.ReviewForm(request.POST or None, item=item, initial=initial))
    if request.method == "POST" and all(f.is_valid() for f in review_forms):
        for f in review_forms:
            services.review_record(agency=agency, item=f.item, month=month,
                                   actor=request.user, **f.cleaned_data)
        services.score_snapshot_month(month=month, today=timezone.localdate(),
                                      actor=request.user)
        return redirect("publications:ranking_agency", agency.code)
    return render(request, "publications/staff_review.html", {
        "agency": agency, "month": month, "forms": review_forms})
