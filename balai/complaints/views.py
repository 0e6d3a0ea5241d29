"""Complaint pages: thin views over forms, selectors and one service each."""

from __future__ import annotations

import hmac
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from balai.complaints import exports, forms, selectors, services
from balai.complaints.models import Category, Complaint, ComplaintPhoto
from balai.complaints.performance import PERIODS, performance_tables
from balai.complaints.questionnaire import fixed_check_by_token
from balai.complaints.selectors import complaint_scope
from balai.complaints.workflow import PUBLIC, REPORTER, WORKFLOW
from balai.core import assets
from balai.core.audit import audit_trail, log_action
from balai.core.exports import export_response
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.core.ratelimit import client_ip, hit

S = Complaint.Status
TRACK_CACHE_SECONDS = 300


def _submission(data: dict, *, staff: bool) -> services.Submission:
    """What the report form holds, as complaint_submit takes it (fields the form refused
    are left empty; the service's check then speaks only of its own rules)."""
    return services.Submission(
        category=Category.objects.select_related("agency").filter(pk=data["category"]).first()
        if data.get("category") else None,
        title=data.get("title", ""), description=data.get("description", ""),
        lat=data.get("lat"), lng=data.get("lng"), address=data.get("address", ""),
        reporter_name=data.get("reporter_name", ""),
        reporter_email=data.get("reporter_email", ""),
        reporter_phone=data.get("reporter_phone", ""),
        is_anonymous=data.get("is_anonymous", False),
        is_confidential=data.get("is_confidential", False),
        share_identity=data.get("share_identity", False),
        channel=data.get("channel", "") if staff else Complaint.Channel.WEB,
        idempotency_key=data.get("idempotency_key") or None, asset=data.get("asset") or "")


def _categories_data() -> list[dict]:
    return [{"id": c.pk, "name": c.name, "group": c.group.name, "description": c.description,
             "out_of_scope": c.out_of_scope, "radius": c.duplicate_radius_m}
            for c in Category.objects.filter(is_active=True).select_related("group")]


def _report_js_text() -> dict:
    return {
        "pinSet": _("Pin set"), "moved": _("Pin moved"), "fromSearch": _("Pin set in the "
        "middle of the kelurahan; move it to the exact place"),
        "fromStreet": _("Pin set on the street; move it to the exact place"),
        "fromDevice": _("Pin set at your location"), "fromPhoto": _("Pin set from the photo's "
        "location; check it"), "locating": _("Finding your location…"),
        "noGeo": _("Your browser cannot share your location."),
        "geoFailed": _("Your location could not be found. Tap the map instead."),
        "outOfScope": _("Not for this category:"),
        "nearbyTitle": _("Already reported nearby?"),
        "nearbyHint": _("If one of these is your problem, open it and choose “ikut melapor” "
                        "instead of sending a new report."),
    }


def report(request):
    """The citizen's report form (and the staff intake with `staff=True`)."""
    return _report(request, staff=False)


@login_required
def intake(request):
    if not complaint_scope(request.user).can_intake:
        raise PermissionDenied
    return _report(request, staff=True)


