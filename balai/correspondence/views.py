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
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from balai.core.audit import audit_trail, log_action
from balai.core.exports import xlsx_response
from balai.core.forms import apply_service_errors
from balai.core.pagination import DEFAULT_CAP, page_of
from balai.core.ratelimit import client_ip, hit
from balai.correspondence import attachments, forms, outgoing, selectors, services
from balai.correspondence.models import (
    Disposition,
    Distribution,
    IncomingLetter,
    OutgoingKind,
    OutgoingLetter,
    Position,
)
from balai.correspondence.sheet import disposition_sheet_pdf
from balai.correspondence.storage import scan_storage
from balai.documents.bsre import bsre_configured
from balai.documents.storage import pdf_read


def _member(request) -> selectors.CorrespondenceScope:
    scope = selectors.correspondence_scope(request.user)
    if not scope.is_member:
        raise PermissionDenied
    return scope


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


SEARCH_CAP = 1_000
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
    cap = DEFAULT_CAP
    if search.is_valid() and any(search.cleaned_data.values()):
        letters = selectors.letters_filtered(letters, user=request.user,
                                             **search.cleaned_data)
        # A word found in a tenth of a million letters is narrowed, not paged through:
        # counting up to 1,000 matches instead of 10,000 keeps the search fast.
        cap = SEARCH_CAP
    letters = letters.select_related("addressee__user", "classification")
    return render(request, "correspondence/index.html", {
        "scope": scope, "queue": queue, "search": search, "today": today,
        "counts": selectors.queues_for(user=request.user, today=today),
        "page": page_of(letters.order_by("-received_at", "-id"), request, cap=cap),
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
            letter_forms.append((t, forms.CloseLetterForm(
                prefix="close", needs_classification=letter.classification_id is None)))
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
            **_attachments_context(request, letter),
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
        form = forms.CloseLetterForm(request.POST, prefix="close",
                                     needs_classification=letter.classification_id is None)
        done = _("The letter is closed and filed.")

    def call():
        if action == "dispose":
            return services.letter_dispose(letter=letter, actor=request.user,
                                           **_dispose_args(form))
        return services.letter_close(letter=letter, note=form.cleaned_data["note"],
                                     classification=form.cleaned_data.get("classification"),
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


def _attachments_context(request, letter, form=None) -> dict:
    side = "masuk" if isinstance(letter, IncomingLetter) else "keluar"
    return {"attachments": letter.attachments.all(), "attachment_side": side,
            "can_attach": attachments.may_attach(letter, request.user),
            "attachment_form": form or forms.AttachmentForm()}


def _attachment_letter(request, pk: int, side: str):
    """The letter of an attachment, through the viewer's scope: 404 for anyone who may
    not see the letter, exactly as its page."""
    if side == "masuk":
        return selectors.letter_for(user=request.user, pk=pk)
    return _draft_for(request, pk)


@login_required
@require_POST
def attachment_upload(request, pk: int, side: str):
    """Attach a file to a letter (its front office or addressee) or a draft (its author)."""
    scope = _member(request)
    letter = _attachment_letter(request, pk, side)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = attachments.attachment_add(letter=letter, upload=form.cleaned_data["file"],
                                               actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Attached: %(name)s.") % {"name": added.name})
            return redirect(_letter_url(letter))
    if side == "masuk":
        context = _detail_context(request, scope, letter)
        template = "correspondence/detail.html"
    else:
        context = _draft_context(request, scope, letter)
        template = "correspondence/draft_detail.html"
    context.update(_attachments_context(request, letter, form))
    return render(request, template, context, status=400)


def _letter_url(letter) -> str:
    name = "detail" if isinstance(letter, IncomingLetter) else "draft_detail"
    return reverse(f"correspondence:{name}", args=[letter.pk])


def _attachment_response(row) -> FileResponse:
    return FileResponse(scan_storage().open(row.path, "rb"), content_type=row.content_type,
                        as_attachment=False, filename=row.name)


@login_required
def attachment_file(request, pk: int, attachment: int, side: str):
    """An attachment, to those who may see its letter; each viewing is on the trail."""
    _member(request)
    letter = _attachment_letter(request, pk, side)
    row = get_object_or_404(letter.attachments, pk=attachment)
    with transaction.atomic():
        log_action(letter, "correspondence.attachment_viewed", actor=request.user,
                   data={"attachment": row.pk})
    return _attachment_response(row)


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment: int):
    """The author takes an attachment off a draft they may still change."""
    _member(request)
    letter = _draft_for(request, pk)
    row = get_object_or_404(letter.attachments, pk=attachment)
    try:
        attachments.attachment_remove(attachment=row, actor=request.user)
    except ValidationError as exc:
        raise PermissionDenied from exc
    messages.success(request, _("Attachment removed."))
    return redirect(_letter_url(letter))


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


@login_required
def archive(request):
    """Filed letters by archive classification, with each code's retention (JRA)."""
    scope = _member(request)
    return render(request, "correspondence/archive.html", {
        "scope": scope, "archive": selectors.archive_for(user=request.user)})


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
    masked = _("(secret)")
    rows = ([letter.agenda_label, timezone.localtime(letter.received_at).strftime("%d/%m/%Y %H:%M"),
             letter.sender_name, letter.letter_number,
             letter.letter_date.strftime("%d/%m/%Y") if letter.letter_date else "",
             letter.subject, letter.get_urgency_display(), letter.get_security_display(),
             letter.classification.code if letter.classification else "",
             str(letter.addressee), letter.get_status_display()]
            if letter.is_visible else
            [letter.agenda_label, timezone.localtime(letter.received_at).strftime("%d/%m/%Y %H:%M"),
             masked, masked, "", masked, "", letter.get_security_display(), "", masked, ""]
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


# --- outgoing letters -------------------------------------------------------------------

def _officials(scope) -> list[Position]:
    """Who may review or sign a draft: the officials of the author's own office."""
    if scope.position is None:
        return []
    return list(Position.objects.select_related("user").filter(
        agency_id=scope.position.agency_id).exclude(user=scope.user))


@login_required
def drafts(request):
    """My outgoing letters: to review, to sign, returned to me, my drafts, copies."""
    scope = _member(request)
    user = request.user
    return render(request, "correspondence/drafts.html", {
        "scope": scope,
        "to_review": selectors.to_review(user=user),
        "to_sign": OutgoingLetter.objects.filter(signer=user, status__in=[
            OutgoingLetter.Status.APPROVED, OutgoingLetter.Status.SIGNING]),
        "returned": OutgoingLetter.objects.filter(author=user,
                                                  status=OutgoingLetter.Status.RETURNED),
        "mine": OutgoingLetter.objects.filter(author=user).exclude(
            status=OutgoingLetter.Status.RETURNED).select_related("document__number")[:50],
        "not_sent": selectors.not_sent_for(user=user),
        "received": selectors.received_for(user=user, role=Distribution.Role.TO)[:50],
        "copies": selectors.copies_for(user=user)[:50],
    })


@login_required
def draft_create(request):
    scope = _member(request)
    if scope.position is None:
        raise PermissionDenied
    reply_to = None
    if request.GET.get("balas") or request.POST.get("reply_to"):
        reply_to = selectors.letter_for(
            user=request.user, pk=int(request.GET.get("balas") or request.POST["reply_to"]))
    kind = request.GET.get("jenis", OutgoingKind.OFFICIAL_LETTER)
    initial = {"kind": kind, "body": outgoing.TEMPLATES.get(kind, "")}
    if reply_to is not None:
        initial.update(subject=f"Balasan: {reply_to.subject}"[:300],
                       addressees=reply_to.sender_name,
                       classification=reply_to.classification_id)
    form = forms.DraftForm(request.POST or None, initial=initial,
                           officials=_officials(scope))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter = outgoing.outgoing_create(
                kind=data["kind"], subject=data["subject"], addressees=data["addressees"],
                body=data["body"], copies=data["copies"], security=data["security"],
                classification=data["classification"], signer=data["signer"],
                reviewers=form.reviewers(), reply_to=reply_to, actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("correspondence:draft_detail", pk=letter.pk)
    return render(request, "correspondence/draft_form.html", {
        "form": form, "reply_to": reply_to, "kinds": OutgoingKind.choices},
        status=400 if form.errors else 200)


DRAFT_FORMS = {"revise": forms.ReviseForm, "submit": None, "approve": None,
               "return": forms.ReturnForm, "sign": forms.SignForm,
               "distribute": forms.DistributeForm}


def _distribute_form(letter, data=None) -> forms.DistributeForm:
    positions = Position.objects.filter(
        agency__correspondence_positions__user=letter.author).distinct()
    return forms.DistributeForm(data, prefix="distribute", positions=list(positions),
                                suggested=outgoing.distribution_suggestions(letter))


def _recipients(data) -> list:
    R, D = outgoing.Recipient, Distribution
    return ([R(role=D.Role.TO, channel=D.Channel.INTERNAL, position=p)
             for p in data["internal_to"]]
            + [R(role=D.Role.COPY, channel=D.Channel.INTERNAL, position=p)
               for p in data["internal_copies"]]
            + [R(role=D.Role.TO, channel=D.Channel.EMAIL, name=name, email=address)
               for name, address in data["by_email"]]
            + [R(role=D.Role.TO, channel=D.Channel.POST, name=line)
               for line in data["by_post"]])


def _draft_context(request, scope, letter, *, bound=None) -> dict:
    offered = []
    for t in scope.draft_actions(letter):
        form_class = DRAFT_FORMS[t.action]
        if bound is not None and bound.prefix == t.action:
            offered.append((t, bound))
        elif form_class is forms.DistributeForm:
            offered.append((t, _distribute_form(letter)))
        elif form_class is forms.ReviseForm:
            offered.append((t, form_class(prefix=t.action, initial={
                "subject": letter.subject, "addressees": letter.addressees,
                "body": letter.body, "copies": letter.copies})))
        else:
            offered.append((t, form_class(prefix=t.action) if form_class else None))
    return {"letter": letter, "scope": scope, "offered": offered,
            "versions": outgoing.version_diffs(letter),
            "reviews": letter.reviews.select_related("reviewer"),
            "turn": selectors.review_turn(letter),
            "bsre": bsre_configured(),
            "distributions": letter.distributions.select_related("sent_by"),
            **_attachments_context(request, letter),
            "timeline": audit_trail(letter)}


def _draft_for(request, pk: int) -> OutgoingLetter:
    letter = (OutgoingLetter.objects.visible_to(request.user)
              .select_related("author", "signer", "classification", "reply_to",
                              "document__number").filter(pk=pk).first())
    if letter is None:
        raise Http404
    return letter


@login_required
def draft_detail(request, pk: int):
    scope = _member(request)
    letter = _draft_for(request, pk)
    return render(request, "correspondence/draft_detail.html",
                  _draft_context(request, scope, letter))


@login_required
@require_POST
@sensitive_post_parameters("sign-passphrase")
def draft_action(request, pk: int, action: str):
    scope = _member(request)
    letter = _draft_for(request, pk)
    if action not in {t.action for t in scope.draft_actions(letter)}:
        raise PermissionDenied
    form_class = DRAFT_FORMS[action]
    if form_class is forms.DistributeForm:
        form = _distribute_form(letter, request.POST)
    else:
        form = form_class(request.POST, prefix=action) if form_class else None
    if form is None or form.is_valid():
        data = form.cleaned_data if form else {}
        try:
            if action == "revise":
                outgoing.outgoing_revise(letter=letter, actor=request.user, **data)
            elif action == "submit":
                outgoing.outgoing_submit(letter=letter, actor=request.user)
            elif action == "approve":
                outgoing.outgoing_approve(letter=letter, actor=request.user)
            elif action == "return":
                outgoing.outgoing_return(letter=letter, notes=data["notes"], actor=request.user)
            elif action == "distribute":
                outgoing.outgoing_distribute(letter=letter, recipients=_recipients(data),
                                             actor=request.user)
            else:
                outgoing.outgoing_sign(letter=letter, passphrase=data["passphrase"],
                                       actor=request.user)
        except ValidationError as exc:
            if form is None:
                for message in exc.messages:
                    messages.error(request, message)
                return redirect("correspondence:draft_detail", pk=letter.pk)
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("correspondence:draft_detail", pk=letter.pk)
    letter.refresh_from_db()
    return render(request, "correspondence/draft_detail.html",
                  _draft_context(request, scope, letter, bound=form), status=400)


@login_required
def draft_pdf(request, pk: int):
    """The signed letter's PDF, to those who may read the draft."""
    _member(request)
    letter = _draft_for(request, pk)
    if letter.document is None:
        raise Http404
    response = HttpResponse(pdf_read(letter.document.pdf_path), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="surat-{letter.document.uuid}.pdf"'
    return response


def _received(request, pk: int) -> Distribution:
    """A recipient's row of a sent letter: an official of the office it was sent to (logged
    in), or an outside addressee with the private link of their e-mail; 404 for anyone
    else. The first opening is recorded as read."""
    row = (Distribution.objects.select_related("letter__document", "position")
           .filter(pk=pk).first())
    if row is None:
        raise Http404
    own = (request.user.is_authenticated and row.position is not None
           and row.position.user_id == request.user.pk)
    if not (own or row.secret_matches(request.GET.get("k", ""))):
        raise Http404
    if row.read_at is None:
        Distribution.objects.filter(pk=row.pk, read_at__isnull=True).update(
            read_at=timezone.now())
    return row


@never_cache
def received_attachment(request, pk: int, attachment: int):
    """An attachment of a sent letter, for the recipients of the letter only."""
    row = _received(request, pk)
    return _attachment_response(get_object_or_404(row.letter.attachments, pk=attachment))


@never_cache
def received_pdf(request, pk: int):
    """A sent letter's signed PDF for its recipient (`_received`)."""
    row = _received(request, pk)
    document = row.letter.document
    response = HttpResponse(pdf_read(document.pdf_path), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="surat-{document.uuid}.pdf"'
    return response
