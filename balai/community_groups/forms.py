"""The KIM forms: shape only; the services check the rules (STYLE.md rule 6)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from balai.community_groups.models import Activity, Forum, Kim, Officer, Post
from balai.community_groups.selectors import kelurahan_choices
from balai.core.forms import BoundedDateField, FileInput


def _required(message):
    return {"required": message}


class KelurahanField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} (Kec. {obj.parent.name})" if obj.parent_id else obj.name


class RegistryForm(forms.Form):
    name = forms.CharField(label=_("Name of the KIM"), max_length=200,
                           error_messages=_required(_("Enter the KIM's name.")))
    slug = forms.SlugField(label=_("Address of its site"), max_length=80, required=False,
                           help_text=_("Letters, digits and hyphens: /kim/<address>/. Empty: "
                                       "made from the name."))
    kelurahan = KelurahanField(label=_("Kelurahan or desa"), queryset=None,
                               empty_label=_("Choose the kelurahan"),
                               error_messages=_required(_("Choose the kelurahan.")))
    status = forms.ChoiceField(label=_("Status"), choices=Kim.Status.choices,
                               initial=Kim.Status.FORMING)
    forum = forms.ModelChoiceField(label=_("Forum KIM"), queryset=Forum.objects.all(),
                                   required=False, empty_label=_("No forum"))
    sk_number = forms.CharField(label=_("Decree (SK) number"), max_length=120, required=False)
    sk_date = BoundedDateField(label=_("Decree date"), required=False)
    sk_issuer = forms.CharField(label=_("Decree issued by"), max_length=200, required=False,
                                help_text=_("For example Lurah Tlogomas."))
    sk_file = forms.FileField(label=_("Decree file (PDF)"), required=False,
                              widget=FileInput(attrs={"accept": "application/pdf"}))
    kimid_ref = forms.CharField(label=_("KIM.ID reference"), max_length=60, required=False)
    founded_on = BoundedDateField(label=_("Founded on"), required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = kelurahan_choices()
        if editing:
            del self.fields["slug"]

    def clean_sk_file(self):
        upload = self.cleaned_data.get("sk_file")
        if upload:
            upload.seek(0)
            if upload.read(5) != b"%PDF-":
                raise forms.ValidationError(_("The decree file must be a PDF."))
            upload.seek(0)
        return upload


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Kim
        fields = ["tagline", "about", "vision", "mission", "public_email", "instagram"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("about", "vision", "mission")}


class PostForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Post.Kind.choices,
                             widget=forms.RadioSelect, initial=Post.Kind.NEWS)
    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages=_required(_("Give the post a title.")))
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=Post._meta.get_field("body").help_text,
                           error_messages=_required(_("Write the text of the post.")))
    event_on = BoundedDateField(label=_("Event date"), required=False,
                                help_text=_("For an agenda entry: the day it happens."))
    event_place = forms.CharField(label=_("Place"), max_length=200, required=False)
    image = forms.ImageField(label=_("Image"), required=False,
                             widget=FileInput(attrs={"accept": "image/*"},
                                              choose=_("Choose a photo")),
                             help_text=_("JPG, PNG or HEIC; we shrink it and remove its "
                                         "location data."))

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]


class ActivityForm(forms.Form):
    held_on = BoundedDateField(label=_("Date"),
                               error_messages=_required(_("Enter the day it took place.")))
    kind = forms.ChoiceField(label=_("Kind"), choices=Activity.Kind.choices)
    title = forms.CharField(label=_("What happened"), max_length=200,
                            error_messages=_required(_("Say in a few words what happened.")))
    organiser = forms.CharField(label=_("Organised by"), max_length=200, required=False,
                                help_text=Activity._meta.get_field("organiser").help_text)
    evidence_photo = forms.ImageField(label=_("Evidence photo"), required=False,
                                      widget=FileInput(attrs={"accept": "image/*"},
                                                       choose=_("Choose a photo")))
    evidence_link = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https",
                                   help_text=_("Or a link to the report, the video or the "
                                               "social media post."))


class OfficerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages=_required(_("Enter the officer's name.")))
    position = forms.ChoiceField(label=_("Position"), choices=Officer.Position.choices)
    section = forms.CharField(label=_("Section"), max_length=120, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False,
                            help_text=_("Seen by the KIM's officers and Diskominfo only."))


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200,
                           error_messages=_required(_("Enter the member's name.")))
    contact = forms.CharField(label=_("Contact (phone or e-mail)"), max_length=200,
                              required=False,
                              help_text=_("Never published: for the KIM's officers and "
                                          "Diskominfo only."))
    joined_on = BoundedDateField(label=_("Joined on"), required=False)


class CooperationForm(forms.Form):
    partner = forms.CharField(label=_("Partner KIM"), max_length=200,
                              error_messages=_required(_("Enter the partner KIM's name.")))
    partner_region = forms.CharField(label=_("Partner's region"), max_length=200,
                                     error_messages=_required(_("Enter its kota or "
                                                                "kabupaten.")))
    started_on = BoundedDateField(label=_("Since"),
                                  error_messages=_required(_("Enter when it started.")))
    about = forms.CharField(label=_("What they do together"), max_length=300, required=False)
