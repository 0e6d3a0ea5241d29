"""The shared form pieces: days typed the Indonesian way, file inputs in the page's language."""

from datetime import date

import pytest
from django import forms
from django.urls import reverse

from balai.core.forms import BoundedDateField, FileInput


class PeriodForm(forms.Form):
    day = BoundedDateField(required=False)


@pytest.mark.parametrize("typed", ["31/12/2026", "31-12-2026", "31.12.2026", "2026-12-31"])
def test_a_day_is_read_day_first_or_in_iso(typed):
    form = PeriodForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2026, 12, 31)


def test_a_day_written_month_first_is_refused_with_an_example():
    form = PeriodForm({"day": "12/31/2026"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Tulis tanggal sebagai hari/bulan/tahun, misalnya 31/12/2026."]


def test_a_day_is_shown_back_day_first_in_a_text_box_with_a_hint():
    html = str(PeriodForm(initial={"day": date(2026, 1, 5)})["day"])
    assert 'type="text"' in html and 'value="05/01/2026"' in html
    assert 'placeholder="hh/bb/tttt"' in html


def test_a_file_input_is_labelled_in_indonesian():
    html = forms.FileField(widget=FileInput).widget.render("photo", None, {"id": "id_photo"})
    assert '<span class="file-input__button button button--secondary" aria-hidden="true">' \
           'Pilih berkas</span>' in html
    assert 'data-none="Belum ada berkas yang dipilih."' in html


@pytest.mark.django_db
def test_date_filters_on_staff_pages_take_a_day_first_date(client, kepala_dinas):
    client.force_login(kepala_dinas)
    for url in (reverse("dashboard:statistics"), reverse("documents:staff_list")):
        page = client.get(url, {"date_from": "01/11/2026"}).content.decode()
        assert 'value="01/11/2026"' in page, url
        assert 'type="date"' not in page, url
        assert "Tulis tanggal" not in page, url
    export = client.get(reverse("complaints:staff_export"),
                        {"date_from": "01/11/2026", "date_to": "30/11/2026", "format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
