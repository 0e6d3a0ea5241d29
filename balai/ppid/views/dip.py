"""The Daftar Informasi Publik: the public list and the PPID officers' editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from balai.core.audit import audit_trail
from balai.ppid import forms, selectors, services
from balai.ppid.models import (
    InformationClass,
)
from balai.ppid.views._common import (
    ppid_officer,
    query_without_page,
    service_errors_to,
)


def dip_list(request):
    form = forms.DipFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = selectors.dip_public_list(q=data.get("q", ""), information_class=data.get("kelas", ""),
                                   agency=data.get("opd", ""), year=data.get("tahun"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "ppid/dip_list.html", {
        "form": form, "page": page, "query": query_without_page(request),
        "classes": InformationClass.choices, "agencies": selectors.dip_agencies(),
        "years": selectors.dip_years(),
    })


def dip_detail(request, pk: int):
    return render(request, "ppid/dip_detail.html", {"entry": selectors.dip_public_get(pk)})


@login_required
def staff_dip_list(request):
    ppid_officer(request)
    qs = selectors.dip_staff_list_for(user=request.user)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "ppid/staff_dip_list.html", {"page": page, "query": ""})


@login_required
def staff_dip_edit(request, pk: int | None = None):
    ppid_officer(request)
    entry = selectors.dip_staff_get_for(user=request.user, pk=pk) if pk else None
    agencies = selectors.dip_agency_choices_for(user=request.user)
    form = forms.DipEntryForm(request.POST or None, request.FILES or None, instance=entry,
                              agencies=agencies)
    file = form.prepared_file() if request.method == "POST" and form.is_valid() else None
    if request.method == "POST" and not form.errors:
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if entry is None:
                entry = services.dip_entry_create(data=data, actor=request.user, file=file)
            else:
                entry = services.dip_entry_update(entry=entry, data=data, actor=request.user,
                                                  file=file,
                                                  remove_file=form.cleaned_data["remove_file"])
        except ValidationError as exc:
            service_errors_to(form, exc)
        else:
            messages.success(request, _("The DIP entry has been saved."))
            return redirect("ppid:staff_dip_edit", pk=entry.pk)
    return render(request, "ppid/staff_dip_edit.html", {
        "form": form, "entry": entry,
        "timeline": audit_trail(entry) if entry else [],
    })
