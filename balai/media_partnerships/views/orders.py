"""The orders: list, new order, the order page with its items and the agreement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.agencies.models import Agency
from balai.core.audit import audit_trail
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.media_partnerships import forms, selectors, services
from balai.media_partnerships.models import MediaOutlet
from balai.media_partnerships.views._common import (
    media_staff,
    private_file_response,
    query_without_page,
)
from balai.media_partnerships.workflow import ORDER_WORKFLOW


@login_required
def orders(request):
    scope = media_staff(request)
    qs = selectors.order_list_for(scope=scope)
    return render(request, "media_partnerships/orders.html", {
        "page": page_of(qs, request), "scope": scope, "query": query_without_page(request),
        "may_order": scope.is_officer or bool(scope.agency_ids)})


def _order_form(scope, data=None):
    today = timezone.localdate()
    agencies = (Agency.objects.filter(is_external=False) if scope.is_officer
                else Agency.objects.filter(pk__in=scope.agency_ids))
    outlets = MediaOutlet.objects.filter(verified_until__gte=today).exclude(tier="")
    return forms.OrderForm(data, agencies=agencies, outlets=outlets,
                           initial={"year": today.year})


@login_required
def order_new(request):
    scope = media_staff(request)
    if not (scope.is_officer or scope.agency_ids):
        raise PermissionDenied
    form = _order_form(scope, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_create(data=form.order_data(), actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Order %(code)s created. Add the items ordered.")
                             % {"code": order.code})
            return redirect("media_partnerships:order", pk=order.pk)
    return render(request, "media_partnerships/order_form.html", {"form": form},
                  status=400 if form.errors else 200)


PROOF_FORMS = {"proof_online": forms.ProofOnlineForm, "proof_print": forms.ProofPrintForm,
               "proof_broadcast": forms.ProofBroadcastForm}


def _order_page(request, scope, order, *, item_form=None, bound=None, status=200):
    outlet = order.outlet
    card = [(row.get_item_kind_display(), row.price) for row in
            selectors.rate_items_for(year=order.year, media_type=outlet.media_type,
                                     tier=outlet.tier)]
    return render(request, "media_partnerships/order.html", {
        "order": order,
        "items": order.items.select_related("above_card_approved_by").prefetch_related(
            "deliverables"),
        "total": services.order_total(order), "card": card,
        "item_form": item_form or forms.OrderItemForm(),
        "proof_forms": [(name, bound if bound is not None and bound.prefix == name
                         else form_class(order=order, prefix=name))
                        for name, form_class in PROOF_FORMS.items()],
        "deliverables": selectors.order_deliverables(order),
        "invoices": selectors.order_invoices(order),
        "invoice_form": bound if isinstance(bound, forms.InvoiceForm) else forms.InvoiceForm(
            prefix="invoice"),
        "payment_form": bound if isinstance(bound, forms.PaymentForm) else forms.PaymentForm(
            prefix="payment"),
        "proven": services.proven_amount(order),
        "may_act": scope.may_order_for(order.agency_id),
        "may_authorise": scope.may_authorise_above_card(order.agency_id),
        "offered": {t.action for t in ORDER_WORKFLOW.offered(order.status, {"opd"})},
        "timeline": audit_trail(order), "today": timezone.localdate()}, status=status)


@login_required
def order_detail(request, pk: int):
    scope = media_staff(request)
    order = selectors.order_get_for(scope=scope, pk=pk)
    return _order_page(request, scope, order)


@login_required
@require_POST
def order_action(request, pk: int, action: str):
    scope = media_staff(request)
    order = selectors.order_get_for(scope=scope, pk=pk)
    if not scope.may_order_for(order.agency_id):
        raise PermissionDenied
    form = None
    try:
        if action == "add_item":
            form = forms.OrderItemForm(request.POST)
            if not form.is_valid():
                return _order_page(request, scope, order, item_form=form, status=400)
            data = form.cleaned_data
            services.order_item_add(order=order, item_kind=data["item_kind"],
                                    description=data["description"],
                                    quantity=data["quantity"], unit_price=data["unit_price"],
                                    above_card_reason=data["above_card_reason"],
                                    actor=request.user)
        elif action == "contract":
            services.order_contract(order=order, actor=request.user)
        elif action == "complete":
            services.order_complete(order=order, actor=request.user)
        elif action == "cancel":
            services.order_cancel(order=order, reason=request.POST.get("reason", ""),
                                  actor=request.user)
        elif action == "invoice":
            form = forms.InvoiceForm(request.POST, prefix="invoice")
            if not form.is_valid():
                return _order_page(request, scope, order, bound=form, status=400)
            services.invoice_receive(order=order, actor=request.user, **form.cleaned_data)
        elif action == "pay":
            invoice = selectors.order_invoices(order).filter(pk=request.POST.get("invoice")).first()
            if invoice is None:
                raise Http404
            form = forms.PaymentForm(request.POST, prefix="payment")
            if not form.is_valid():
                return _order_page(request, scope, order, bound=form, status=400)
            services.invoice_pay(invoice=invoice, actor=request.user, **form.cleaned_data)
        elif action == "return_invoice":
            invoice = selectors.order_invoices(order).filter(pk=request.POST.get("invoice")).first()
            if invoice is None:
                raise Http404
            services.invoice_return(invoice=invoice, reason=request.POST.get("reason", ""),
                                    actor=request.user)
        elif action in PROOF_FORMS:
            form = PROOF_FORMS[action](request.POST, request.FILES, order=order, prefix=action)
            if not form.is_valid() or not _proof_record(action, form, request.user):
                return _order_page(request, scope, order, bound=form, status=400)
        else:
            raise PermissionDenied
    except ValidationError as exc:
        if form is None:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("media_partnerships:order", pk=pk)
        apply_service_errors(form, exc)
        if action in (*PROOF_FORMS, "invoice", "pay"):
            return _order_page(request, scope, order, bound=form, status=400)
        return _order_page(request, scope, order, item_form=form, status=400)
    messages.success(request, _("Saved."))
    return redirect("media_partnerships:order", pk=pk)


def rate_card(request):
    """The year's rate card, public: every OPD pays these prices."""
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = timezone.localdate().year
    card = selectors.rate_card_for(year)
    return render(request, "media_partnerships/rate_card.html", {
        "card": card, "year": year, "years": selectors.rate_card_years(),
        "items": card.items.all() if card else []})