def _report(request, *, staff: bool):
    if request.method == "POST":
        form = forms.ReportForm(request.POST, request.FILES, staff=staff)
        allowed = staff or hit(f"report:{client_ip(request)}",
                               limit=settings.COMPLAINT_REPORTS_PER_HOUR, window_s=3600)
        if not allowed:
            form.is_valid()
            form.add_error(None, _("Too many reports from your connection in the last hour. "
                                   "Try again later or call %(phone)s.")
                           % {"phone": settings.BALAI_INSTALLATION["phone"]})
        else:
            valid = form.is_valid()
            submission = _submission(form.cleaned_data, staff=staff)
            photos = form.cleaned_data.get("photos") or ()
            actor = request.user if request.user.is_authenticated else None
            try:
                if not valid:
                    # The rules' errors (the pin above all) join the form's in the first
                    # error summary, not only once everything else is right (issue 11).
                    services.complaint_submission_check(submission=submission, photos=photos,
                                                        actor=actor)
                else:
                    complaint, secret = services.complaint_submit(
                        submission=submission, photos=photos, actor=actor)
                    if secret:
                        request.session[f"secret:{complaint.code}"] = secret
                    return redirect("complaints:submitted", code=complaint.code)
            except ValidationError as exc:
                apply_service_errors(form, exc)
    else:
        form = forms.ReportForm(staff=staff, initial={"idempotency_key": uuid.uuid4().hex,
                                                      **_prefill(request.GET)})
    return render(request, "complaints/report.html", {
        "form": form, "staff": staff, "categories": _categories_data(),
        "asset": assets.resolve(form["asset"].value() or ""),
        "js_text": _report_js_text(),
        "tile_url": settings.MAP_TILE_URL,
    })


def _prefill(query) -> dict:
    """What a link to the form may fill in: a category by its code, a point and a title, as
    the QR plate of a tower links here ("Laporkan masalah menara ini"). Anything out of
    shape is ignored, never an error: the citizen still chooses."""
    initial = {}
    try:
        lat, lng = float(query.get("lat", "")), float(query.get("lng", ""))
    except ValueError:
        pass
    else:
        if -90 <= lat <= 90 and -180 <= lng <= 180:
            initial.update(lat=lat, lng=lng)
    if query.get("title"):
        initial["title"] = query["title"][:150]
    if assets.resolve(query.get("aset", "")[:60]) is not None:
        initial["asset"] = query["aset"][:60]
    category = Category.objects.filter(code=query.get("kategori", ""), is_active=True).first()
    if category is not None:
        initial["category"] = category.pk
    return initial


def submitted(request, code: str):
    """The confirmation page, for the browser that sent the report only (the secret is in
    its session; the staff member who entered a report by phone has it too): any other
    visitor, officers included, gets the public tracking page (issue 23)."""
    complaint = selectors.complaint_by_code(code)
    secret = request.session.get(f"secret:{complaint.code}", "")
    if not complaint.secret_matches(secret):
        return redirect("complaints:track_detail", code=complaint.code)
    link = request.build_absolute_uri(
        reverse("complaints:track_detail", args=[complaint.code]) + f"?k={secret}")
    return render(request, "complaints/submitted.html", {"complaint": complaint, "link": link})


def _reporter_secret(request, complaint) -> str:
    secret = request.GET.get("k") or request.POST.get("k") or \
        request.session.get(f"secret:{complaint.code}", "")
    return secret if complaint.secret_matches(secret) else ""


def _public_cache_key(request, pk: int, updated_at: str, supporters_count: int) -> str | None:
    """One cached page for every visitor who has no session, login or pending message.

    Any change a visitor can see bumps `updated_at`, so the key changes with the case.
    """
    if (request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
            or request.user.is_authenticated):
        return None
    return (f"complaints:track:{pk}:{updated_at}:{supporters_count}:"
            f"{translation.get_language()}:{request.get_full_path()}")


def track_detail(request, code: str):
    # The public page comes from the cache after one narrow read of the case's version:
    # no full case, timeline or template on the way (DESIGN.md §8, tracking page).
    version = selectors.complaint_version(code)
    if version is None:
        raise Http404
    pk, updated_at, supporters_count, secret_hash = version
    given = request.GET.get("k") or request.POST.get("k")
    is_reporter_link = bool(given) and hmac.compare_digest(
        secret_hash, Complaint.hash_secret(given))
    cache_key = (None if is_reporter_link
                 else _public_cache_key(request, pk, updated_at, supporters_count))
    if cache_key and (page := cache.get(cache_key)) is not None:
        return HttpResponse(page)
    complaint = selectors.complaint_by_code(code)
    secret = _reporter_secret(request, complaint)
    if secret:
        cache_key = None
    response = _track_detail(request, complaint, secret)
    if cache_key and response.status_code == 200:
        cache.set(cache_key, response.content, TRACK_CACHE_SECONDS)
    return response


