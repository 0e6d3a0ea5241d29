"""The monev checklist for the PPID officer: what a Komisi Informasi monev auditor asks,
item by item, with a mark and a link to fix each gap (issue 13)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import audit_trail
from balai.ppid import forms, selectors
from balai.ppid.models import Announcement, BerkalaItem, SetiapSaatItem
from balai.ppid.monev import MARK_LABELS
from balai.ppid.services.monev import (
    announcement_create,
    announcement_publish,
    announcement_withdraw,
    berkala_item_link,
    setiap_saat_item_update,
)
from balai.ppid.views._common import ppid_staff, service_errors_to


def _main_ppid(request) -> selectors.PpidScope:
    """The checklist is the whole body's: the PPID utama keeps it; the atasan, the head of
    the office and the administrator read it; a PPID pembantu neither."""
    scope = ppid_staff(request)
    if not (scope.is_main or scope.reads_all):
        raise PermissionDenied
    return scope


@login_required
def staff_monev(request):
    scope = _main_ppid(request)
    sections = selectors.monev_checklist(today=timezone.localdate())
    counts = {mark: sum(row.mark == mark for _title, rows in sections for row in rows)
              for mark in MARK_LABELS}
    return render(request, "ppid/monev.html", {
        "sections": sections, "counts": counts, "labels": MARK_LABELS,
        "may_fix": scope.is_main})


def _edit(request, item, *, with_url: bool, save):
    scope = _main_ppid(request)
    if request.method == "POST" and not scope.is_main:
        raise PermissionDenied
    initial = {"entries": list(item.dip_entries.values_list("pk", flat=True)),
               "url": getattr(item, "url", "")}
    form = forms.MonevEntriesForm(request.POST or None, initial=initial, with_url=with_url)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            service_errors_to(form, exc)
        else:
            messages.success(request, _("The checklist item has been saved."))
            return redirect("ppid:monev")
    return render(request, "ppid/monev_item.html", {
        "item": item, "form": form, "may_fix": scope.is_main, "timeline": audit_trail(item)})


@login_required
def staff_monev_berkala(request, pk: int):
    item = get_object_or_404(BerkalaItem, pk=pk)
    return _edit(request, item, with_url=False, save=lambda data: berkala_item_link(
        item=item, entries=data["entries"], actor=request.user))


@login_required
def staff_monev_setiap_saat(request, pk: int):
    item = get_object_or_404(SetiapSaatItem, pk=pk)
    return _edit(request, item, with_url=True, save=lambda data: setiap_saat_item_update(
        item=item, entries=data["entries"], url=data["url"], actor=request.user))


def announcements(request):
    """The public page of serta-merta announcements (UU 14/2008 Pasal 10)."""
    qs = Announcement.objects.filter(status=Announcement.Status.PUBLISHED)
    return render(request, "ppid/announcements.html",
                  {"page": Paginator(qs, 20).get_page(request.GET.get("page"))})


@login_required
def staff_announcements(request):
    scope = _main_ppid(request)
    form = forms.AnnouncementForm(request.POST or None)
    if request.method == "POST":
        if not scope.is_main:
            raise PermissionDenied
        if form.is_valid():
            announcement_create(title=form.cleaned_data["title"],
                                body=form.cleaned_data["body"], actor=request.user)
            messages.success(request, _("The draft has been saved."))
            return redirect("ppid:staff_announcements")
    page = Paginator(Announcement.objects.select_related("published_by"), 20).get_page(
        request.GET.get("page"))
    return render(request, "ppid/staff_announcements.html", {
        "form": form, "page": page, "may_fix": scope.is_main,
        "withdraw_form": forms.AnnouncementWithdrawForm()})


@login_required
def staff_announcement_action(request, pk: int, action: str):
    scope = _main_ppid(request)
    if request.method != "POST" or not scope.is_main:
        raise PermissionDenied
    announcement = get_object_or_404(Announcement, pk=pk)
    try:
        if action == "terbitkan":
            announcement_publish(announcement=announcement, actor=request.user)
            messages.success(request, _("The announcement is published."))
        elif action == "tarik":
            announcement_withdraw(announcement=announcement, actor=request.user,
                                  reason=request.POST.get("reason", ""))
            messages.success(request, _("The announcement is withdrawn."))
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("ppid:staff_announcements")
