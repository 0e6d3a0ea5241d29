"""The market's forms: shape only; the services and market.licences check the rules."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from balai.community_groups.selectors import kelurahan_choices, kims_for_choice
from balai.core.forms import BoundedDateField, HoneypotForm, MultipleFileField
from balai.lib.nik import nik_check
from balai.market.models import Category, Listing, Report, Seller
from balai.market.services import MAX_PHOTOS
from balai.ppid.services.information_requests import nik_message

BADGES = [("halal", _("Halal")), ("pirt", _("P-IRT")), ("nib", _("NIB")),
          ("bpom", _("BPOM MD"))]
SORTS = [("terbaru", _("Newest")), ("termurah", _("Cheapest first")),
         ("termahal", _("Most expensive first"))]


class RupiahField(forms.IntegerField):
    """A price typed the Indonesian way: "25.000", "Rp 25.000" or "25000"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"^\s*rp\.?\s*", "", value, flags=re.I)
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", value.strip()):
                value = value.replace(".", "")
        return super().to_python(value)


class KelurahanField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} (Kec. {obj.parent.name})" if obj.parent_id else obj.name


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Looking for"), max_length=100, required=False)
    kategori = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *Category.choices])
    kelurahan = forms.ChoiceField(label=_("Kelurahan"), required=False)
    kim = forms.ChoiceField(label=_("KIM"), required=False)
    harga_min = RupiahField(label=_("Lowest price"), required=False, min_value=0)
    harga_max = RupiahField(label=_("Highest price"), required=False, min_value=0)
    izin = forms.MultipleChoiceField(label=_("Licences"), required=False, choices=BADGES,
                                     widget=forms.CheckboxSelectMultiple)
    urut = forms.ChoiceField(label=_("Sort"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].choices = [
            ("", _("All kelurahan")), *kelurahan_choices().values_list("code", "name")]
        self.fields["kim"].choices = [("", _("All KIM"))] + [
            (k.slug, k.name) for k in kims_for_choice()]


class SellerForm(forms.ModelForm):
    kelurahan = KelurahanField(label=_("Kelurahan of the business"), queryset=None,
                               empty_label=_("Choose the kelurahan"),
                               error_messages={"required": _("Choose the kelurahan.")})
    kim = forms.ModelChoiceField(label=_("KIM that knows you"), queryset=None, required=False,
                                 empty_label=_("No KIM yet"), to_field_name="slug",
                                 help_text=_("Its officers verify you faster."))
    halal_expires_on = BoundedDateField(label=_("Halal certificate valid until"),
                                        required=False)
    # Longer than 16: people copy it from the KTP with spaces or dots; the service keeps
    # the digits (lib.nik) and says what is wrong with a NIK that is not one.
    nik = forms.CharField(label=_("NIK"), max_length=24,
                          help_text=_("The 16 digits on your KTP; only the officers who "
                                      "verify you see it."),
                          error_messages={"required": _("Enter your NIK: the 16 digits on "
                                                        "your KTP.")})

    class Meta:
        model = Seller
        fields = ["name", "nik", "business_name", "email", "whatsapp", "kelurahan", "kim", "size",
                  "nib", "pirt_number", "halal_number", "halal_expires_on", "bpom_md"]
        help_texts = {
            "whatsapp": _("Buyers are sent to it through balai; it is never shown on the "
                          "page."),
            "nib": _("13 digits, from OSS."),
            "pirt_number": _("As printed on the label, e.g. P-IRT No. 2063573010123-27."),
            "bpom_md": _("For processed food from a medium business."),
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "business_name": {"required": _("Enter the name of your business.")},
            "email": {"required": _("Enter your e-mail address: your log-in codes go "
                                    "there.")},
            "whatsapp": {"required": _("Enter your WhatsApp number.")},
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan_choices()
        self.fields["kim"].queryset = kims_for_choice()
        if editing:
            del self.fields["email"]
            if self.instance.nik:  # kept as verified; a new one goes through the officer
                del self.fields["nik"]

    def clean_nik(self) -> str:
        check = nik_check(self.cleaned_data["nik"])
        if not check.ok:
            raise forms.ValidationError(nik_message(check.error, check.nik))
        return check.nik

    def validate_unique(self):
        pass  # the service says it in words a seller understands


class ListingForm(forms.ModelForm):
    kelurahan = KelurahanField(label=_("Kelurahan of the listing"), queryset=None,
                               empty_label=None, required=False,
                               help_text=_("Where the product is, or where buyers meet you; "
                                           "yours unless you choose another."),
                               error_messages={"required": _("Choose the kelurahan."),
                                               "invalid_choice": _("Choose a kelurahan from "
                                                                   "the list.")})
    price = RupiahField(label=_("Price (rupiah)"), min_value=0,
                        help_text=_("For example 25.000."),
                        error_messages={"required": _("Enter the price in rupiah."),
                                        "invalid": _("Write the price in digits, e.g. "
                                                     "25.000.")})
    photos = MultipleFileField(
        label=_("Photos"), required=False, max_files=MAX_PHOTOS,
        too_many=_("Choose at most %(n)s photos."),
        help_text=_("Up to 5 photos, JPG, PNG or HEIC; we shrink them and remove their "
                    "location data."))

    class Meta:
        model = Listing
        fields = ["category", "title", "description", "price", "kelurahan", "stock_note"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "category": {"required": _("Choose a category.")},
            "title": {"required": _("Give the listing a title.")},
            "description": {"required": _("Describe what you sell.")},
        }

    def __init__(self, *args, seller=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan_choices()
        self.fields["category"].choices = [("", _("Choose a category")), *Category.choices]
        # Left out, the listing keeps its kelurahan, or a new one takes the seller's.
        self.default_kelurahan = (self.instance.kelurahan if self.instance.pk
                                  else getattr(seller, "kelurahan", None))
        if self.default_kelurahan is not None:
            self.initial.setdefault("kelurahan", self.default_kelurahan.pk)

    def clean_kelurahan(self):
        return self.cleaned_data["kelurahan"] or self.default_kelurahan


class ReportForm(HoneypotForm):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": _("Choose what is wrong.")})
    details = forms.CharField(label=_("Tell us more (optional)"), required=False,
                              max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"),
                             error_messages={"required": _("Enter the e-mail address you "
                                                           "registered with."),
                                             "invalid": _("Enter an e-mail address such as "
                                                          "nama@contoh.id.")})
    channel = forms.ChoiceField(label=_("Send the code by"), required=False,
                                choices=[("email", _("E-mail")), ("whatsapp", _("WhatsApp"))],
                                widget=forms.RadioSelect, initial="email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not settings.WHATSAPP_TOKEN:
            del self.fields["channel"]


class CodeForm(forms.Form):
    code = forms.CharField(label=_("The 6-digit code"), max_length=6, min_length=6,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code"}),
                           error_messages={"required": _("Enter the code we sent you."),
                                           "min_length": _("The code has 6 digits.")})


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


