"""The PPID records in the Django admin: to look them up and to correct a few texts.

Nothing here changes a state: statuses, stages, clocks and decisions change only through
the services, which audit them (STYLE.md, One door per state change). What an
administrator may correct (a misspelt name, a wrong e-mail address, the commission's
registration number) is saved with an audit entry that names the fields, not their
values. NIK and identity documents never appear in a list or a search; a change page
shows the NIK masked, as the staff page does for readers without the identity right.
Requests, decisions, objections and disputes are legal records: never deleted.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from balai.core.admin import ReadOnlyAdminMixin
from balai.core.audit import log_action
from balai.lib.nik import nik_mask
from balai.ppid import services
from balai.ppid.models import (
    AnnualReportText,
    Decision,
    DipEntry,
    Dispute,
    InformationRequest,
    Objection,
)


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None):
        return False


class CorrectionAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Only the fields outside `readonly_fields` can be corrected; each save is audited.

    The admin saves inside a transaction, so the change and its audit entry commit together.
    """

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if not form.changed_data:
            return
        obj.save(update_fields=[*form.changed_data, "updated_at"])
        log_action(obj, "ppid.corrected", actor=request.user,
                   data={"changed": sorted(form.changed_data)})


# --- DIP -------------------------------------------------------------------------------

class DipEntryAdminForm(forms.ModelForm):
    class Meta:
        model = DipEntry
        fields = [name for name in services.DIP_FIELDS if name != "url"]

    url = forms.URLField(label=_("link to the information"), required=False, max_length=500,
                         assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        # The service's exemption rules, as field errors here rather than an error page.
        entry = DipEntry(**{name: cleaned[name] for name in services.DIP_FIELDS
                            if name in cleaned})
        try:
            services.dip_entry_check(entry)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned


@admin.register(DipEntry)
class DipEntryAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Saved through the DIP services (audited, exemption rules); a file is attached or
    replaced on the staff DIP page, which checks its content. Unpublish, never delete."""

    form = DipEntryAdminForm
    list_display = ["title", "information_class", "agency", "year", "is_published",
                    "updated_at"]
    list_filter = ["information_class", "is_published", "year", "agency"]
    search_fields = ["title", "summary", "exemption_decree"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    fields = [*services.DIP_FIELDS, "file"]
    readonly_fields = ["file"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.DIP_FIELDS}
        if change:
            saved = services.dip_entry_update(entry=obj, data=data, actor=request.user)
        else:
            saved = services.dip_entry_create(data=data, actor=request.user)
        # The admin logs and redirects with the object it holds.
        obj.pk, obj._state.adding = saved.pk, False


# --- requests --------------------------------------------------------------------------

@admin.register(InformationRequest)
class InformationRequestAdmin(CorrectionAdmin):
    """The requester's contact details can be corrected; the request and its clock cannot."""

    list_display = ["code", "status", "requester_kind", "channel", "received_at", "due_date",
                    "delegated_to"]
    list_filter = ["status", "channel", "requester_kind", "delegated_to"]
    search_fields = ["code", "name", "email"]
    date_hierarchy = "received_at"
    list_select_related = ["delegated_to"]
    fieldsets = [
        (None, {"fields": ["staff_page", "status", "channel", "received_at", "intake_by"]}),
        (_("Requester"), {"fields": ["requester_kind", "name", "nik_masked",
                                     "legal_document_number", "identity_documents",
                                     "address", "occupation", "phone", "email"]}),
        (_("The request"), {"fields": ["information", "purpose", "obtain_method",
                                       "delivery_method", "delegated_to", "delegation_note"]}),
        (_("Deadlines"), {"fields": ["clock_start", "due_date", "original_due_date",
                                     "extended_at", "extension_reason", "answered_at",
                                     "closed_at"]}),
        (_("Public archive"), {"fields": ["archive_summary"]}),
    ]
    readonly_fields = ["staff_page", "status", "channel", "received_at", "intake_by",
                       "requester_kind", "nik_masked", "legal_document_number",
                       "identity_documents", "information", "purpose", "obtain_method",
                       "delivery_method", "delegated_to", "delegation_note", "clock_start",
                       "due_date", "original_due_date", "extended_at", "extension_reason",
                       "answered_at", "closed_at", "archive_summary"]

    @admin.display(description=_("staff page"))
    def staff_page(self, obj):
        url = reverse("ppid:staff_detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.code)

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj):
        return nik_mask(obj.nik) if obj.nik else "—"

    @admin.display(description=_("identity documents"))
    def identity_documents(self, obj):
        # Their kinds only: the files open from the staff page, for PPID staff, audited.
        kinds = [doc.get_kind_display() for doc in obj.identity_documents.all()]
        return ", ".join(kinds) or "—"


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the decision is what the signed written notice says."""

    list_display = ["request", "outcome", "is_held", "exemption", "other_ground", "cost",
                    "decided_at"]
    list_filter = ["outcome", "is_held", "exemption", "other_ground"]
    search_fields = ["request__code"]
    date_hierarchy = "decided_at"
    list_select_related = ["request"]
    fields = ["request", "is_held", "holder", "outcome", "exemption", "other_ground",
              "consequence_test", "given", "withheld", "withheld_reason", "form", "delivery",
              "cost", "payment", "notice", "decided_by", "decided_at"]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: filed by the requester, decided by the atasan PPID in a signed letter."""

    list_display = ["code", "request", "grounds_display", "status", "filed_at", "due_date",
                    "outcome"]
    list_filter = ["status", "outcome"]
    search_fields = ["code", "request__code"]
    date_hierarchy = "filed_at"
    list_select_related = ["request"]
    fields = ["code", "request", "requester_name", "information", "grounds", "ground_date",
              "filing_deadline", "case_summary",
              "filed_by_proxy", "filed_at", "status", "due_date", "outcome", "reasons",
              "decision_document", "decided_by", "decided_at", "requester_response"]


@admin.register(Dispute)
class DisputeAdmin(CorrectionAdmin):
    """The commission's name and number and the recorded texts can be corrected; the stage
    moves only through the staff page (dispute_update)."""

    list_display = ["request", "commission", "registration_number", "stage", "filed_on",
                    "decision_date"]
    list_filter = ["stage", "filed_by"]
    search_fields = ["request__code", "registration_number", "commission"]
    date_hierarchy = "filed_on"
    list_select_related = ["request"]
    fields = ["request", "objection", "filed_by", "filed_on", "filing_deadline", "commission",
              "registration_number", "stage", "settlement_started_on", "mediation_result",
              "decision_date", "decision_summary"]
    readonly_fields = ["request", "objection", "filed_by", "filed_on", "filing_deadline",
                       "stage", "settlement_started_on", "decision_date"]


@admin.register(AnnualReportText)
class AnnualReportTextAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Saved through annual_report_text_save, as on the annual report page (audited)."""

    list_display = ["year", "updated_by", "updated_at"]
    fields = ["year", "general_policy", "obstacles", "recommendations", "updated_by"]
    readonly_fields = ["updated_by"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "year"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        saved = services.annual_report_text_save(
            year=obj.year, actor=request.user,
            **{name: form.cleaned_data[name]
               for name in ("general_policy", "obstacles", "recommendations")})
        obj.pk, obj._state.adding = saved.pk, False
