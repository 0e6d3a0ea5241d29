"""Every change in the UMKM market (STYLE.md rule 2), audited in its transaction.

A seller acts through the one-time-code session (they have no staff account): their
actions are audited with the seller as the actor's label. Moderators are Diskominfo's KIM
officers (every seller) and a KIM's officers (their KIM's sellers), as MarketScope says.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.community_groups.selectors import kelurahan_choices
from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.core.reencode import reencode_image
from balai.core.tracking import case_code
from balai.lib.nik import nik_check
from balai.market.models import Listing, ListingPhoto, LoginCode, Report, Seller
from balai.market.selectors import market_scope
from balai.market.workflow import WORKFLOW
from balai.ppid.services.information_requests import nik_message

MAX_PHOTOS = 5
CODE_TTL = timedelta(minutes=10)
CODE_ATTEMPTS = 5
LICENCE_FIELDS = ("size", "nib", "pirt_number", "halal_number", "halal_expires_on", "bpom_md")
SELLER_FIELDS = ("name", "nik", "business_name", "whatsapp", "kim", "kelurahan",
                 *LICENCE_FIELDS)
LISTING_FIELDS = ("category", "title", "description", "price", "kelurahan", "stock_note")


@dataclass(frozen=True)
class SellerActor:
    """A seller as the audit trail names them (not a staff account)."""

    seller: Seller

    def __str__(self) -> str:
        return _("Seller %(name)s") % {"name": self.seller.business_name}


def _require_moderator(seller: Seller, actor) -> None:
    if not market_scope(actor).moderates(seller):
        raise PermissionDenied(_("You do not moderate this seller."))


def _require_own(listing: Listing, seller: Seller) -> None:
    if listing.seller_id != seller.pk:
        raise PermissionDenied(_("This is not your listing."))


def _set_badges(listing: Listing, seller: Seller, today: date) -> None:
    badges = seller.licence_check(listing.category, today).badges
    for badge in ("nib", "pirt", "halal", "bpom"):
        setattr(listing, f"badge_{badge}", badge in badges)


# --- sellers ---------------------------------------------------------------------------

def _nik_clean(nik: str) -> str:
    """The NIK as digits, or a ValidationError saying what is wrong and how to fix it."""
    check = nik_check(nik)
    if not check.ok:
        raise ValidationError({"nik": nik_message(check.error, check.nik)})
    return check.nik


def seller_register(*, name: str, business_name: str, email: str, whatsapp: str, kelurahan,
                    nik: str = "", kim=None, size: str = Seller.Size.MICRO, nib: str = "",
                    pirt_number: str = "", halal_number: str = "",
                    halal_expires_on: date | None = None, bpom_md: str = "") -> Seller:
    """A seller signs up; a KIM officer or Diskominfo verifies them before they sell."""
    email = email.strip().lower()
    if Seller.objects.filter(email=email).exists():
        raise ValidationError({"email": _("A seller with this e-mail address is already "
                                          "registered: log in with it instead.")})
    with transaction.atomic():
        seller = Seller(name=name, nik=_nik_clean(nik) if nik else "",
                        business_name=business_name, email=email,
                        whatsapp=whatsapp, kelurahan=kelurahan, kim=kim, size=size, nib=nib,
                        pirt_number=pirt_number, halal_number=halal_number,
                        halal_expires_on=halal_expires_on, bpom_md=bpom_md)
        seller.licences_change_on = seller.licences_next_change(timezone.localdate())
        seller.full_clean()
        seller.save()
        log_action(seller, "market.seller_registered", actor=SellerActor(seller),
                   data={"kim": getattr(kim, "slug", "")})
    return seller


def seller_update(*, seller: Seller, today: date | None = None, **changes) -> Seller:
    """A seller changes their details; new licence numbers re-badge their listings."""
    unknown = set(changes) - set(SELLER_FIELDS)
    if unknown:
        raise TypeError(f"not seller fields: {sorted(unknown)}")
    today = today or timezone.localdate()
    if changes.get("nik"):
        changes["nik"] = _nik_clean(changes["nik"])
    with transaction.atomic():
        seller = Seller.objects.select_for_update().get(pk=seller.pk)
        old_kelurahan = seller.kelurahan_id
        changed = [f for f, v in changes.items() if getattr(seller, f) != v]
        for field in changed:
            setattr(seller, field, changes[field])
        if not changed:
            return seller
        seller.full_clean()
        dated = []
        if set(changed) & set(LICENCE_FIELDS):
            seller.licences_change_on = seller.licences_next_change(today)
            dated = ["licences_change_on"]
        seller.save(update_fields=[*changed, *dated, "updated_at"])
        if dated:
            listings_rebadge(seller=seller, today=today)
        if "kim" in changed:
            seller.listings.update(kim=seller.kim)
        if "kelurahan" in changed:  # listings that followed the seller's kelurahan move too
            seller.listings.filter(kelurahan_id=old_kelurahan).update(
                kelurahan=seller.kelurahan)
        if "business_name" in changed:
            rows = list(seller.listings.only("pk", "title"))
            for row in rows:
                row.search_text = Listing.search_text_for(row.title, seller.business_name)
            Listing.objects.bulk_update(rows, ["search_text"])
        log_action(seller, "market.seller_updated", actor=SellerActor(seller),
                   data={"fields": changed})
    return seller


def listings_rebadge(*, seller: Seller, today: date) -> int:
    """Recompute the badges of a seller's listings (after a licence changed, or a year)."""
    rows = list(seller.listings.exclude(status=Listing.Status.REMOVED))
    for listing in rows:
        _set_badges(listing, seller, today)
    Listing.objects.bulk_update(rows, ["badge_nib", "badge_pirt", "badge_halal", "badge_bpom"])
    return len(rows)


