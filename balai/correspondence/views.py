"""Persuratan's pages: thin views over the scope, one service call each (STYLE.md rule 6)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail, log_action
from balai.core.exports import xlsx_response
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.core.ratelimit import client_ip, hit
from balai.correspondence import forms, selectors, services
from balai.correspondence.models import Disposition, IncomingLetter, Position
from balai.correspondence.sheet import disposition_sheet_pdf
from balai.correspondence.storage import scan_storage


def _member(request) -> selectors.CorrespondenceScope:
    scope = selectors.correspondence_scope(request.user)
    if not scope.is_member:
        raise PermissionDenied
    return scope


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


QUEUES = {
    "unread": "incoming_unread", "pending": "dispositions_pending",
    "overdue": "dispositions_overdue", "to_dispose": None, "all": None,
}


@login_required
def index(request):
    """My queues and the agenda book as I may see it, with a search."""
    scope = _member(request)
    today = timezone.localdate()
    queue = request.GET.get("antrean", "all")
    if queue not in QUEUES:
        queue = "all"
    search = forms.SearchForm(request.GET or None)
    letters = selectors.queue_letters(user=request.user, queue=queue, today=today)
    if search.is_valid() and any(search.cleaned_data.values()):
        found = selectors.letter_search(user=request.user, **search.cleaned_data)
        letters = letters.filter(pk__in=found.values("pk"))
    letters = letters.select_related("addressee__user", "classification")
    return render(request, "correspondence/index.html", {
        "scope": scope, "queue": queue, "search": search, "today": today,
        "counts": selectors.queues_for(user=request.user, today=today),
        "page": page_of(letters.order_by("-received_at", "-id"), request),
        "query": _query_without_page(request)})


@login_required
def register(request):
    """The front office registers a letter from its scan."""
    scope = _member(request)
    if not scope.is_front_office:
        raise PermissionDenied
    form = forms.IncomingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter, _secret = services.incoming_register(
                submission=services.IncomingSubmission(
                    sender_name=data["sender_name"], subject=data["subject"],
                    addressee=data["addressee"], sender_address=data["sender_address"],
                    letter_number=data["letter_number"], letter_date=data["letter_date"],
                    summary=data["summary"], urgency=data["urgency"],
                    security=data["security"], classification=data["classification"]),
                scan=data["scan"], actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Registered as agenda number %(agenda)s.")
                             % {"agenda": letter.agenda_label})
            return redirect("correspondence:detail", pk=letter.pk)
    return render(request, "correspondence/register.html", {"form": form},
                  status=400 if form.errors else 200)


def _detail_context(request, scope, letter, *, bound=None, bound_for=None) -> dict:
    tree = selectors.disposition_tree(letter)
    mine = [d for d, _depth in tree if d.recipient_id == request.user.pk]
    subordinates = (services.subordinates_of(scope.position) if scope.position else [])
    letter_forms = []
    for t in scope.letter_actions(letter):
        if bound is not None and bound_for == ("letter", t.action):
            letter_forms.append((t, bound))
        elif t.action == "dispose":
            letter_forms.append((t, forms.DisposeForm(prefix="dispose",
                                                      subordinates=subordinates)))
        else:
            letter_forms.append((t, forms.CloseLetterForm(prefix="close")))
    my_forms = []
    for d in mine:
        offered = []
        for t in scope.disposition_actions(d):
            if bound is not None and bound_for == (d.pk, t.action):
                offered.append((t, bound))
            elif t.action == "forward":
                offered.append((t, forms.DisposeForm(prefix=f"d{d.pk}-forward",
                                                     subordinates=subordinates)))
            else:
                offered.append((t, forms.RespondForm(prefix=f"d{d.pk}-{t.action}")))
        my_forms.append((d, offered))
    return {"letter": letter, "scope": scope, "tree": tree, "letter_forms": letter_forms,
            "my_forms": my_forms, "today": timezone.localdate(),
            "replies": letter.replies.visible_to(request.user),
            "timeline": audit_trail(letter)}


@login_required
def detail(request, pk: int):
    scope = _member(request)
    letter = selectors.letter_for(user=request.user, pk=pk)
    services.incoming_mark_read(letter=letter, actor=request.user)
    for d in letter.dispositions.filter(recipient=request.user, read_at__isnull=True):
        services.disposition_read(disposition=d, actor=request.user)
    return render(request, "correspondence/detail.html",
                  _detail_context(request, scope, letter))


def _dispose_args(form) -> dict:
    data = form.cleaned_data
    return {"recipients": list(data["recipients"]), "instructions": data["instructions"],
            "notes": data["notes"], "workdays": data["workdays"]}


@login_required
@require_POST
def letter_action(request, pk: int, action: str):
    scope = _member(request)
    letter = selectors.letter_for(user=request.user, pk=pk)
    if action not in {t.action for t in scope.letter_actions(letter)}:
        raise PermissionDenied
    subordinates = services.subordinates_of(scope.position) if scope.position else []
    if action == "dispose":
        form = forms.DisposeForm(request.POST, prefix="dispose", subordinates=subordinates)
        done = _("Disposed.")
    else:
        form = forms.CloseLetterForm(request.POST, prefix="close")
        done = _("The letter is closed and filed.")

    def call():
        if action == "dispose":
            return services.letter_dispose(letter=letter, actor=request.user,
                                           **_dispose_args(form))
        return services.letter_close(letter=letter, note=form.cleaned_data["note"],
                                     actor=request.user)

    if form.is_valid():
        try:
            call()
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("correspondence:detail", pk=letter.pk)
    return render(request, "correspondence/detail.html",
                  _detail_context(request, scope, letter, bound=form,
                                  bound_for=("letter", action)), status=400)


@login_required
@require_POST
def disposition_action(request, pk: int, action: str):
    scope = _member(request)
    disposition = get_object_or_404(Disposition.objects.select_related("letter"), pk=pk,
                                    recipient=request.user)
    letter = selectors.letter_for(user=request.user, pk=disposition.letter_id)
    if action not in {t.action for t in scope.disposition_actions(disposition)}:
        raise PermissionDenied
    prefix = f"d{disposition.pk}-{action}"
    if action == "forward":
        form = forms.DisposeForm(request.POST, prefix=prefix,
                                 subordinates=services.subordinates_of(scope.position))
    else:
        form = forms.RespondForm(request.POST, prefix=prefix)

    def call():
        if action == "forward":
            return services.disposition_forward(disposition=disposition, actor=request.user,
                                                **_dispose_args(form))
        service = (services.disposition_answer if action == "answer"
                   else services.disposition_close)
        return service(disposition=disposition, response=form.cleaned_data["response"],
                       actor=request.user)

    if form.is_valid():
        try:
            call()
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("correspondence:detail", pk=letter.pk)
    return render(request, "correspondence/detail.html",
                  _detail_context(request, scope, letter, bound=form,
                                  bound_for=(disposition.pk, action)), status=400)


@login_required
def scan(request, pk: int):
    """The scan, to those who may see the letter; each viewing is on the trail."""
    _member(request)
    letter = selectors.letter_for(user=request.user, pk=pk)
    if not letter.scan_path:
        raise Http404
    with transaction.atomic():
        log_action(letter, "correspondence.scan_viewed", actor=request.user)
    suffix = letter.scan_path.rsplit(".", 1)[-1]
    return FileResponse(scan_storage().open(letter.scan_path, "rb"),
                        content_type=letter.scan_type, as_attachment=False,
                        filename=f"surat-{letter.agenda_number:04d}-{letter.agenda_year}."
                                 f"{suffix}")


@login_required
def disposition_sheet(request, pk: int):
    """The printable lembar disposisi of a letter the viewer may see."""
    _member(request)
    letter = selectors.letter_for(user=request.user, pk=pk)
    pdf = disposition_sheet_pdf(letter, selectors.disposition_tree(letter),
                                today=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lembar-disposisi-{letter.agenda_number:04d}-'
        f'{letter.agenda_year}.pdf"')
    return response


AGENDA_HEADERS = ["No. agenda", "Diterima", "Pengirim", "Nomor surat", "Tanggal surat",
                  "Perihal", "Sifat", "Klasifikasi keamanan", "Kode klasifikasi",
                  "Ditujukan kepada", "Status"]


@login_required
def agenda_export(request):
    """The agenda book (buku agenda) as XLSX: exactly the rows the viewer may see."""
    _member(request)
    search = forms.SearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    letters = selectors.letter_search(user=request.user, **filters).order_by(
        "agenda_year", "unit_code", "agenda_number")
    rows = ([letter.agenda_label, timezone.localtime(letter.received_at).strftime("%d/%m/%Y %H:%M"),
             letter.sender_name, letter.letter_number,
             letter.letter_date.strftime("%d/%m/%Y") if letter.letter_date else "",
             letter.subject, letter.get_urgency_display(), letter.get_security_display(),
             letter.classification.code if letter.classification else "",
             str(letter.addressee), letter.get_status_display()]
            for letter in letters.iterator())
    return xlsx_response("buku-agenda-surat-masuk.xlsx", "Buku agenda", AGENDA_HEADERS, rows)


# --- the citizen's letter ---------------------------------------------------------------

def _public_addressee() -> Position | None:
    """Letters from citizens go to the head of the office (the top of the chain)."""
    return Position.objects.filter(parent__isnull=True).order_by("pk").first()


def public_form(request):
    """"Kirim surat ke Pemkot": a citizen writes to the city government."""
    form = forms.PublicLetterForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not hit(f"correspondence-letter:{client_ip(request)}",
                   limit=settings.CORRESPONDENCE_LETTERS_PER_HOUR, window_s=3600):
            form.is_valid()
            form.add_error(None, _("Too many letters from your connection in the last hour. "
                                   "Try again later."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                letter, secret = services.incoming_register(
                    submission=services.IncomingSubmission(
                        sender_name=data["sender_name"], subject=data["subject"],
                        addressee=_public_addressee(), sender_address=data["sender_address"],
                        sender_email=data["sender_email"], sender_phone=data["sender_phone"],
                        summary=data["summary"], channel=IncomingLetter.Channel.WEB),
                    scan=data["scan"],
                    actor=request.user if request.user.is_authenticated else None)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                request.session[f"surat:{letter.code}"] = secret
                return redirect("correspondence:sent", code=letter.code)
    return render(request, "correspondence/public_form.html", {"form": form},
                  status=400 if form.errors else 200)


def _letter_by_code(code: str) -> IncomingLetter:
    letter = IncomingLetter.objects.filter(code=code, channel=IncomingLetter.Channel.WEB).first()
    if letter is None:
        raise Http404
    return letter


@never_cache
def sent(request, code: str):
    """The receipt: the tracking code and the private link, shown once."""
    letter = _letter_by_code(code)
    secret = request.session.get(f"surat:{letter.code}", "")
    if not letter.secret_matches(secret):
        return redirect("correspondence:track_detail", code=letter.code)
    link = request.build_absolute_uri(
        reverse("correspondence:track_detail", args=[letter.code]) + f"?k={secret}")
    return render(request, "correspondence/sent.html", {"letter": letter, "link": link})


@never_cache
def track_detail(request, code: str):
    """Without the secret: that the letter arrived. With it: its progress."""
    letter = _letter_by_code(code)
    secret = request.GET.get("k") or request.session.get(f"surat:{letter.code}", "")
    is_sender = letter.secret_matches(secret)
    if is_sender:
        request.session[f"surat:{letter.code}"] = secret
    return render(request, "correspondence/track_detail.html", {
        "letter": letter, "is_sender": is_sender,
        "timeline": audit_trail(letter, public_only=True) if is_sender else []})
