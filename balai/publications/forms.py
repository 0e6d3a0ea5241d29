from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.publications.models import ComplianceItem, Publication


def _required(message):
    return {"required": message}


def check_agenda(form, data, *, is_agenda: bool) -> None:
    """An agenda item has a day; an end time needs a start time and comes after it."""
    if is_agenda and not data.get("event_date"):
        form.add_error("event_date", _("Isi tanggal kegiatan agenda."))
    start, end = data.get("start_time"), data.get("end_time")
    if end and not start:
        form.add_error("start_time", _("Isi jam mulai bila ada jam selesai."))
    if start and end and end < start:
        form.add_error("end_time", _("Jam selesai tidak boleh sebelum jam mulai."))


class FilterForm(forms.Form):
    opd = forms.ChoiceField(label=_("OPD"), required=False)
    jenis = forms.ChoiceField(label=_("Jenis"), required=False, choices=[
        ("", _("Semua")), (Publication.Kind.NEWS, Publication.Kind.NEWS.label),
        (Publication.Kind.ANNOUNCEMENT, Publication.Kind.ANNOUNCEMENT.label)])

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [("", _("Semua OPD"))] + [
            (a.code, a.short_name or a.name) for a in agencies]


class PublicationForm(forms.ModelForm):
    publish_at = forms.DateTimeField(
        label=_("Terbit pada"), widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Waktu setempat. Isi waktu yang akan datang untuk menjadwalkan; tidak "
                    "tampil di mana pun sebelum waktunya."))
    image_upload = forms.ImageField(label=_("Gambar"), required=False,
                                    widget=forms.ClearableFileInput(
                                        attrs={"accept": "image/*"}),
                                    help_text=_("JPG, PNG atau HEIC; diperkecil dan data "
                                                "lokasinya dihapus."))

    class Meta:
        model = Publication
        fields = ["agency", "kind", "title", "summary", "body", "publish_at", "event_date",
                  "start_time", "end_time", "place", "lat", "lng"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "event_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {"title": _required(_("Beri judul.")),
                          "body": _required(_("Tulis isinya."))}

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = scope.agencies()
        self.fields["agency"].empty_label = None
        if not self.instance.pk:
            self.initial.setdefault("publish_at", timezone.localtime().replace(
                second=0, microsecond=0))
        else:
            self.initial["publish_at"] = timezone.localtime(self.instance.publish_at)
            self.fields["agency"].disabled = True

    def clean(self):
        data = super().clean()
        check_agenda(self, data, is_agenda=data.get("kind") == Publication.Kind.AGENDA)
        if (data.get("lat") is None) != (data.get("lng") is None):
            self.add_error("lng", _("Isi lintang dan bujur bersama, atau kosongkan keduanya."))
        return data


class CorrectionForm(forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=200,
                            error_messages=_required(_("Beri judul.")))
    body = forms.CharField(label=_("Isi yang benar"), widget=forms.Textarea(attrs={"rows": 12}),
                           error_messages=_required(_("Tulis isinya.")))
    note = forms.CharField(label=_("Apa yang dikoreksi"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=1000, help_text=_(
        "Tampil di publikasi bersama tanggalnya, misalnya \"Jam kegiatan semula tertulis "
        "09.00, yang benar 10.00.\""), error_messages=_required(_("Tulis apa yang dikoreksi.")))


    event_date = forms.DateField(label=_("Tanggal kegiatan"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("Jam mulai"), required=False, widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Jam selesai"), required=False, widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Tempat"), max_length=200, required=False)

    def __init__(self, *args, agenda: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not agenda:
            for name in ("event_date", "start_time", "end_time", "place"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        check_agenda(self, data, is_agenda="event_date" in self.fields)
        return data

    def event(self) -> dict:
        return {name: self.cleaned_data[name] for name in
                ("event_date", "start_time", "end_time", "place") if name in self.fields}


class UnpublishForm(forms.Form):
    reason = forms.CharField(label=_("Alasan ditarik"), max_length=300,
                             error_messages=_required(_("Tulis alasannya.")))


class ReviewForm(forms.Form):
    """One reviewer item of one OPD in one month."""

    passed = forms.TypedChoiceField(label=_("Terpenuhi?"), coerce=lambda v: v == "ya",
                                    widget=forms.RadioSelect, choices=[
                                        ("ya", _("Ya")), ("tidak", _("Belum"))],
                                    error_messages=_required(_("Pilih ya atau belum.")))
    evidence_url = forms.URLField(label=_("Tautan bukti"), required=False,
                                  assume_scheme="https", max_length=500)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args, item: ComplianceItem, **kwargs):
        super().__init__(*args, prefix=item.code, **kwargs)
        self.item = item
        self.fields["passed"].label = item.label