def _track_detail(request, complaint, secret: str):
    is_reporter = bool(secret)
    if secret:
        request.session[f"secret:{complaint.code}"] = secret
    if not is_reporter and not complaint.has_public_page:
        return render(request, "complaints/track_private.html", {"complaint": complaint},
                      status=404)
    action_forms = {}
    if is_reporter:
        action_forms = {t.action: REPORTER_FORMS[t.action]()
                        for t in WORKFLOW.offered(complaint.status, {REPORTER})}
    return render(request, "complaints/track_detail.html", {
        "complaint": complaint, "is_reporter": is_reporter, "secret": secret,
        "assets": [a for a in assets.assets_for(complaint) if a.public_url],
        "can_support": WORKFLOW.offered(complaint.status, {PUBLIC}) != [],
        # Until the desk has verified it, the public sees that a report exists, not its
        # text or photos (nothing unmoderated is published).
        "show_details": is_reporter or complaint.status != S.BARU,
        "timeline": audit_trail(complaint, public_only=True),
        "messages_public": complaint.messages.filter(is_public=True),
        **_photos_context(complaint, public=True), "action_forms": action_forms,
    })


def _photos_context(complaint, *, public: bool = False) -> dict:
    """Published photos, and how many the worker has still to re-encode (never served).
    The public page shows no evidence while an answer waits for its check."""
    photos = list(complaint.photos.all())
    if public and complaint.check_requested_at is not None:
        photos = [p for p in photos if p.kind != ComplaintPhoto.Kind.EVIDENCE]
    return {"photos": [p for p in photos if p.state == ComplaintPhoto.State.READY],
            "photos_pending": sum(p.state == ComplaintPhoto.State.PENDING for p in photos),
            "photos_failed": sum(p.state == ComplaintPhoto.State.FAILED for p in photos)}


# The reporter's actions (WORKFLOW, side "reporter") and the form each one takes.
REPORTER_FORMS = {"reply": forms.TextForm, "rate": forms.RateForm, "reopen": forms.TextForm}


@require_POST
def reporter_action(request, code: str, action: str):
    complaint = selectors.complaint_by_code(code)
    secret = _reporter_secret(request, complaint)
    if not secret:
        raise PermissionDenied
    if action not in REPORTER_FORMS:
        raise PermissionDenied
    form = REPORTER_FORMS[action](request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "rate":
                services.complaint_rate(complaint=complaint, rating=data["rating"],
                                        comment=data["comment"])
                messages.success(request, _("Thank you for your rating."))
            elif action == "reopen":
                services.complaint_reopen(complaint=complaint, reason=data["text"])
                messages.success(request, _("Your complaint is open again."))
            else:
                services.complaint_reporter_reply(complaint=complaint, text=data["text"])
                messages.success(request, _("Your reply has been sent."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(reverse("complaints:track_detail", args=[complaint.code]))


def public_list(request):
    form = forms.PublicFilterForm(request.GET or None)
    form.is_valid()  # a wrong date is shown by its field; the other filters still apply
    filters = getattr(form, "cleaned_data", {})
    qs = selectors.public_complaints(**{k: v for k, v in filters.items() if v})
    page = page_of(qs, request, 20)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/public_list.html", {
        "page": page, "form": form, "query": query.urlencode(),
        "categories": Category.objects.filter(is_active=True).select_related("group"),
        "kecamatan": selectors.kecamatan_choices(), "statuses": S.choices,
        "tile_url": settings.MAP_TILE_URL,
        # The dots' colours, one per status the public map shows (complaints.css).
        "legend": [(s.value, s.label) for s in (S.TERVERIFIKASI, S.DIPROSES, S.MENUNGGU_INFO,
                                                S.SELESAI, S.DITUTUP, S.DITERUSKAN)],
    })


@require_GET
def photo(request, pk: int, size: str):
    """A photo's file for whoever may see its case: everyone while the case is public, the
    staff whose scope holds it, and the reporter through their link; 404 for the rest."""
    if size not in {"full", "thumb"}:
        raise Http404
    row = (ComplaintPhoto.objects.filter(pk=pk, state=ComplaintPhoto.State.READY)
           .select_related("complaint").first())
    if row is None:
        raise Http404
    complaint = row.complaint
    public = selectors.public_complaints().filter(pk=complaint.pk).exists()
    allowed = public or bool(_reporter_secret(request, complaint)) or (
        request.user.is_authenticated and request.user.is_officer
        and complaint_scope(request.user).complaints().filter(pk=complaint.pk).exists())
    if not allowed:
        raise Http404
    field = row.private_image if size == "full" else row.private_thumbnail
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


@require_GET
@cache_control(max_age=60)
def public_geojson(request):
    """Public complaints as GeoJSON points for the map (no personal data)."""
    qs = (selectors.public_complaints().select_related(None).select_related("category")
          .only("code", "title", "status", "lat", "lng", "category__name")[:2000])
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [c.lng, c.lat]},
                 "properties": {"code": c.code, "title": c.title, "status": c.status,
                                "status_label": c.get_status_display(),
                                "category": c.category.name,
                                "url": reverse("complaints:track_detail", args=[c.code])}}
                for c in qs]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
