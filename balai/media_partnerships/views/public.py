"""The public pages: registration, and the outlet's own page through its private link."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from balai.core.audit import audit_trail
from balai.core.forms import apply_service_errors
from balai.core.ratelimit import client_ip, hit
from balai.media_partnerships import forms, selectors, services
from balai.media_partnerships.models import Application, Journalist

SESSION_KEY = "media_partnerships:outlet:{pk}"


def index(request):
    today = timezone.localdate()
    return render(request, "media_partnerships/index.html", {
        "round": selectors.round_open_on(today),
        "transparency": settings.MEDIA_PARTNERSHIP_TRANSPARENCY})


@never_cache
def register(request):
    """The public registration form: the outlet, its chief editor, its papers (stored
    privately). The private link is shown once, on the next page."""
    if request.method == "POST":
        form = forms.RegistrationForm(request.POST, request.FILES)
        if not hit(f"media-register:{client_ip(request)}",
                   limit=settings.MEDIA_PARTNERSHIP_REGISTRATIONS_PER_HOUR, window_s=3600):
            form.is_valid()
            form.add_error(None, _("Too many registrations from your connection in the last "
                                   "hour. Try again later."))
        elif form.is_valid():
            documents = form.prepared_documents()
            if not form.errors:
                try:
                    outlet, secret = services.outlet_register(
                        registration=services.Registration(
                            outlet=form.outlet_data(), chief_editor=form.chief_editor(),
                            documents=documents,
                            idempotency_key=form.cleaned_data["idempotency_key"] or None))
                except ValidationError as exc:
                    apply_service_errors(form, exc)
                else:
                    if secret:
                        request.session[SESSION_KEY.format(pk=outlet.pk)] = secret
                    return redirect("media_partnerships:registered", pk=outlet.pk)
    else:
        form = forms.RegistrationForm(initial={"idempotency_key": uuid.uuid4().hex})
    return render(request, "media_partnerships/register.html", {"form": form},
                  status=400 if form.errors else 200)


@never_cache
def registered(request, pk: int):
    secret = request.session.get(SESSION_KEY.format(pk=pk), "")
    outlet = selectors.outlet_by_link(pk, secret)
    link = request.build_absolute_uri(
        reverse("media_partnerships:portal", args=[outlet.pk]) + f"?k={secret}")
    return render(request, "media_partnerships/registered.html",
                  {"outlet": outlet, "link": link,
                   "round": selectors.round_open_on(timezone.localdate())})


def _portal_outlet(request, pk: int):
    """The outlet of this private link: the key from the link (kept in the session, so the
    address bar loses it after the first visit) or 404."""
    key = SESSION_KEY.format(pk=pk)
    secret = request.GET.get("k") or request.session.get(key, "")
    outlet = selectors.outlet_by_link(pk, secret)
    request.session[key] = secret
    return outlet


PORTAL_FORMS = ("outlet", "journalist", "document")


@never_cache
def portal(request, pk: int):
    """The outlet's own page: its status and every reason, its data, journalists, papers."""
    outlet = _portal_outlet(request, pk)
    if "k" in request.GET:
        return redirect("media_partnerships:portal", pk=pk)
    bound = {}
    if request.method == "POST":
        which = request.POST.get("form", "")
        done = _portal_post(request, outlet, which, bound)
        if done:
            return redirect("media_partnerships:portal", pk=pk)
    today = timezone.localdate()
    applications = list(selectors.outlet_applications(outlet))
    open_round = selectors.round_open_on(today)
    applied = {a.round_id for a in applications}
    context = {
        "outlet": outlet, "today": today, "applications": applications,
        "round": open_round if open_round and open_round.pk not in applied else None,
        "journalists": selectors.journalists_of(outlet),
        "documents": outlet.documents.all(),
        "outlet_form": bound.get("outlet") or forms.OutletForm(instance=outlet,
                                                                prefix="outlet"),
        "journalist_form": bound.get("journalist") or forms.JournalistForm(prefix="journalist"),
        "document_form": bound.get("document") or forms.DocumentForm(prefix="document"),
        "timeline": audit_trail(outlet, public_only=True),
        "invoices": selectors.outlet_invoices(outlet),
        "orders": [(order, bound.get(f"proof{order.pk}") or forms.ProofOnlineForm(
            order=order, prefix=f"proof{order.pk}")) for order in
            selectors.outlet_orders(outlet)],
    }
    return render(request, "media_partnerships/portal.html", context,
                  status=400 if bound else 200)


def _portal_post(request, outlet, which: str, bound: dict) -> bool:
    """One form of the outlet's page; True when done, else its bound form goes in `bound`."""
    try:
        if which == "outlet":
            form = forms.OutletForm(request.POST, instance=outlet, prefix="outlet")
            if form.is_valid():
                services.outlet_update(outlet=outlet, data=form.outlet_data())
                messages.success(request, _("Your data is saved."))
                return True
        elif which == "journalist":
            form = forms.JournalistForm(request.POST, prefix="journalist")
            if form.is_valid():
                services.journalist_save(outlet=outlet, data=form.journalist_data())
                messages.success(request, _("The journalist is saved."))
                return True
        elif which == "remove_journalist":
            journalist = Journalist.objects.filter(outlet=outlet,
                                                   pk=request.POST.get("journalist")).first()
            if journalist is not None:
                services.journalist_remove(journalist=journalist)
                messages.success(request, _("The journalist is removed."))
            return True
        elif which == "document":
            form = forms.DocumentForm(request.POST, request.FILES, prefix="document")
            if form.is_valid():
                prepared = form.prepared()
                if prepared is not None:
                    services.outlet_document_add(outlet=outlet,
                                                 kind=form.cleaned_data["kind"],
                                                 prepared=prepared)
                    messages.success(request, _("The document is uploaded."))
                    return True
        elif which == "apply":
            rnd = selectors.round_open_on(timezone.localdate())
            if rnd is None:
                messages.error(request, _("No verification round is open now."))
            else:
                services.application_submit(outlet=outlet, round=rnd)
                messages.success(request, _("Your application is submitted. The automatic "
                                            "checks below say what is still missing."))
            return True
        elif which == "proof":
            order = selectors.outlet_orders(outlet).filter(pk=request.POST.get("order")).first()
            if order is None:
                return True
            which = f"proof{order.pk}"
            form = forms.ProofOnlineForm(request.POST, order=order, prefix=which)
            if form.is_valid():
                data = form.cleaned_data
                services.deliverable_submit_online(item=data["item"], url=data["url"],
                                                   published_on=data["published_on"])
                messages.success(request, _("The page is fetched and kept as proof."))
                return True
        elif which == "withdraw":
            application = Application.objects.filter(outlet=outlet,
                                                     pk=request.POST.get("application")).first()
            if application is not None:
                services.application_withdraw(application=application,
                                              reason=request.POST.get("reason", ""))
                messages.success(request, _("Your application is withdrawn."))
            return True
        elif which == "resubmit":
            application = Application.objects.filter(outlet=outlet,
                                                     pk=request.POST.get("application")).first()
            if application is not None:
                services.application_resubmit(application=application)
                messages.success(request, _("Your corrections are submitted."))
            return True
        else:
            return True
    except ValidationError as exc:
        if which in PORTAL_FORMS or which.startswith("proof"):
            apply_service_errors(form, exc)
        else:
            for message in exc.messages:
                messages.error(request, message)
            return True
    bound[which] = form
    return False
