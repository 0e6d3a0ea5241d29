"""Alert sign-up, confirmation and unsubscription pages, and the public Atom feeds."""

from django.conf import settings
from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from balai.agencies.models import Agency
from balai.alerts import services
from balai.alerts.forms import SubscribeForm
from balai.complaints.models import Category, Complaint
from balai.core.forms import apply_service_errors
from balai.core.ratelimit import client_ip, hit
from balai.geo.models import Area


def _initial(query) -> dict:
    """Prefilled from the report just sent ("follow this area"), or from a feed page."""
    initial = {}
    for key, field in (("wilayah", "area"), ("kategori", "category"), ("opd", "agency")):
        if query.get(key):
            initial[field] = query[key][:50]
    try:
        lat, lng = float(query["lat"]), float(query["lng"])
    except (KeyError, ValueError):
        return initial
    if -90 <= lat <= 90 and -180 <= lng <= 180:
        initial.update(lat=lat, lng=lng)
    return initial


def subscribe(request):
    whatsapp = services.whatsapp_available()
    form = SubscribeForm(request.POST or None, initial=_initial(request.GET),
                         whatsapp=whatsapp)
    if request.method == "POST":
        if request.POST.get("website"):
            raise PermissionDenied
        if not hit(f"alerts:{client_ip(request)}", limit=20, window_s=3600):
            messages.error(request, _("Too many requests from your connection. Try again "
                                      "later."))
            return redirect("alerts:subscribe")
        if form.is_valid():
            data = form.cleaned_data
            try:
                sub = services.subscription_create(
                    channel=data["channel"], recipient=data["recipient"],
                    events=data["events"], frequency=data["frequency"], area=data["area"],
                    category=data["category"], agency=data["agency"],
                    lat=data["lat"], lng=data["lng"], radius_m=data["radius_m"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                return render(request, "alerts/sent.html", {"sub": sub,
                                                            "what": services.describe(sub)})
    return render(request, "alerts/subscribe.html", {
        "form": form, "whatsapp": whatsapp, "tile_url": settings.MAP_TILE_URL,
        "feeds": _feed_links(form)}, status=400 if form.errors else 200)


def _feed_links(form) -> list[tuple[str, str]]:
    links = []
    for field, kind in (("area", "wilayah"), ("category", "kategori"), ("agency", "opd")):
        code = form.initial.get(field)
        if code:
            links.append((kind, reverse("alerts:feed", args=[kind, code])))
    return links


def confirm(request, token: str):
    try:
        sub = services.subscription_confirm(token=token)
    except ValidationError as exc:
        return render(request, "alerts/link.html", {"error": " ".join(exc.messages)},
                      status=400)
    return render(request, "alerts/link.html", {"sub": sub, "what": services.describe(sub),
                                                "confirmed": True})


def unsubscribe(request, token: str):
    """One link, no log-in: opening it ends the subscription (and says so)."""
    try:
        sub = services.subscription_unsubscribe(token=token)
    except ValidationError as exc:
        return render(request, "alerts/link.html", {"error": " ".join(exc.messages)},
                      status=400)
    return render(request, "alerts/link.html", {"sub": sub, "what": services.describe(sub),
                                                "unsubscribed": True})


class ComplaintFeed(Feed):
    """The newest public complaints of an area, a category or an agency, as Atom. Only
    what the public page shows; never a reporter (anonim or not) and never a rahasia or
    unverified case."""

    feed_type = Atom1Feed
    KINDS = {"wilayah": "area", "kategori": "category", "opd": "agency"}
    LIMIT = 50

    def get_object(self, request, kind: str, code: str):
        if kind == "wilayah":
            return kind, get_object_or_404(Area.objects.defer("geometry"), code=code)
        if kind == "kategori":
            return kind, get_object_or_404(Category, code=code, is_active=True)
        if kind == "opd":
            return kind, get_object_or_404(Agency, code=code)
        raise Http404

    def title(self, obj):
        kind, row = obj
        return _("Complaints: %(name)s") % {"name": row.name} + \
            f" — {settings.BALAI_INSTALLATION['pemda_name']}"

    def link(self, obj):
        return reverse("complaints:list")

    def feed_url(self, obj):
        kind, row = obj
        return reverse("alerts:feed", args=[kind, row.code])

    def subtitle(self, obj):
        return _("Public complaints, newest first. Reporters are never shown.")

    def items(self, obj):
        kind, row = obj
        qs = Complaint.objects.public().select_related("category", "kelurahan").defer(
            "kelurahan__geometry")
        if kind == "wilayah":
            qs = qs.filter(kelurahan=row) if row.level != "kecamatan" else qs.filter(
                kecamatan=row)
        elif kind == "kategori":
            qs = qs.filter(category=row)
        else:
            qs = qs.filter(agency=row)
        return qs.order_by("-submitted_at", "-id")[:self.LIMIT]

    def item_title(self, item):
        return f"{item.code}: {item.title}"

    def item_description(self, item):
        place = item.kelurahan.name if item.kelurahan_id else ""
        return " · ".join(p for p in (item.category.name, place,
                                      str(item.get_status_display())) if p)

    def item_link(self, item):
        return reverse("complaints:track_detail", args=[item.code])

    def item_pubdate(self, item):
        return item.submitted_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return None  # never the reporter
