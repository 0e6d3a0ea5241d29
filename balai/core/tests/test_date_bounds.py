"""Dates at the calendar's edges get a form error, never a 500 (issue 23)."""

import pytest
from django.urls import reverse

EDGES = ["0001-01-01", "9999-12-31"]
OUT_OF_RANGE = "Isi tanggal antara 01/01/2000 dan 31/12/2100."


@pytest.mark.django_db
@pytest.mark.parametrize("day", EDGES)
def test_the_public_complaint_list_refuses_edge_dates_without_an_error(client, day):
    for field in ("date_from", "date_to"):
        response = client.get(reverse("complaints:list"), {field: day, "status": "selesai"})
        assert response.status_code == 200
        # Said by the field, while the citizen's other filters still hold.
        assert OUT_OF_RANGE in response.content.decode()
        assert response.context["form"].cleaned_data["status"] == "selesai"


@pytest.mark.django_db
@pytest.mark.parametrize("day", EDGES)
def test_staff_filters_answer_edge_dates_with_a_form_error(client, kepala_dinas, day):
    client.force_login(kepala_dinas)
    for url in (reverse("dashboard:statistics"), reverse("documents:staff_list"),
                reverse("complaints:staff_export")):
        for field in ("date_from", "date_to"):
            response = client.get(url, {field: day, "format": "csv"})
            assert response.status_code == 200, url
            # The page again, with the message by the field: not a file cut at that date.
            assert response["Content-Type"].startswith("text/html"), url
            assert OUT_OF_RANGE in response.content.decode(), url
            assert "Isi tanggal antara 01/01/2000 dan 31/12/2100" in \
                response.content.decode(), url


def test_a_day_range_ending_on_the_last_day_of_the_calendar_is_open_ended():
    from datetime import UTC, date

    from balai.lib.dates import days_range

    assert days_range(date(2026, 1, 1), date.max, UTC)[1] is None
