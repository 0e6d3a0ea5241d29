"""The staff pages: outlets, the verification queue and the verification page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail, log_action
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.media_partnerships import forms, selectors, services
from balai.media_partnerships.files import SUFFIX
from balai.media_partnerships.models import Application
from balai.media_partnerships.views._common import (
    media_staff,
    outlet_team,
    private_file_response,
    query_without_page,
)


@login_required
def staff_home(request):
    scope = media_staff(request)
    if scope.sees_outlets:
        return redirect("media_partnerships:applications")
    return redirect("media_partnerships:orders")


@login_required
def outlets(request):
    scope = outlet_team(request)
    q = request.GET.get("q", "")
    qs = selectors.outlet_list_for(scope=scope, q=q)
    return render(request, "media_partnerships/staff_outlets.html", {
        "page": page_of(qs, request), "q": q, "query": query_without_page(request),
        "today": timezone.localdate()})


@login_required
def outlet_detail(request, pk: int):
    scope = outlet_team(request)
    outlet = selectors.outlet_get_for(scope=scope, pk=pk)
    return render(request, "media_partnerships/staff_outlet.html", {
        "outlet": outlet, "scope": scope, "journalists": selectors.journalists_of(outlet),
        "documents": outlet.documents.all(), "today": timezone.localdate(),
        "applications": selectors.outlet_applications(outlet),
        "timeline": audit_trail(outlet)})


@login_required
@require_POST
def outlet_link_reset(request, pk: int):
    """The media officer issues a new private link (the old one stops working) and sees it
    once, to hand to the outlet."""
    scope = outlet_team(request)
    if not scope.is_officer:
        raise PermissionDenied
    outlet = selectors.outlet_get_for(scope=scope, pk=pk)
    secret = services.outlet_link_reset(outlet=outlet, actor=request.user)
    link = request.build_absolute_uri(
        reverse("media_partnerships:portal", args=[outlet.pk]) + f"?k={secret}")
    return render(request, "media_partnerships/staff_link.html", {"outlet": outlet,
                                                                  "link": link})


@login_required
def outlet_document(request, pk: int, doc: int):
    """An outlet's paper, for the media officer and the team only; the opening is audited."""
    scope = outlet_team(request)
    outlet = selectors.outlet_get_for(scope=scope, pk=pk)
    document = outlet.documents.filter(pk=doc).first()
    if document is None:
        raise Http404
    with transaction.atomic():
        log_action(outlet, "media_partnerships.document_viewed", actor=request.user,
                   data={"document": document.pk, "kind": document.kind})
    return private_file_response(
        document.file.open("rb"), content_type=document.content_type,
        filename=f"{document.kind}-{document.pk}.{SUFFIX[document.content_type]}")


@login_required
def applications(request):
    scope = outlet_team(request)
    status = request.GET.get("status", "")
    if status not in Application.Status.values:
        status = ""
    qs = selectors.application_list_for(scope=scope, status=status)
    return render(request, "media_partnerships/staff_applications.html", {
        "page": page_of(qs, request), "status": status,
        "statuses": Application.Status.choices, "query": query_without_page(request)})


def _verification_page(request, scope, application, *, bound=None, status=200):
    items = list(application.items.all())
    offered = {t.action: t for t in scope.actions(application)}
    score_forms = [(item, bound if bound is not None and getattr(bound, "item_pk", None)
                    == item.pk else forms.ItemScoreForm.for_item(item)) for item in items]
    decision_form = bound if isinstance(bound, forms.DecisionForm) else forms.DecisionForm()
    return_form = bound if isinstance(bound, forms.ReturnForm) else forms.ReturnForm()
    return render(request, "media_partnerships/staff_application.html", {
        "application": application, "outlet": application.outlet, "items": score_forms,
        "offered": offered, "decision_form": decision_form, "return_form": return_form,
        "unmet": services.refusal_reasons(items),
        "journalists": selectors.journalists_of(application.outlet),
        "documents": application.outlet.documents.all(),
        "timeline": audit_trail(application), "today": timezone.localdate()},
        status=status)


@login_required
def application_detail(request, pk: int):
    """The verification page: the checklist with the automatic findings, the team's
    verdicts and scores, and the decision."""
    scope = outlet_team(request)
    application = selectors.application_get_for(scope=scope, pk=pk)
    return _verification_page(request, scope, application)


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    scope = outlet_team(request)
    application = selectors.application_get_for(scope=scope, pk=pk)
    if action not in {t.action for t in scope.actions(application)} | {"score"}:
        messages.error(request, _("This action is not available on this application now."))
        return redirect("media_partnerships:application", pk=pk)
    form = None
    try:
        if action == "review":
            services.application_review(application=application, actor=request.user)
        elif action == "score":
            item = application.items.filter(pk=request.POST.get("item")).first()
            if item is None:
                raise Http404
            form = forms.ItemScoreForm(request.POST, prefix=f"item{item.pk}")
            form.item_pk = item.pk
            if not form.is_valid():
                raise ValidationError(_("Check the item's verdict and score."))
            services.application_item_score(item=item, met=form.verdict(),
                                            score=form.cleaned_data["score"],
                                            note=form.cleaned_data["note"], actor=request.user)
        elif action == "return":
            form = forms.ReturnForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Tell the outlet what to correct."))
            services.application_return(application=application,
                                        note=form.cleaned_data["note"], actor=request.user)
        elif action in ("verify", "refuse"):
            form = forms.DecisionForm(request.POST)
            form.is_valid()
            services.application_decide(application=application, verified=action == "verify",
                                        tier=form.cleaned_data.get("tier", ""),
                                        note=form.cleaned_data.get("note", ""),
                                        actor=request.user)
    except ValidationError as exc:
        if form is None:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("media_partnerships:application", pk=pk)
        apply_service_errors(form, exc)
        application = selectors.application_get_for(scope=scope, pk=pk)
        return _verification_page(request, scope, application, bound=form, status=400)
    messages.success(request, _("Saved."))
    return redirect("media_partnerships:application", pk=pk)

