"""The legacy levy ledger: arrears by company, assessments, payments and reminders."""

from __future__ import annotations

from django.conf import settings
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
from balai.towers import forms, levy, selectors, services
from balai.towers.models import LevyAssessment, LevyObjection
from balai.towers.views._common import query_without_page, tower_officer, tower_staff
from balai.towers.workflow import OBJECTION_WORKFLOW, OFFICER


@login_required
def levy_ledger(request):
    scope = tower_staff(request)
    today = timezone.localdate()
    status = request.GET.get("status", "")
    status = status if status in LevyAssessment.Status.values else ""
    return render(request, "towers/levy_ledger.html", {
        "scope": scope, "today": today, "status": status,
        "statuses": LevyAssessment.Status.choices,
        "arrears": selectors.arrears_by_company(today=today),
        "page": page_of(selectors.levy_list_for(user=request.user, status=status), request, 25),
        "query": query_without_page(request),
        "perda": settings.TOWERS_LEVY_PERDA_ARTICLE})


@login_required
def levy_create(request):
    tower_officer(request)
    if request.method == "POST":
        form = forms.LevyForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            tower = selectors.tower_by_code(d["tower_code"])
            if tower is None:
                form.add_error("tower_code", _("No tower has the code %(code)s.")
                               % {"code": d["tower_code"]})
            else:
                formula = levy.Formula(visits=d["visits"], unit_cost=d["unit_cost"],
                                       zone=d["zone"], height=d["height"], type=d["type"],
                                       distance=d["distance"])
                try:
                    if d["number"]:
                        row = services.levy_assessment_record(
                            tower=tower, number=d["number"], year=d["year"], formula=formula,
                            issued_on=d["issued_on"], legal_basis=d["legal_basis"],
                            actor=request.user)
                    else:
                        row = services.levy_assessment_issue(tower=tower, year=d["year"],
                                                             formula=formula, actor=request.user)
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    messages.success(request, _("Assessment %(number)s recorded.")
                                     % {"number": row.number})
                    return redirect("towers:levy_detail", pk=row.pk)
    else:
        form = forms.LevyForm()
    return render(request, "towers/levy_create.html", {
        "form": form, "perda": settings.TOWERS_LEVY_PERDA_ARTICLE},
        status=400 if form.errors else 200)


@login_required
def levy_detail(request, pk: int):
    scope = tower_staff(request)
    row = selectors.levy_get_for(user=request.user, pk=pk)
    return _detail(request, scope, row)


def _decision_choices() -> list[tuple[str, str]]:
    return [(t.action, t.label) for t in OBJECTION_WORKFLOW if OFFICER in t.sides]


def _detail(request, scope, row, *, payment_form=None, objection_form=None,
            decision_form=None, status=200):
    today = timezone.localdate()
    objection = LevyObjection.objects.filter(assessment=row).first()
    return render(request, "towers/levy_detail.html", {
        "objection": objection,
        "bills": row.bills.select_related("letter__number"),
        "can_bill": scope.is_officer
        and row.status == LevyAssessment.Status.UNPAID and row.due_on < today < row.lapses_on,
        "can_object": scope.is_officer and objection is None
        and row.status == LevyAssessment.Status.UNPAID,
        "can_decide": scope.is_officer and objection is not None
        and bool(OBJECTION_WORKFLOW.offered(objection.status, scope.sides)),
        "objection_form": objection_form or forms.LevyObjectionForm(prefix="objection"),
        "decision_form": decision_form or forms.LevyObjectionDecisionForm(
            prefix="decision", choices=_decision_choices()),
        "scope": scope, "row": row, "today": today, "payments": row.payments.all(),
        "interest": levy.interest(row.unpaid, row.due_on, today),
        "months_late": levy.months_late(row.due_on, today),
        "reminder_from": levy.reminder_from(row.due_on),
        "reminder_pay_by": levy.reminder_pay_by(row.reminder_on) if row.reminder_on else None,
        "payment_form": payment_form or forms.LevyPaymentForm(),
        "timeline": audit_trail(row)}, status=status)


@login_required
@require_POST
def levy_pay(request, pk: int):
    scope = tower_officer(request)
    row = selectors.levy_get_for(user=request.user, pk=pk)
    form = forms.LevyPaymentForm(request.POST)
    if form.is_valid():
        try:
            services.levy_payment_record(assessment=row, actor=request.user,
                                         **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("towers:levy_detail", pk=row.pk)
    return _detail(request, scope, row, payment_form=form, status=400)


@login_required
@require_POST
def levy_remind(request, pk: int):
    tower_officer(request)
    row = selectors.levy_get_for(user=request.user, pk=pk)
    try:
        row = services.levy_reminder_issue(assessment=row, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Reminder %(number)s sent.")
                         % {"number": row.reminder_letter.number.full_number})
    return redirect("towers:levy_detail", pk=row.pk)


@login_required
@require_POST
def levy_object(request, pk: int):
    """Record the company's objection (keberatan) to the SKRD."""
    scope = tower_officer(request)
    row = selectors.levy_get_for(user=request.user, pk=pk)
    form = forms.LevyObjectionForm(request.POST, prefix="objection")
    if form.is_valid():
        try:
            services.levy_objection_file(assessment=row, actor=request.user,
                                         **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Objection recorded."))
            return redirect("towers:levy_detail", pk=row.pk)
    return _detail(request, scope, row, objection_form=form, status=400)


@login_required
@require_POST
def levy_objection_decide(request, pk: int):
    """Record the regional head's decision on the SKRD's objection."""
    scope = tower_officer(request)
    row = selectors.levy_get_for(user=request.user, pk=pk)
    objection = get_object_or_404(LevyObjection, assessment=row)
    form = forms.LevyObjectionDecisionForm(request.POST, prefix="decision",
                                           choices=_decision_choices())
    if form.is_valid():
        try:
            services.levy_objection_decide(objection=objection, actor=request.user,
                                           **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("towers:levy_detail", pk=row.pk)
    return _detail(request, scope, row, decision_form=form, status=400)


@login_required
@require_POST
def levy_bill(request, pk: int):
    """Issue the STRD: the unpaid levy and its interest to date, as a signed letter."""
    tower_officer(request)
    row = selectors.levy_get_for(user=request.user, pk=pk)
    try:
        bill = services.levy_bill_issue(assessment=row, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("STRD %(number)s issued.")
                         % {"number": bill.letter.number.full_number})
    return redirect("towers:levy_detail", pk=row.pk)