@cache_control(max_age=3600)
def areas_geojson(request):
    """Kelurahan boundaries for the map's vector layer (usable without any tile server)."""
    return HttpResponse(selectors.kelurahan_geojson(), content_type="application/geo+json")


@require_GET
@cache_control(max_age=3600)
def roads_geojson(request):
    """Roads with their names, drawn when the map tiles cannot be loaded (offline)."""
    return HttpResponse(selectors.roads_geojson(), content_type="application/geo+json")


@require_GET
@cache_control(max_age=3600)
def streets(request):
    """Street names and a point on each, for the report map's search box."""
    return JsonResponse({"streets": selectors.street_index()})


@require_GET
def nearby(request):
    """Open complaints of the same category near the pin: "ikut melapor" instead."""
    try:
        category = Category.objects.get(pk=int(request.GET["category"]), is_active=True)
        lat, lng = float(request.GET["lat"]), float(request.GET["lng"])
    except (KeyError, ValueError, Category.DoesNotExist):
        return JsonResponse({"results": []})
    hits = selectors.nearby_open_complaints(category=category, lat=lat, lng=lng)
    # A report the desk has not verified yet shows that it exists, never what its reporter
    # typed (issue 12): its title stays back until verification.
    unverified = _("A new report, waiting for verification")
    return JsonResponse({"results": [
        {"code": c.code, "title": c.title if c.status != S.BARU else unverified,
         "status": c.get_status_display(),
         "distance_m": round(d), "supporters": c.supporters_count,
         "url": reverse("complaints:track_detail", args=[c.code])} for c, d in hits]})


def support(request, code: str):
    """ "Ikut melapor": support an open complaint and follow it instead of a duplicate."""
    complaint = selectors.complaint_by_code(code)
    if complaint.is_confidential:
        raise Http404
    form = forms.SupportForm(request.POST or None)
    if request.method != "POST":
        return render(request, "complaints/support.html", {"complaint": complaint, "form": form})
    if not hit(f"support:{client_ip(request)}", limit=20, window_s=3600):
        messages.error(request, _("Too many requests from your connection. Try again later."))
        return redirect("complaints:track_detail", code=complaint.code)
    if request.POST.get("website"):
        raise PermissionDenied
    supporter = None
    if form.is_valid():
        try:
            supporter = services.complaint_support(
                complaint=complaint, name=form.cleaned_data["name"],
                email=form.cleaned_data["email"], phone=form.cleaned_data["phone"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if supporter is None:  # the page again, what was typed kept, each error by its field
        return render(request, "complaints/support.html", {"complaint": complaint, "form": form},
                      status=400)
    if supporter.confirmed_at:
        messages.success(request, _("You already follow this complaint."))
    else:
        messages.success(request, _("Thank you: your support was added. Open the link we "
                                    "have sent you to receive news of this complaint."))
    return redirect("complaints:track_detail", code=complaint.code)


@require_GET
def support_confirm(request, code: str, token: str):
    """The link in the supporter's message: from now on they are told about progress."""
    complaint = selectors.complaint_by_code(code)
    try:
        services.complaint_support_confirm(complaint=complaint, token=token)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Confirmed: we will tell you about progress on this "
                                    "complaint."))
    return redirect("complaints:track_detail", code=complaint.code)


