from __future__ import annotations

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from balai.public_services import skm
from balai.public_services.models import Service
from balai.public_services.services import StandardRows


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for a service"), max_length=100, required=False,
                        help_text=_("For example: KTP, akta lahir, izin usaha."))


class ServiceForm(forms.ModelForm):
    """The standard on one page; the lists are one item per line."""

    requirements_text = forms.CharField(
        label=_("Requirements"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One document per line; a note after a vertical bar, e.g. "
                    "\"KTP-el | asli dan fotokopi 1 lembar\"."))
    steps_text = forms.CharField(
        label=_("Procedure"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One step per line, in order."))
    online_url = forms.URLField(label=_("Online application"), required=False,
                                assume_scheme="https",
                                help_text=_("The address where it can be applied for online, "
                                            "if it can."))
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False,
                                  help_text=_("Shown with the version, e.g. \"Biaya "
                                              "dihapus sesuai Perda 1/2026\"."))

    class Meta:
        model = Service
        fields = [
            "agency", "name", "slug", "summary", "keywords", "online_url", "duration_value",
            "duration_unit", "fee_kind", "fee_amount", "fee_legal_basis", "product",
            "complaint_category", "complaint_channels", "legal_basis", "facilities",
            "disability_facilities", "competence", "supervision", "officers_count",
            "service_guarantee", "safety_guarantee", "evaluation", "decree_number",
            "decree_date", "consultation_date", "consultation_record", "sippn_ref",
            "is_published",
        ]
        widgets = {
            "decree_date": forms.DateInput(attrs={"type": "date"}),
            "consultation_date": forms.DateInput(attrs={"type": "date"}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in [
                "summary", "product", "complaint_channels", "legal_basis", "facilities",
                "disability_facilities", "competence", "supervision", "service_guarantee",
                "safety_guarantee", "evaluation", "consultation_record"]},
        }

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = scope.agencies()
        self.fields["agency"].empty_label = None
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make it from the name.")
        self.fields["complaint_category"].queryset = (
            self.fields["complaint_category"].queryset.filter(is_active=True))
        service = self.instance
        if service.pk:
            self.initial["requirements_text"] = "\n".join(
                f"{r.document_type.name} | {r.note}" if r.note else r.document_type.name
                for r in service.requirements.select_related("document_type"))
            self.initial["steps_text"] = "\n".join(s.text for s in service.steps.all())

    def clean_slug(self):
        return self.cleaned_data["slug"] or slugify(self.cleaned_data.get("name", ""))[:80]

    def clean(self):
        data = super().clean()
        if data.get("fee_kind") == Service.FeeKind.CHARGED:
            if not data.get("fee_legal_basis"):
                self.add_error("fee_legal_basis", _("Name the regulation that sets the "
                                                    "tariff, e.g. Perda Kota Malang 4/2023."))
        elif data.get("fee_kind") == Service.FeeKind.FREE and data.get("fee_amount"):
            self.add_error("fee_amount", _("A free service has no tariff: empty this field "
                                           "or choose \"Charged\"."))
        if data.get("duration_value") and not data.get("duration_unit"):
            self.add_error("duration_unit", _("Choose whether the time is counted in "
                                              "working days, calendar days or hours."))
        return data

    def rows(self, locations: list[dict]) -> StandardRows:
        data = self.cleaned_data
        requirements = []
        for line in data["requirements_text"].splitlines():
            name, _bar, note = line.partition("|")
            if name.strip():
                requirements.append((name.strip()[:120], note.strip()))
        steps = [line.strip() for line in data["steps_text"].splitlines() if line.strip()]
        return StandardRows(requirements, steps, locations)


PLACE_FIELDS = ("name", "counter", "address", "hours", "lat", "lng")


class LocationForm(forms.Form):
    """One place where the service is served (an MPP counter, the OPD's office)."""

    name = forms.CharField(label=_("Where it is served"), max_length=200, required=False,
                           help_text=_("e.g. Mal Pelayanan Publik Kota Malang"))
    counter = forms.CharField(label=_("Counter"), max_length=60, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    hours = forms.CharField(label=_("Opening hours"), max_length=200, required=False,
                            help_text=_("e.g. Senin–Jumat 08.00–15.00"))
    lat = forms.DecimalField(label=_("Latitude"), max_digits=9, decimal_places=6,
                             required=False, min_value=-90, max_value=90)
    lng = forms.DecimalField(label=_("Longitude"), max_digits=9, decimal_places=6,
                             required=False, min_value=-180, max_value=180)

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None):
            self.add_error("lat", _("Give both latitude and longitude, or neither."))
        if any(data.get(n) for n in ["counter", "address", "hours"]) and not data.get("name"):
            self.add_error("name", _("Name the place where it is served."))
        return data

    def place(self) -> dict | None:
        """The place as StandardRows holds it; None for an empty or deleted row."""
        data = self.cleaned_data
        if not data.get("name") or data.get("DELETE"):
            return None
        return {n: data.get(n) if n in ("lat", "lng") else data.get(n) or ""
                for n in PLACE_FIELDS}


class BaseLocationFormSet(forms.BaseFormSet):
    def places(self) -> list[dict]:
        return [place for form in self.forms if (place := form.place()) is not None]


LocationFormSet = forms.formset_factory(LocationForm, formset=BaseLocationFormSet, extra=1,
                                        can_delete=True, max_num=20, validate_max=True)


def location_formset(data=None, service: Service | None = None) -> BaseLocationFormSet:
    """Every place the service is served, and one empty row to add another."""
    initial = ([{n: getattr(p, n) for n in PLACE_FIELDS} for p in service.locations.all()]
               if service is not None and service.pk else [])
    return LocationFormSet(data, initial=initial, prefix="tempat")


class SkmForm(forms.Form):
    """The nine questions of PermenPANRB 14/2017, each answered 1-4 in the regulation's
    words, and the respondent's profile, all of it optional."""

    age_band = forms.ChoiceField(label=_("Age"), required=False,
                                 choices=[("", "—"), *skm.AGE_BANDS])
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", "—"), *skm.SEXES])
    education = forms.ChoiceField(label=_("Education"), required=False,
                                  choices=[("", "—"), *skm.EDUCATION])
    occupation = forms.ChoiceField(label=_("Occupation"), required=False,
                                   choices=[("", "—"), *skm.OCCUPATIONS])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, element in enumerate(skm.ELEMENTS, start=1):
            self.fields[element.code] = forms.TypedChoiceField(
                label=f"{number}. {element.question}", coerce=int, widget=forms.RadioSelect,
                choices=[(score, label) for score, label in enumerate(element.answers, 1)],
                help_text=element.name,
                error_messages={"required": _("Choose one answer.")})

    def questions(self):
        return [self[e.code] for e in skm.ELEMENTS]

    def profile(self):
        return [self[name] for name in ("age_band", "sex", "education", "occupation")]

    def scores(self) -> list[int]:
        return [self.cleaned_data[e.code] for e in skm.ELEMENTS]
