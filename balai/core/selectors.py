import re

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def public_services() -> list[dict]:
    """What the home page offers; a service links only once it is installed."""
    return [
        {"key": "pengaduan", "title": _("Report a problem (pengaduan)"),
         "text": _("Broken road, rubbish, flooding, a street light out: report it with a "
                   "photo and a map pin, and follow it until it is fixed."),
         "url": _url("complaints:report")},
        {"key": "ppid", "title": _("Ask for public information (PPID)"),
         "text": _("Request documents and data held by the city government. The law gives "
                   "the office 10 working days to answer."),
         "url": _url("ppid:request")},
        {"key": "surat", "title": _("Send a letter to the city government"),
         "text": _("Write to an office without going there: you get a receipt number and a "
                   "private link to follow your letter."),
         "url": _url("correspondence:public_form")},
        {"key": "layanan", "title": _("Public services: what to bring, where to go"),
         "text": _("Every service of the city's offices and of the police, courts and land "
                   "office: requirements, time, cost and place, with a checklist to print."),
         "url": _url("public_services:index")},
        {"key": "berita", "title": _("News and agenda of the city's offices"),
         "text": _("What each office announces and when its events take place, with RSS "
                   "feeds and calendars to subscribe to, and how well each one publishes."),
         "url": _url("publications:news")},
        {"key": "pasar", "title": _("UMKM market of the KIM"),
         "text": _("Products of local small businesses, with their licences shown; contact "
                   "the seller on WhatsApp."),
         "url": _url("market:search")},
        {"key": "kim", "title": _("Community information groups (KIM)"),
         "text": _("The KIM of each kelurahan: their news, activities and products."),
         "url": _url("community_groups:index")},
        {"key": "menara", "title": _("Telecommunication towers: check a location"),
         "text": _("See whether a point could get a tower siting recommendation, and why."),
         "url": _url("towers:point_check")},
        {"key": "anggaran", "title": _("The city's budget (APBD)"),
         "text": _("How the budget is planned and spent, per agency and program, with its "
                   "documents; download every line."),
         "url": _url("budget:index")},
        {"key": "data", "title": _("Open data"),
         "text": _("Datasets of the city's agencies to reuse freely, also through the CKAN "
                   "API."),
         "url": _url("open_data:catalogue")},
        {"key": "lacak", "title": _("Track your report or request"),
         "text": _("Enter the code you received, such as ADU-2026-000123, "
                   "PPID-2026-000045 or SURAT-2026-000012, to see its status, who is "
                   "handling it and the deadline."),
         "url": _url("core:track")},
    ]


DEFAULT_BRAND = "#0b5394"
_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def _rgb(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two hex colours (1 to 21)."""
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _darken(colour: str, factor: float) -> str:
    return "#" + "".join(f"{int(c * factor):02x}" for c in _rgb(colour))


def theme_colours(primary: str) -> dict[str, str]:
    """CSS variables from the pemda's primary colour, kept readable (WCAG AA, 4.5:1).

    The colour comes from the environment, so it is validated (no CSS injection) and
    darkened until white text on it, and it as link colour on white, pass 4.5:1.
    """
    brand = primary.strip() if primary and _HEX.match(primary.strip()) else DEFAULT_BRAND
    if not brand.startswith("#"):
        brand = "#" + brand
    brand = "#" + "".join(d * 2 for d in brand[1:]) if len(brand) == 4 else brand.lower()
    while contrast_ratio(brand, "#ffffff") < 4.5:
        brand = _darken(brand, 0.9)
    return {"brand": brand, "brand-dark": _darken(brand, 0.75), "brand-text": "#ffffff"}


def oldest_queued_task_age() -> float | None:
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    oldest = (DBTaskResult.objects.filter(status="READY").order_by("enqueued_at")
              .values_list("enqueued_at", flat=True).first())
    return round((timezone.now() - oldest).total_seconds(), 1) if oldest else None