def _proof_record(action: str, form, actor) -> bool:
    """Record the proof the form holds; False when the form refused the file."""
    data = form.cleaned_data
    if action == "proof_online":
        services.deliverable_submit_online(item=data["item"], url=data["url"],
                                           published_on=data["published_on"], actor=actor)
    elif action == "proof_print":
        services.deliverable_print_record(item=data["item"], edition=data["edition"],
                                          published_on=data["published_on"],
                                          copies_received=data["copies_received"],
                                          received_by=data["received_by"], actor=actor)
    else:
        recording = form.prepared()
        if recording is None:
            return False
        services.deliverable_broadcast_record(item=data["item"],
                                              published_on=data["published_on"],
                                              broadcast_log=data["broadcast_log"],
                                              recording=recording, actor=actor)
    return True


PROOF_FILES = {"html": ("snapshot_html", "text/plain; charset=utf-8", "html.txt"),
               "png": ("snapshot_image", "image/png", "png"),
               "pdf": ("snapshot_pdf", "application/pdf", "pdf"),
               "rekaman": ("recording", "application/octet-stream", "bin")}


@login_required
def proof_file(request, pk: int, proof: int, which: str):
    """A proof's stored snapshot (as text: never run as a page of ours), its PDF or PNG, or
    its recording, for whoever may see the order."""
    scope = media_staff(request)
    order = selectors.order_get_for(scope=scope, pk=pk)
    deliverable = selectors.order_deliverables(order).filter(pk=proof).first()
    if deliverable is None or which not in PROOF_FILES:
        raise Http404
    field, content_type, suffix = PROOF_FILES[which]
    stored = getattr(deliverable, field)
    if not stored:
        raise Http404
    return private_file_response(stored.open("rb"), content_type=content_type,
                                 filename=f"{order.code}-bukti-{deliverable.pk}.{suffix}")
