from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from balai.core.ratelimit import client_ip, hit
from balai.documents.forms import DocumentFilterForm, VerifyUploadForm
from balai.documents.models import IssuedDocument
from balai.documents.selectors import can_see_register, issued_document_list_for, unit_codes
from balai.documents.storage import pdf_read
from balai.documents.verification import document_signature_check, pdf_verify

# Checks of uploaded PDFs per connection and hour: verifying a signature costs real CPU.
VERIFY_UPLOADS_PER_HOUR = 30


def verify_detail(request, uuid):
    """The page the QR code on a letter opens: what we issued, and whether it holds."""
    document = get_object_or_404(IssuedDocument.objects.select_related("number"), uuid=uuid)
    return render(request, "documents/verify_detail.html", {
        "document": document, "check": document_signature_check(document),
    })


@require_http_methods(["GET", "POST"])
def verify_upload(request):
    form = VerifyUploadForm(request.POST or None, request.FILES or None)
    verdict, status = None, 200
    if request.method == "POST" and form.is_valid():
        if hit(f"verify:{client_ip(request)}", limit=VERIFY_UPLOADS_PER_HOUR, window_s=3600):
            verdict = pdf_verify(form.cleaned_data["file"].read())
        else:
            form.add_error(None, _("Too many documents checked from your connection in the "
                                   "last hour. Try again later."))
            status = 429
    return render(request, "documents/verify_upload.html", {"form": form, "verdict": verdict},
                  status=status)


@login_required
def document_download(request, uuid):
    """Staff re-download: the stored bytes, identical to what was issued."""
    if not can_see_register(request.user):
        raise PermissionDenied
    document = get_object_or_404(issued_document_list_for(user=request.user), uuid=uuid)
    response = HttpResponse(pdf_read(document.pdf_path), content_type="application/pdf")
    name = document.number.full_number.replace("/", "-").replace(".", "_")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["X-Content-SHA256"] = document.sha256
    # A PPID notice carries the requester's particulars: no cache keeps a copy (issue 23).
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def staff_list(request):
    """The register of issued documents, filtered by kind, unit, date and text."""
    if not can_see_register(request.user):
        raise PermissionDenied
    form = DocumentFilterForm(request.GET or None, kinds=IssuedDocument.Kind.choices,
                              units=unit_codes())
    filters = form.cleaned_data if form.is_valid() else {}
    qs = issued_document_list_for(user=request.user, **{k: v for k, v in filters.items()
                                                        if v})
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "documents/staff_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
    })
