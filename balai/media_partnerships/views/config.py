"""The media officer's pages: verification rounds with their checklists, and the yearly
rate card with its items (Django admin stays for the system administrator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.media_partnerships import forms, services
from balai.media_partnerships.models import RateCard, Requirement, VerificationRound
from balai.media_partnerships.views._common import media_officer


def _saved(form, call) -> bool:
    """Run the service on a valid form; its refusals become the form's errors."""
    if not form.is_valid():
        return False
    try:
        call()
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return False
    return True


@login_required
def rounds(request):
    scope = media_officer(request)
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST":
        made = {}
        if _saved(form, lambda: made.setdefault("round", services.verification_round_save(
                data=form.round_data(), actor=request.user))):
            messages.success(request, _("Round opened. Add its checklist."))
            return redirect("media_partnerships:round", pk=made["round"].pk)
    qs = VerificationRound.objects.all()
    return render(request, "media_partnerships/rounds.html", {
        "scope": scope, "page": page_of(qs, request), "form": form},
        status=400 if form.errors else 200)


def _round_page(request, scope, round_, *, form=None, requirement_form=None, status=200):
    initial = {name: getattr(round_, name) for name in forms.RoundForm.base_fields}
    return render(request, "media_partnerships/round.html", {
        "scope": scope, "round": round_, "form": form or forms.RoundForm(initial=initial),
        "requirement_form": requirement_form or forms.RequirementForm(initial={
            "order": (round_.requirements.count() + 1) * 10}),
        "requirements": round_.requirements.all(),
        "applied": round_.applications.count(), "timeline": audit_trail(round_)},
        status=status)


@login_required
def round_detail(request, pk: int):
    scope = media_officer(request)
    round_ = get_object_or_404(VerificationRound, pk=pk)
    if request.method != "POST":
        return _round_page(request, scope, round_)
    form = forms.RoundForm(request.POST)
    if _saved(form, lambda: services.verification_round_save(
            data=form.round_data(), round_=round_, actor=request.user)):
        messages.success(request, _("Round saved."))
        return redirect("media_partnerships:round", pk=pk)
    return _round_page(request, scope, round_, form=form, status=400)


@login_required
@require_POST
def requirement_add(request, pk: int):
    scope = media_officer(request)
    round_ = get_object_or_404(VerificationRound, pk=pk)
    form = forms.RequirementForm(request.POST)
    if _saved(form, lambda: services.requirement_save(
            round_=round_, data=form.requirement_data(), actor=request.user)):
        messages.success(request, _("Checklist item added."))
        return redirect("media_partnerships:round", pk=pk)
    return _round_page(request, scope, round_, requirement_form=form, status=400)


@login_required
def requirement_edit(request, pk: int, req: int):
    scope = media_officer(request)
    requirement = get_object_or_404(Requirement.objects.select_related("round"), pk=req,
                                    round_id=pk)
    initial = {name: getattr(requirement, name) for name in forms.RequirementForm.base_fields}
    form = forms.RequirementForm(request.POST or None, initial=initial)
    if request.method == "POST" and _saved(form, lambda: services.requirement_save(
            round_=requirement.round, requirement=requirement,
            data=form.requirement_data(), actor=request.user)):
        messages.success(request, _("Checklist item saved."))
        return redirect("media_partnerships:round", pk=pk)
    return render(request, "media_partnerships/requirement_form.html", {
        "scope": scope, "round": requirement.round, "requirement": requirement,
        "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def requirement_remove(request, pk: int, req: int):
    media_officer(request)
    requirement = get_object_or_404(Requirement.objects.select_related("round"), pk=req,
                                    round_id=pk)
    try:
        services.requirement_remove(requirement=requirement, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Checklist item removed."))
    return redirect("media_partnerships:round", pk=pk)


@login_required
def rate_cards(request):
    scope = media_officer(request)
    form = forms.RateCardForm(request.POST or None,
                              initial={"year": timezone.localdate().year + 1})
    if request.method == "POST":
        if form.is_valid() and RateCard.objects.filter(year=form.cleaned_data["year"]).exists():
            form.add_error("year", _("There is already a rate card for this year: open it "
                                     "to change it."))
        if _saved(form, lambda: services.rate_card_save(
                year=form.cleaned_data["year"], legal_basis=form.cleaned_data["legal_basis"],
                lines=[], actor=request.user)):
            messages.success(request, _("Rate card created. Add its prices."))
            return redirect("media_partnerships:rate_card_edit", year=form.cleaned_data["year"])
    return render(request, "media_partnerships/rate_cards.html", {
        "scope": scope, "page": page_of(RateCard.objects.all(), request), "form": form},
        status=400 if form.errors else 200)


def _card_page(request, scope, card, *, form=None, line_form=None, status=200):
    return render(request, "media_partnerships/rate_card_edit.html", {
        "scope": scope, "card": card, "items": card.items.all(),
        "form": form or forms.RateCardForm(initial={"year": card.year,
                                                     "legal_basis": card.legal_basis}),
        "line_form": line_form or forms.RateLineForm(), "timeline": audit_trail(card)},
        status=status)


@login_required
def rate_card_edit(request, year: int):
    scope = media_officer(request)
    card = get_object_or_404(RateCard, year=year)
    if request.method != "POST":
        return _card_page(request, scope, card)
    form = forms.RateCardForm(request.POST)
    if form.is_valid() and form.cleaned_data["year"] != card.year:
        form.add_error("year", _("The year of a rate card cannot change."))
    if _saved(form, lambda: services.rate_card_save(
            year=card.year, legal_basis=form.cleaned_data["legal_basis"], lines=[],
            actor=request.user)):
        messages.success(request, _("Rate card saved."))
        return redirect("media_partnerships:rate_card_edit", year=year)
    return _card_page(request, scope, card, form=form, status=400)


@login_required
@require_POST
def rate_line_save(request, year: int):
    scope = media_officer(request)
    card = get_object_or_404(RateCard, year=year)
    form = forms.RateLineForm(request.POST)
    if _saved(form, lambda: services.rate_card_save(
            year=card.year, legal_basis=card.legal_basis, lines=[form.line()],
            actor=request.user)):
        messages.success(request, _("Price saved."))
        return redirect("media_partnerships:rate_card_edit", year=year)
    return _card_page(request, scope, card, line_form=form, status=400)