def fixed(request, token: str):
    """The reporter's "sudah beres?" page, opened from the question sent at closing and 14
    days later; "belum" sends the complaint back to the agency with their note."""
    check = fixed_check_by_token(token)
    if check is None:
        raise Http404
    complaint = check.complaint
    form = forms.FixedForm(request.POST or None)
    context = {"complaint": complaint, "check": check, "form": form, "token": token,
               "open": check.answered_at is None and complaint.status == S.DITUTUP}
    if request.method != "POST" or not context["open"]:
        return render(request, "complaints/fixed.html", context)
    if form.is_valid():
        try:
            services.complaint_fixed_answer(check=check,
                                            fixed=form.cleaned_data["answer"] == "sudah",
                                            note=form.cleaned_data["note"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if form.cleaned_data["answer"] == "sudah":
                # Back to this page, which now offers the satisfaction survey (optional).
                messages.success(request, _("Thank you: your answer was recorded."))
                return redirect("complaints:fixed", token=token)
            messages.success(request, _(
                "Thank you: the complaint is open again and was sent back to %(body)s with "
                "your note.") % {"body": complaint.forwarded_to} if complaint.forwarded_to_id
                else _("Thank you: the complaint is open again and was sent back to the "
                       "agency with your note."))
            return redirect("complaints:track_detail", code=complaint.code)
    return render(request, "complaints/fixed.html", context, status=400)


@require_GET
def performance(request):
    """The public performance tables per agency and per kelurahan, with their method."""
    period = request.GET.get("periode", "30")
    if period not in PERIODS:
        period = "30"
    return render(request, "complaints/performance.html", {
        **performance_tables(period=period), "periods": PERIODS.items()})


# --- staff -----------------------------------------------------------------------------

def _officer(request):
    if not request.user.is_officer:
        raise PermissionDenied


@login_required
def staff_queue(request):
    _officer(request)
    form = forms.QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.staff_queue_for(user=request.user, **{k: v for k, v in filters.items() if v})
    page = page_of(qs, request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "complaints/staff_queue.html", {
        "page": page, "form": form, "query": query.urlencode(),
        "can_intake": complaint_scope(request.user).can_intake})


# The form each staff action of the WORKFLOW takes (None: a button alone). Who may take
# it and in which states are the workflow's; the form checks the input's shape only.
STAFF_FORMS = {
    "verify": forms.VerifyForm, "correct": forms.CorrectForm, "archive": forms.ArchiveForm,
    "duplicate": forms.DuplicateForm, "forward": forms.ForwardForm, "accept": None,
    "answer": forms.AnswerForm, "request_info": forms.TextForm, "return": forms.TextForm,
    "confidentiality": forms.ConfidentialityForm, "check_pass": forms.CheckForm,
    "check_fail": forms.CheckForm,
}


def _available_actions(case: selectors.StaffCase, bound=None) -> list[dict]:
    """The actions offered on the case, each with its form; the first one that is not
    destructive is the usual next step and opens by default. A `bound` form (sent back
    with errors) takes its action's place and is the one open."""
    offered = [t for t in case.actions if t.action in STAFF_FORMS]
    default = next((t for t in offered if not t.destructive), None)
    if bound is not None:
        default = next((t for t in offered if t.action == bound.prefix), default)

    def form_for(t):
        if bound is not None and bound.prefix == t.action:
            return bound
        return (STAFF_FORMS[t.action](prefix=t.action, initial=_initial(t.action, case.complaint))
                if STAFF_FORMS[t.action] else None)

    return [{"transition": t, "open": t is default, "form": form_for(t)} for t in offered]


def _initial(action: str, complaint) -> dict:
    if action == "verify":
        return {"agency": complaint.agency_id}
    if action == "correct":
        return {"category": complaint.category_id, "lat": complaint.lat, "lng": complaint.lng}
    if action == "confidentiality":  # the change on offer: the other way
        return {"is_confidential": "0" if complaint.is_confidential else "1"}
    return {}


@login_required
def staff_detail(request, pk: int):
    _officer(request)
    return _detail_page(request, complaint_scope(request.user).case(pk))


def _detail_page(request, case, *, bound=None, status=200):
    """The case page; with `bound`, the action form the officer sent is open again with
    its errors and what they typed (only photos must be chosen again)."""
    complaint = case.complaint
    return render(request, "complaints/staff_detail.html", {
        "complaint": complaint,
        "assets": [a for a in assets.assets_for(complaint)
                   if not a.front_office_only or complaint_scope(request.user).can_intake],
        "show_reporter": case.sees_reporter,
        "timeline": audit_trail(complaint),
        "case_messages": complaint.messages.select_related("author"),
        **_photos_context(complaint),
        "actions": _available_actions(case, bound),
        "tile_url": settings.MAP_TILE_URL,
        # The case map: the pin, its kelurahan's outline and the road the routing took as
        # nearest (coordinates written with a point, whatever the locale).
        "case_map": {
            "lat": complaint.lat, "lng": complaint.lng,
            "kelurahan": complaint.kelurahan.geometry if complaint.kelurahan_id else None,
            "kelurahan_name": complaint.kelurahan.name if complaint.kelurahan_id else "",
            "road": complaint.road.geometry if complaint.road_id else None,
            "road_name": complaint.road.name if complaint.road_id else "",
        } if complaint.lat is not None and complaint.lng is not None else None,
    }, status=status)


@login_required
@require_POST
def staff_action(request, pk: int, action: str):
    _officer(request)
    scope = complaint_scope(request.user)
    complaint = scope.get(pk)
    if action not in STAFF_FORMS or not scope.may(action, complaint):
        raise PermissionDenied
    form_class = STAFF_FORMS[action]
    form = form_class(request.POST, request.FILES, prefix=action) if form_class else None
    if form is not None and not form.is_valid():
        return _detail_page(request, scope.case(pk), bound=form, status=400)
    data = form.cleaned_data if form else {}
    user = request.user
    try:
        if action == "verify":
            complaint = services.complaint_verify(complaint=complaint, actor=user,
                                                  agency=data["agency"],
                                                  instruction=data["instruction"],
                                                  override_reason=data["override_reason"])
        elif action == "correct":
            category = Category.objects.get(pk=data["category"])
            services.complaint_correct(complaint=complaint, category=category, lat=data["lat"],
                                       lng=data["lng"], actor=user)
        elif action == "archive":
            services.complaint_archive(complaint=complaint, reason=data["reason"],
                                       note=data["note"], actor=user)
        elif action == "duplicate":
            services.complaint_mark_duplicate(complaint=complaint, original=data["original"],
                                              actor=user)
        elif action == "forward":
            complaint = services.complaint_forward(
                complaint=complaint, to_agency=data["to_agency"], reference=data["reference"],
                reason=data["reason"], actor=user)
        elif action == "accept":
            services.complaint_accept(complaint=complaint, actor=user)
        elif action == "request_info":
            services.complaint_request_info(complaint=complaint, question=data["text"],
                                            actor=user)
        elif action == "answer":
            services.complaint_answer(complaint=complaint, text=data["text"],
                                      photos=data["photos"], actor=user)
        elif action == "return":
            services.complaint_return(complaint=complaint, reason=data["text"], actor=user)
        elif action in {"check_pass", "check_fail"}:
            services.complaint_check(complaint=complaint, passed=action == "check_pass",
                                     note=data["text"], actor=user)
        elif action == "confidentiality":
            services.complaint_set_confidential(
                complaint=complaint, confidential=data["is_confidential"],
                reason=data["reason"], actor=user)
    except ValidationError as exc:
        if form is None:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("complaints:staff_detail", pk=complaint.pk)
        apply_service_errors(form, exc)
        return _detail_page(request, scope.case(pk), bound=form, status=400)
    else:
        messages.success(request, _done_message(action, complaint, data))
        # After a correction the desk verifies, after accepting the agency answers: the
        # case stays open. Every other step hands the case on: back to the queue.
        if action not in {"correct", "accept", "confidentiality"}:
            return redirect("complaints:staff_queue")
    return redirect("complaints:staff_detail", pk=complaint.pk)


def _done_message(action: str, complaint, data: dict) -> str:
    """What happened, in words an officer checks at a glance (issue 11: it said 'Saved')."""
    values = {"code": complaint.code}
    if action == "verify":
        values["agency"] = complaint.agency
    elif action == "forward":
        values["agency"] = complaint.forwarded_to
    elif action == "duplicate":
        values["original"] = data["original"].code
    texts = {
        "verify": _("%(code)s verified and disposed to %(agency)s."),
        "correct": _("%(code)s corrected; its routing was worked out again."),
        "archive": _("%(code)s archived."),
        "duplicate": _("%(code)s merged into %(original)s."),
        "forward": _("%(code)s forwarded to %(agency)s."),
        "accept": _("%(code)s taken into work."),
        "request_info": _("%(code)s: your question was sent to the reporter; the deadline "
                          "stops until they answer."),
        "answer": _("%(code)s sent for its check; the reporter sees the answer once it "
                    "passes.") if complaint.category.checker_id else
        _("%(code)s answered; the reporter can now rate the answer."),
        "check_pass": _("%(code)s: the answer passed its check and was sent to the "
                        "reporter."),
        "check_fail": _("%(code)s: the answer was sent back to the agency with your note."),
        "return": _("%(code)s returned to the complaint desk."),
        "confidentiality": _("%(code)s: its confidentiality was changed and the reporter "
                             "told."),
    }
    return texts[action] % values


@login_required
def staff_export(request):
    """Download the complaints the user may see as CSV or XLSX, filtered; audited."""
    _officer(request)
    form = forms.ExportForm(request.GET if "format" in request.GET else None,
                            desk=complaint_scope(request.user).reads_all)
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if k != "format" and v}
        qs = exports.export_queryset(user=request.user, **filters)
        count = qs.count()
        if count > exports.EXPORT_MAX_ROWS:
            form.add_error(None, _("%(count)s complaints match; an export holds at most "
                                   "%(max)s. Choose a shorter date range or another filter.")
                           % {"count": f"{count:,}".replace(",", "."),
                              "max": f"{exports.EXPORT_MAX_ROWS:,}".replace(",", ".")})
        else:
            fmt = form.cleaned_data["format"]
            with transaction.atomic():
                log_action(request.user, "complaints.exported", actor=request.user, data={
                    "format": fmt, "rows": count,
                    "filters": {k: str(getattr(v, "pk", v)) for k, v in filters.items()}})
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            return export_response(fmt, f"pengaduan-{stamp}", _("Complaints"),
                                   exports.export_headers(request.user),
                                   exports.export_rows(qs, user=request.user))
    return render(request, "complaints/staff_export.html", {"form": form})


@login_required
def urgent(request):
    """Open complaints in urgent categories: the rapid-response team's list."""
    _officer(request)
    page = page_of(selectors.urgent_for(user=request.user), request)
    return render(request, "complaints/urgent.html", {"page": page})