def seller_verify(*, seller: Seller, actor, now: datetime | None = None) -> Seller:
    """A KIM officer or Diskominfo has seen the seller's KTP, business and place."""
    _require_moderator(seller, actor)
    with transaction.atomic():
        seller = Seller.objects.select_for_update().get(pk=seller.pk)
        if seller.status == Seller.Status.VERIFIED:
            return seller
        seller.status = Seller.Status.VERIFIED
        seller.verified_by, seller.verified_at = actor, now or timezone.now()
        seller.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
        log_action(seller, "market.seller_verified", actor=actor)
    return seller


def seller_trust(*, seller: Seller, actor, trusted: bool = True) -> Seller:
    _require_moderator(seller, actor)
    with transaction.atomic():
        seller = Seller.objects.select_for_update().get(pk=seller.pk)
        if seller.status != Seller.Status.VERIFIED:
            raise ValidationError(_("Verify the seller before trusting them."))
        if seller.trusted != trusted:
            seller.trusted = trusted
            seller.save(update_fields=["trusted", "updated_at"])
            log_action(seller, "market.seller_trusted", actor=actor, data={"trusted": trusted})
    return seller


def seller_suspend(*, seller: Seller, reason: str, actor) -> Seller:
    """Suspend a seller: their listings leave the market at once."""
    _require_moderator(seller, actor)
    with transaction.atomic():
        seller = Seller.objects.select_for_update().get(pk=seller.pk)
        seller.status, seller.trusted = Seller.Status.SUSPENDED, False
        seller.save(update_fields=["status", "trusted", "updated_at"])
        removed = seller.listings.exclude(status=Listing.Status.REMOVED).update(
            status=Listing.Status.REMOVED, review_note=reason[:300])
        log_action(seller, "market.seller_suspended", actor=actor,
                   data={"reason": reason, "listings_removed": removed})
    return seller


# --- one-time codes ------------------------------------------------------------------------

