from django import forms
from django.utils.translation import gettext_lazy as _

from balai.complaints.forms import category_choices
from balai.complaints.models import Category


class MailCompleteForm(forms.Form):
    """What the front office adds to an e-mail to make it a complaint."""

    category = forms.TypedChoiceField(label=_("Category"), coerce=int)
    lat = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90,
                           error_messages={"required": _("Put the pin where the problem is.")})
    lng = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180,
                           error_messages={"required": _("Put the pin where the problem is.")})
    address = forms.CharField(label=_("Address or landmark"), max_length=300, required=False)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}))
    reporter_name = forms.CharField(label=_("Reporter's name"), max_length=200, required=False)
    reporter_email = forms.EmailField(label=_("Reporter's e-mail"))
    reporter_phone = forms.CharField(label=_("WhatsApp number"), max_length=20, required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous (anonim)"), required=False)
    is_confidential = forms.BooleanField(label=_("Confidential (rahasia)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()

    def clean_category(self):
        category = Category.objects.filter(pk=self.cleaned_data["category"],
                                           is_active=True).first()
        if category is None:
            raise forms.ValidationError(_("Choose a category."))
        return category


class MailDiscardForm(forms.Form):
    reason = forms.CharField(label=_("Why is it discarded?"), max_length=300,
                             error_messages={"required": _("Say why the e-mail is discarded.")})
