"""The market's pages: public search, listing, contact redirect, reports and sitemap; the
seller's pages (one-time-code session); the moderators' queue.

Thin views (STYLE.md rule 6). The seller's WhatsApp number is read in one place only,
`contact`, which answers with a redirect: it never reaches an HTML page or an API.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.core.ratelimit import client_ip, hit
from balai.market import forms, selectors, services
from balai.market.models import Report, Seller
from balai.market.workflow import WORKFLOW

SESSION_KEY = "market_seller"
LOGIN_EMAIL_KEY = "market_login_email"
PER_PAGE = 24
# The search says "more than 1.000" past this: counting every match of a broad search
# costs more than the page, and nobody pages past 40 pages of products.
SEARCH_COUNT_CAP = 1_000


# --- public ----------------------------------------------------------------------------


def search(request):
    form = forms.SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.SearchFilters(
        q=data.get("q", ""), category=data.get("kategori", ""),
        kelurahan=data.get("kelurahan", ""), kim=data.get("kim", ""),
        price_min=data.get("harga_min"), price_max=data.get("harga_max"),
        badges=tuple(data.get("izin", ())), sort=data.get("urut") or "terbaru")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "market/search.html", {
        "form": form,
        "page": page_of(selectors.listing_search(filters).prefetch_related("photos"), request,
                        PER_PAGE, cap=SEARCH_COUNT_CAP),
        "query": query.urlencode()})


def kim_products(request, slug: str):
    """A KIM site's products (community_groups links here by URL: the KIM app never reads
    the market's tables)."""
    rows = selectors.listing_search(selectors.SearchFilters(kim=slug)).prefetch_related(
        "photos")[:8]
    return render(request, "market/_kim_products.html", {"listings": rows, "slug": slug})


def listing(request, code: str):
    item = selectors.listing_public(code)
    return render(request, "market/listing.html", {
        "listing": item, "photos": list(item.photos.all()),
        "report_form": forms.ReportForm()})


@never_cache
def contact(request, code: str):
    """The buyer's way to the seller: a redirect to WhatsApp with the listing's code
    prefilled, so the number is never in a page for scrapers; limited per connection."""
    item = selectors.listing_public(code)
    if not hit(f"market-contact:{client_ip(request)}",
               limit=settings.MARKET_CONTACTS_PER_HOUR, window_s=3600):
        return render(request, "market/contact_limited.html", {"listing": item}, status=429)
    number = services.listing_contacted(listing=item)
    text = _("Hello, I am interested in %(code)s (%(title)s) on balai's UMKM market.") % {
        "code": item.code, "title": item.title}
    response = HttpResponseRedirect(f"https://wa.me/{number}?{urlencode({'text': text})}")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def report(request, code: str):
    item = selectors.listing_public(code)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST":
        if not hit(f"market-report:{client_ip(request)}",
                   limit=settings.MARKET_REPORTS_PER_HOUR, window_s=3600):
            form.is_valid()
            form.add_error(None, _("Too many reports from your connection in the last hour. "
                                   "Try again later."))
        elif form.is_valid():
            services.listing_report(listing=item, reason=form.cleaned_data["reason"],
                                    details=form.cleaned_data["details"],
                                    reporter=request.user, reporter_ip=client_ip(request))
            messages.success(request, _("Thank you: a moderator will look at this listing."))
            return redirect("market:search")
    return render(request, "market/report.html", {"listing": item, "form": form})


def sitemap(request):
    rows = selectors.live_listing_codes_for_sitemap()[:50_000]
    xml = render_to_string("market/sitemap.xml", {
        "rows": rows, "base": request.build_absolute_uri("/").rstrip("/")})
    return HttpResponse(xml, content_type="application/xml")


# --- sellers -----------------------------------------------------------------------------


def current_seller(request) -> Seller | None:
    pk = request.session.get(SESSION_KEY)
    if pk is None:
        return None
    return Seller.objects.exclude(status=Seller.Status.SUSPENDED).filter(pk=pk).first()


def seller_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seller = current_seller(request)
        if seller is None:
            return redirect(f"{reverse('market:login')}?{urlencode({'next': request.path})}")
        return view(request, seller, *args, **kwargs)

    return wrapper