def _hash(code: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{code}".encode()).hexdigest()


def login_code_send(*, email: str, channel: str = "email", now: datetime | None = None) -> bool:
    """Send a 6-digit code to a registered seller (by e-mail, or WhatsApp where a transport
    is configured); says nothing about whether the address is registered."""
    from balai.notifications.services import notification_enqueue  # noqa: PLC0415

    seller = Seller.objects.filter(email=email.strip().lower()).exclude(
        status=Seller.Status.SUSPENDED).first()
    if seller is None:
        return False
    now = now or timezone.now()
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        LoginCode.objects.filter(seller=seller, used_at__isnull=True).update(used_at=now)
        LoginCode.objects.create(seller=seller, code_hash=_hash(code), expires_at=now + CODE_TTL)
        use_whatsapp = channel == "whatsapp" and bool(settings.WHATSAPP_TOKEN)
        notification_enqueue(
            channel="whatsapp" if use_whatsapp else "email",
            recipient=seller.whatsapp if use_whatsapp else seller.email,
            template="kode_pasar", context={"nama": seller.name, "kode": code,
                                           "menit": int(CODE_TTL.total_seconds() // 60)},
            related=seller)
    return True


def login_code_check(*, email: str, code: str, now: datetime | None = None) -> Seller:
    """The seller this code logs in, or a ValidationError (wrong, used, expired, too many
    tries)."""
    now = now or timezone.now()
    refused = ValidationError({"code": _("This code is wrong or has expired. Ask for a new "
                                         "one.")})
    seller = Seller.objects.filter(email=email.strip().lower()).exclude(
        status=Seller.Status.SUSPENDED).first()
    if seller is None:
        raise refused
    with transaction.atomic():
        row = LoginCode.objects.select_for_update().filter(
            seller=seller, used_at__isnull=True, expires_at__gt=now).order_by("-pk").first()
        if row is None or row.attempts >= CODE_ATTEMPTS:
            raise refused
        right = hmac.compare_digest(row.code_hash, _hash(code.strip()))
        if right:
            row.used_at = now
            row.save(update_fields=["used_at", "updated_at"])
            log_action(seller, "market.seller_logged_in", actor=SellerActor(seller))
        else:  # counted, and committed: five wrong guesses use the code up
            LoginCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
    if not right:
        raise refused
    return seller


# --- listings ------------------------------------------------------------------------------

def _photos(listing: Listing, uploads) -> None:
    start = listing.photos.count()
    if start + len(uploads) > MAX_PHOTOS:
        raise ValidationError({"photos": _("A listing has at most %(n)s photos.")
                               % {"n": MAX_PHOTOS}})
    for n, upload in enumerate(uploads, start=start):
        big = reencode_image(upload, max_side=1200)
        upload.seek(0)
        small = reencode_image(upload, max_side=400, quality=75)
        photo = ListingPhoto(listing=listing, position=n)
        photo.image.save(f"{listing.code}-{n}.jpg", ContentFile(big.data), save=False)
        photo.thumbnail.save(f"{listing.code}-{n}-kecil.jpg", ContentFile(small.data),
                             save=False)
        photo.save()


def _check_kelurahan(kelurahan) -> None:
    if not kelurahan_choices().filter(pk=kelurahan.pk).exists():
        raise ValidationError({"kelurahan": _("Choose a kelurahan of this city or regency.")})


def listing_create(*, seller: Seller, category: str, title: str, description: str,
                   price: int, stock_note: str = "", kelurahan=None, photos=(),
                   now: datetime | None = None) -> Listing:
    """A seller drafts a listing, in the kelurahan they choose (their own by default); it
    is not public until it goes live."""
    if seller.status == Seller.Status.SUSPENDED:
        raise PermissionDenied
    now = now or timezone.now()
    kelurahan = kelurahan or seller.kelurahan
    _check_kelurahan(kelurahan)
    with transaction.atomic():
        listing = Listing(seller=seller, category=category, title=title,
                          description=description, price=price, stock_note=stock_note,
                          kelurahan=kelurahan, kim_id=seller.kim_id,
                          code=uuid.uuid4().hex[:20],
                          search_text=Listing.search_text_for(title, seller.business_name))
        listing.full_clean()
        listing.save()
        listing.code = case_code("PSR", timezone.localdate(now).year, listing.pk)
        listing.save(update_fields=["code"])
        _photos(listing, list(photos))
        log_action(listing, "market.listing_created", actor=SellerActor(seller))
    return listing


def listing_update(*, listing: Listing, seller: Seller, photos=(), **changes) -> Listing:
    """A seller changes a listing. A live listing of a seller who is not trusted goes back
    to review: what the public reads is always what a moderator saw."""
    _require_own(listing, seller)
    unknown = set(changes) - set(LISTING_FIELDS)
    if unknown:
        raise TypeError(f"not listing fields: {sorted(unknown)}")
    if changes.get("kelurahan") is not None:
        _check_kelurahan(changes["kelurahan"])
    with transaction.atomic():
        listing = WORKFLOW.lock(listing, "edit")
        changed = [f for f, v in changes.items() if getattr(listing, f) != v]
        for field in changed:
            setattr(listing, field, changes[field])
        listing.full_clean()
        fields = [*changed, "updated_at"]
        if "title" in changed:
            listing.search_text = Listing.search_text_for(listing.title, seller.business_name)
            fields.append("search_text")
        if (changed or photos) and listing.status == Listing.Status.LIVE and not seller.trusted:
            listing.status = Listing.Status.REVIEW
            fields.append("status")
        if "category" in changed:
            _set_badges(listing, seller, timezone.localdate())
            fields += ["badge_nib", "badge_pirt", "badge_halal", "badge_bpom"]
        listing.save(update_fields=fields)
        _photos(listing, list(photos))
        log_action(listing, "market.listing_updated", actor=SellerActor(seller),
                   data={"fields": changed, "status": listing.status})
    return listing


def _go_live(listing: Listing, seller: Seller, now: datetime) -> None:
    today = timezone.localdate(now)
    listing.status = Listing.Status.LIVE
    listing.published_at = now
    listing.expires_on = today + timedelta(days=settings.MARKET_LISTING_DAYS)
    listing.review_note = ""
    _set_badges(listing, seller, today)
    listing.save(update_fields=["status", "published_at", "expires_on", "review_note",
                                "badge_nib", "badge_pirt", "badge_halal", "badge_bpom",
                                "updated_at"])


def _refuse_by_licences(listing: Listing, seller: Seller, today: date) -> None:
    blocking = seller.licence_check(listing.category, today).blocking
    if blocking:
        raise ValidationError([f"{f.message} ({_('Source')}: {f.source})" for f in blocking],
                              code="licence")


def listing_submit(*, listing: Listing, seller: Seller, now: datetime | None = None) -> Listing:
    """A verified seller sends a draft: a trusted seller's goes live at once, any other
    waits for a moderator. The licence rules (market.licences) must hold."""
    _require_own(listing, seller)
    now = now or timezone.now()
    seller = Seller.objects.get(pk=seller.pk)
    if seller.status != Seller.Status.VERIFIED:
        raise ValidationError(_("Your seller account is waiting for verification by a KIM "
                                "officer or Diskominfo: your listings can go out after that."),
                              code="unverified")
    action = "publish" if seller.trusted else "submit"
    with transaction.atomic():
        listing = WORKFLOW.lock(listing, action)
        _refuse_by_licences(listing, seller, timezone.localdate(now))
        if seller.trusted:
            _go_live(listing, seller, now)
            log_action(listing, "market.listing_published", actor=SellerActor(seller),
                       data={"expires_on": listing.expires_on})
        else:
            listing.status = Listing.Status.REVIEW
            listing.save(update_fields=["status", "updated_at"])
            log_action(listing, "market.listing_submitted", actor=SellerActor(seller))
    return listing


def listing_approve(*, listing: Listing, actor, now: datetime | None = None) -> Listing:
    _require_moderator(listing.seller, actor)
    now = now or timezone.now()
    with transaction.atomic():
        listing = WORKFLOW.lock(listing, "approve")
        seller = Seller.objects.get(pk=listing.seller_id)
        _refuse_by_licences(listing, seller, timezone.localdate(now))
        _go_live(listing, seller, now)
        Report.objects.filter(listing=listing, resolved_at__isnull=True).update(
            resolved_at=now, resolution=_("Checked and approved by a moderator"))
        log_action(listing, "market.listing_approved", actor=actor,
                   data={"expires_on": listing.expires_on})
    return listing


def listing_reject(*, listing: Listing, note: str, actor) -> Listing:
    _require_moderator(listing.seller, actor)
    if not note.strip():
        raise ValidationError({"note": _("Tell the seller what to change.")})
    with transaction.atomic():
        listing = WORKFLOW.lock(listing, "reject")
        listing.status, listing.review_note = Listing.Status.DRAFT, note.strip()[:300]
        listing.save(update_fields=["status", "review_note", "updated_at"])
        log_action(listing, "market.listing_rejected", actor=actor, data={"note": note})
    return listing


def listing_renew(*, listing: Listing, seller: Seller, now: datetime | None = None) -> Listing:
    """Another MARKET_LISTING_DAYS for a live or lapsed listing (the rules checked again)."""
    _require_own(listing, seller)
    now = now or timezone.now()
    with transaction.atomic():
        listing = WORKFLOW.lock(listing, "renew")
        seller = Seller.objects.get(pk=seller.pk)
        if seller.status != Seller.Status.VERIFIED:
            raise PermissionDenied
        _refuse_by_licences(listing, seller, timezone.localdate(now))
        _go_live(listing, seller, now)
        log_action(listing, "market.listing_renewed", actor=SellerActor(seller),
                   data={"expires_on": listing.expires_on})
    return listing


def listing_remove(*, listing: Listing, reason: str = "", actor=None,
                   seller: Seller | None = None) -> Listing:
    """The seller withdraws a listing, or a moderator takes it down."""
    if seller is not None:
        _require_own(listing, seller)
        who = SellerActor(seller)
    else:
        _require_moderator(listing.seller, actor)
        who = actor
    with transaction.atomic():
        listing = WORKFLOW.lock(listing, "remove")
        listing.status, listing.review_note = Listing.Status.REMOVED, reason[:300]
        listing.save(update_fields=["status", "review_note", "updated_at"])
        Report.objects.filter(listing=listing, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolution=_("Listing removed"))
        log_action(listing, "market.listing_removed", actor=who, data={"reason": reason})
    return listing


def _reporter_key(reporter, ip: str) -> str:
    """Who reported, as a keyed hash (an account, else the connection): enough to count
    distinct reporters, without keeping anyone's address."""
    if getattr(reporter, "pk", None):
        return _hash(f"report-user:{reporter.pk}")
    return _hash(f"report-ip:{ip}") if ip else ""


def listing_report(*, listing: Listing, reason: str, details: str = "", reporter=None,
                   reporter_ip: str = "", now: datetime | None = None) -> Report:
    """Anyone reports a listing (PP 80/2019 Pasal 27). A report by a trusted user (a
    moderator) hides a live listing at once; so do reports by
    MARKET_REPORT_HIDE_REPORTERS different people within MARKET_REPORT_HIDE_DAYS days.
    Hidden, it waits for a moderator, and the seller is told why."""
    trusted = market_scope(reporter).is_moderator
    now = now or timezone.now()
    with transaction.atomic():
        # Locked first, so two reports arriving together are counted one after the other.
        fresh = Listing.objects.select_for_update().select_related("seller").get(pk=listing.pk)
        report = Report(listing=fresh, reason=reason, details=details[:1000],
                        reporter=reporter if getattr(reporter, "pk", None) else None,
                        reporter_key=_reporter_key(reporter, reporter_ip), trusted=trusted)
        report.full_clean()
        report.save()
        log_action(fresh, "market.listing_reported", actor=reporter,
                   data={"reason": reason, "trusted": trusted})
        if not WORKFLOW.allows("hide", fresh.status):
            return report
        if trusted:
            _hide_after_reports(fresh, "market.listing_hidden", reporter,
                                {"report": report.pk})
            return report
        since = now - timedelta(days=settings.MARKET_REPORT_HIDE_DAYS)
        reporters = (Report.objects.filter(listing=fresh, resolved_at__isnull=True,
                                           created_at__gte=since)
                     .exclude(reporter_key="").values("reporter_key").distinct().count())
        if reporters >= settings.MARKET_REPORT_HIDE_REPORTERS:
            _hide_after_reports(fresh, "market.listing_hidden_by_reports", None, {
                "report": report.pk, "reporters": reporters,
                "days": settings.MARKET_REPORT_HIDE_DAYS})
    return report


def _hide_after_reports(listing: Listing, action: str, actor, data: dict) -> None:
    """Take a live listing out of the market until a moderator looks, and tell its seller
    (by e-mail, on commit)."""
    from balai.notifications.services import notification_enqueue  # noqa: PLC0415

    listing = WORKFLOW.lock(listing, "hide")
    listing.status = Listing.Status.REVIEW
    listing.review_note = _("Hidden after reports from buyers: a moderator will check it "
                            "and put it back or tell you what to change.")
    listing.save(update_fields=["status", "review_note", "updated_at"])
    log_action(listing, action, actor=actor, data=data)
    seller = Seller.objects.only("name", "email").get(pk=listing.seller_id)
    notification_enqueue(channel="email", recipient=seller.email, template="iklan_dilaporkan",
                         context={"nama": seller.name, "kode": listing.code,
                                  "judul": listing.title},
                         related=listing, dedupe_key=f"market-hidden:{listing.pk}:"
                                                     f"{data['report']}")


def report_resolve(*, report: Report, resolution: str, actor) -> Report:
    _require_moderator(report.listing.seller, actor)
    with transaction.atomic():
        Report.objects.filter(pk=report.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolution=resolution[:300])
        log_action(report.listing, "market.report_resolved", actor=actor,
                   data={"report": report.pk, "resolution": resolution})
    report.refresh_from_db()
    return report


def listing_contacted(*, listing: Listing) -> str:
    """The seller's WhatsApp number in international form for the buyer's redirect,
    counted (not audited: it is no change of state)."""
    Listing.objects.filter(pk=listing.pk).update(contact_count=F("contact_count") + 1)
    number = listing.seller.whatsapp
    digits = "62" + number[1:] if number.startswith("0") else number.lstrip("+")
    return digits


def listings_expire(*, today: date | None = None) -> int:
    """The sweep: live listings past their `expires_on` lapse (claimed one by one, so two
    workers never expire one twice)."""
    today = today or timezone.localdate()
    selection = Listing.objects.filter(status=Listing.Status.LIVE, expires_on__lt=today)

    def audit(listing: Listing) -> None:
        log_action(listing, "market.listing_expired", actor=None,
                   data={"expires_on": listing.expires_on})

    return claim_each(selection, audit, status=Listing.Status.EXPIRED)


def listings_rebadge_due(*, today: date | None = None) -> int:
    """The sweep: sellers whose licences may read differently from today (a halal
    certificate or a P-IRT lapsed, the halal rule began) get their listings' badges
    recomputed and their next change day stored. Selected on the stored, indexed
    `licences_change_on` and claimed one by one (core.periodic.claim_each)."""
    today = today or timezone.localdate()
    selection = Seller.objects.filter(licences_change_on__lte=today)

    def rebadge(seller: Seller) -> None:
        listings_rebadge(seller=seller, today=today)
        Seller.objects.filter(pk=seller.pk).update(
            licences_change_on=seller.licences_next_change(today))

    return claim_each(selection, rebadge, licences_change_on=None)
