import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from balai.complaints.selectors import complaint_scope
from balai.complaints.services import Submission
from balai.core.forms import apply_service_errors
from balai.core.pagination import CappedPaginator
from balai.intake import cloudapi, forms
from balai.intake.models import Conversation, MailDraft, MailDraftPhoto
from balai.intake.services import (
    mail_draft_complete,
    mail_draft_discard,
    whatsapp_receive,
)

MAX_BODY = 1_000_000


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request):
    """The Cloud API's callback: GET answers the subscription challenge when the verify
    token matches; POST takes events signed with the app secret (X-Hub-Signature-256)."""
    if request.method == "GET":
        token = settings.WHATSAPP_VERIFY_TOKEN
        if (token and request.GET.get("hub.mode") == "subscribe"
                and constant_time_compare(request.GET.get("hub.verify_token", ""), token)):
            return HttpResponse(request.GET.get("hub.challenge", ""),
                                content_type="text/plain")
        return HttpResponseForbidden("verify token mismatch")
    body = request.body[:MAX_BODY + 1]
    if len(body) > MAX_BODY or not cloudapi.signature_valid(
            body, request.headers.get("X-Hub-Signature-256", ""),
            settings.WHATSAPP_APP_SECRET):
        return HttpResponseForbidden("bad signature")
    try:
        payload = json.loads(body)
    except ValueError:
        return HttpResponse(status=400)
    whatsapp_receive(messages=cloudapi.messages_in(payload))
    # 200 at once, also for events we ignore (statuses): Meta retries anything else.
    return HttpResponse("ok", content_type="text/plain")


# --- the front office's e-mail queue -----------------------------------------------------

def _front_office(request):
    if not complaint_scope(request.user).can_intake:
        raise PermissionDenied


@login_required
@require_GET
def mail_queue(request):
    """E-mails waiting to be completed, oldest first (the next one to handle on top)."""
    _front_office(request)
    drafts = (MailDraft.objects.filter(state=MailDraft.State.DRAFT)
              .annotate(n_photos=Count("photos")).order_by("received_at", "id"))
    page = CappedPaginator(drafts, 25).get_page(request.GET.get("page"))
    return render(request, "intake/mail_queue.html", {"page": page})


def _initial(draft: MailDraft) -> dict:
    return {"title": draft.subject[:150], "description": draft.body,
            "reporter_name": draft.sender_name, "reporter_email": draft.sender_email,
            "lat": draft.lat, "lng": draft.lng}


@login_required
def mail_detail(request, pk: int):
    """One e-mail: complete it into a complaint, or discard it with a reason."""
    _front_office(request)
    draft = get_object_or_404(MailDraft, pk=pk)
    form = forms.MailCompleteForm(initial=_initial(draft))
    discard = forms.MailDiscardForm()
    if request.method == "POST" and draft.state == MailDraft.State.DRAFT:
        try:
            if "discard" in request.POST:
                discard = forms.MailDiscardForm(request.POST)
                if discard.is_valid():
                    mail_draft_discard(draft=draft, reason=discard.cleaned_data["reason"],
                                       actor=request.user)
                    messages.success(request, _("The e-mail was discarded."))
                    return redirect("intake:mail_queue")
            else:
                form = forms.MailCompleteForm(request.POST)
                if form.is_valid():
                    complaint = mail_draft_complete(
                        draft=draft, actor=request.user,
                        submission=Submission(**form.cleaned_data))
                    messages.success(request, _("Complaint %(code)s was filed.")
                                     % {"code": complaint.code})
                    return redirect("complaints:staff_detail", pk=complaint.pk)
        except ValidationError as exc:
            apply_service_errors(discard if "discard" in request.POST else form, exc)
    return render(request, "intake/mail_detail.html", {
        "draft": draft, "form": form, "discard": discard, "photos": draft.photos.all(),
        "tile_url": settings.MAP_TILE_URL})


@login_required
@require_GET
def mail_photo(request, pk: int, size: str):
    """A draft's photo, for the front office only (it lives in private storage)."""
    _front_office(request)
    photo = get_object_or_404(MailDraftPhoto, pk=pk)
    field = photo.image if size == "full" else photo.thumbnail
    response = FileResponse(field.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def conversation_detail(request, pk: int):
    """A WhatsApp conversation's transcript, for the complaint desk and front office."""
    _front_office(request)
    conversation = get_object_or_404(Conversation.objects.select_related("complaint",
                                                                         "category"), pk=pk)
    return render(request, "intake/conversation.html", {
        "conversation": conversation, "chat": conversation.messages.all()})


@login_required
@require_GET
def conversations(request):
    """WhatsApp conversations, the latest first, for the complaint desk and front office."""
    _front_office(request)
    rows = Conversation.objects.select_related("complaint", "category")
    page = CappedPaginator(rows, 25).get_page(request.GET.get("page"))
    return render(request, "intake/conversations.html", {"page": page})