def register(request):
    form = forms.SellerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.seller_register(**form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return render(request, "market/registered.html", {})
    return render(request, "market/seller_form.html", {"form": form, "registering": True})


def login(request):
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if hit(f"market-code:{email}", limit=settings.MARKET_CODES_PER_HOUR, window_s=3600):
            services.login_code_send(email=email,
                                     channel=form.cleaned_data.get("channel") or "email")
            request.session[LOGIN_EMAIL_KEY] = email
            return redirect("market:login_code")
        form.add_error(None, _("Too many codes asked for this address in the last hour. "
                               "Try again later."))
    return render(request, "market/login.html", {"form": form})


def login_code(request):
    email = request.session.get(LOGIN_EMAIL_KEY)
    if not email:
        return redirect("market:login")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            seller = services.login_code_check(email=email, code=form.cleaned_data["code"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            request.session.cycle_key()
            request.session[SESSION_KEY] = seller.pk
            request.session.pop(LOGIN_EMAIL_KEY, None)
            return redirect("market:seller_home")
    return render(request, "market/login_code.html", {"form": form, "email": email})


@require_POST
def logout(request):
    request.session.pop(SESSION_KEY, None)
    return redirect("market:search")


@seller_required
def seller_home(request, seller):
    today = timezone.localdate()
    listings = list(seller.listings.exclude(status="removed").order_by("-updated_at"))
    checks = {c: seller.licence_check(c, today) for c in {i.category for i in listings}}
    findings = {f.code: f for c in checks.values() for f in c.findings}
    if not listings:
        findings = {f.code: f for f in seller.licence_check("makanan_minuman", today).findings}
    for item in listings:
        item.actions = selectors.seller_actions(item, seller)
    return render(request, "market/seller_home.html", {
        "seller": seller, "listings": listings, "findings": list(findings.values())})


@seller_required
def seller_edit(request, seller):
    form = forms.SellerForm(request.POST or None, instance=Seller.objects.get(pk=seller.pk),
                            editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.seller_update(seller=seller, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("market:seller_home")
    return render(request, "market/seller_form.html", {"form": form, "seller": seller})


@seller_required
def listing_new(request, seller):
    form = forms.ListingForm(request.POST or None, request.FILES or None, seller=seller)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.listing_create(seller=seller, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your listing is saved as a draft. Send it when it "
                                        "is ready."))
            return redirect("market:seller_home")
    return render(request, "market/listing_form.html", {"form": form, "seller": seller})


@seller_required
def listing_edit(request, seller, code: str):
    item = selectors.listing_of_seller(code, seller)
    form = forms.ListingForm(request.POST or None, request.FILES or None, instance=item,
                             seller=seller)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_update(listing=item, seller=seller, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your listing is saved."))
            return redirect("market:seller_home")
    return render(request, "market/listing_form.html", {
        "form": form, "seller": seller, "listing": item})


SELLER_ACTIONS = {
    "submit": (lambda item, seller: services.listing_submit(listing=item, seller=seller)),
    "publish": (lambda item, seller: services.listing_submit(listing=item, seller=seller)),
    "renew": (lambda item, seller: services.listing_renew(listing=item, seller=seller)),
    "remove": (lambda item, seller: services.listing_remove(listing=item, seller=seller)),
}


@require_POST
@seller_required
def listing_action(request, seller, code: str, action: str):
    item = selectors.listing_of_seller(code, seller)
    if action not in SELLER_ACTIONS:
        raise PermissionDenied
    try:
        done = SELLER_ACTIONS[action](item, seller)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(code)s: %(status)s.") % {
            "code": done.code, "status": done.get_status_display()})
    return redirect("market:seller_home")


# --- moderators ----------------------------------------------------------------------------


def _moderator(request):
    scope = selectors.market_scope(request.user)
    if not scope.is_moderator:
        raise PermissionDenied
    return scope


@login_required
def staff_queue(request):
    scope = _moderator(request)
    queue = selectors.moderation_queue(scope)
    return render(request, "market/staff_queue.html", {
        "sellers": queue["sellers"][:50], "listings": queue["listings"][:50],
        "reports": queue["reports"][:50], "scope": scope})


@login_required
def staff_seller(request, pk: int):
    seller, scope = selectors.seller_for_moderator(pk, request.user)
    return render(request, "market/staff_seller.html", {
        "seller": seller, "listings": seller.listings.order_by("-updated_at")[:50],
        "findings": seller.licence_check("makanan_minuman", timezone.localdate()).findings,
        "note_form": forms.NoteForm()})


def _suspend(seller, note, user):
    if not note:
        raise ValidationError(_("Say why the seller is suspended."))
    return services.seller_suspend(seller=seller, reason=note, actor=user)


SELLER_MODERATION = {
    "verify": lambda seller, note, user: services.seller_verify(seller=seller, actor=user),
    "trust": lambda seller, note, user: services.seller_trust(seller=seller, actor=user),
    "untrust": lambda seller, note, user: services.seller_trust(seller=seller, trusted=False,
                                                                actor=user),
    "suspend": _suspend,
}


def _act(request, do) -> None:
    """Run one moderation or seller action; its refusal becomes the page's messages."""
    try:
        do()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))


@login_required
@require_POST
def staff_seller_action(request, pk: int, action: str):
    seller, _scope = selectors.seller_for_moderator(pk, request.user)
    if action not in SELLER_MODERATION:
        raise PermissionDenied
    note = request.POST.get("note", "").strip()
    _act(request, lambda: SELLER_MODERATION[action](seller, note, request.user))
    return redirect("market:staff_seller", pk=seller.pk)


@login_required
def staff_listing(request, code: str):
    item, scope = selectors.listing_for_moderator(code, request.user)
    return render(request, "market/staff_listing.html", {
        "listing": item, "photos": list(item.photos.all()),
        "actions": [WORKFLOW[a] for a in selectors.moderator_actions(item)],
        "reports": item.reports.all(), "note_form": forms.NoteForm()})


def _resolve(request, item, note):
    report = get_object_or_404(Report, listing=item, pk=request.POST.get("report"))
    return services.report_resolve(report=report, resolution=note or _("Checked"),
                                   actor=request.user)


LISTING_MODERATION = {
    "approve": lambda request, item, note: services.listing_approve(listing=item,
                                                                    actor=request.user),
    "reject": lambda request, item, note: services.listing_reject(listing=item, note=note,
                                                                  actor=request.user),
    "remove": lambda request, item, note: services.listing_remove(listing=item, reason=note,
                                                                  actor=request.user),
    "resolve": _resolve,
}


@login_required
@require_POST
def staff_listing_action(request, code: str, action: str):
    item, _scope = selectors.listing_for_moderator(code, request.user)
    if action not in LISTING_MODERATION:
        raise PermissionDenied
    note = request.POST.get("note", "").strip()
    _act(request, lambda: LISTING_MODERATION[action](request, item, note))
    return redirect("market:staff_listing", code=item.code)
