"""The SKM asked on a service's page and after a complaint is closed; the yearly page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from balai.complaints import services as complaint_services
from balai.complaints.models import FixedCheck
from balai.complaints.tests.test_questionnaire import _asks, _token_from
from balai.complaints.tests.test_services import at, submit
from balai.core.audit import audit_trail
from balai.public_services import services, skm
from balai.public_services.models import ServiceReport, SkmResponse
from balai.public_services.tests import factories

pytestmark = pytest.mark.django_db
ANSWERS = {f"u{i}": str(score) for i, score in enumerate([4, 3, 3, 4, 3, 4, 4, 3, 4], 1)}


@pytest.fixture
def ktp(agency_pupr, admin):
    return factories.service(agency_pupr, admin)


def _rate_url(service):
    return reverse("public_services:skm_rate", args=[service.agency.code, service.slug])


def test_a_citizen_rates_a_service_once_a_year_and_nothing_names_them(client, ktp):
    page = client.get(_rate_url(ktp)).content.decode()
    assert "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?" in page
    assert "Sangat cepat" in page and "Pendidikan" in page
    missing = client.post(_rate_url(ktp), {**ANSWERS, "u9": ""})
    assert missing.status_code == 400 and "Pilih salah satu jawaban." in missing.content.decode()
    done = client.post(_rate_url(ktp), {**ANSWERS, "sex": "P", "education": "S1"})
    assert done.status_code == 302 and done.url == reverse(
        "public_services:service", args=["pupr", ktp.slug])
    response = SkmResponse.objects.get()
    assert response.scores() == [4, 3, 3, 4, 3, 4, 4, 3, 4]
    assert (response.service, response.agency, response.channel) == (ktp, ktp.agency,
                                                                      "layanan")
    assert (response.sex, response.education, response.age_band) == ("P", "S1", "")
    assert response.year == timezone.localdate().year
    assert len(response.respondent_key) == 64
    assert [e.action for e in audit_trail(ktp)][-1] == "public_services.skm_answered"
    again = client.post(_rate_url(ktp), ANSWERS, follow=True)
    assert "sudah mengisi survei" in again.content.decode()
    assert SkmResponse.objects.count() == 1
    # Another browser is another respondent.
    from django.test import Client
    Client().post(_rate_url(ktp), ANSWERS)
    assert SkmResponse.objects.count() == 2


def test_the_service_refuses_scores_outside_1_to_4(ktp):
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError):
        services.skm_response_submit(agency=ktp.agency, service=ktp, scores=[5] * 9,
                                     identity="x", channel="layanan",
                                     today=timezone.localdate())


def test_the_service_page_offers_the_survey(client, ktp):
    page = client.get(reverse("public_services:service", args=["pupr", ktp.slug]))
    assert _rate_url(ktp) in page.content.decode()


@pytest.fixture
def closed_check(cats, verifikator, operator_opd):
    complaint, _secret = submit(cats)
    complaint_services.complaint_verify(complaint=complaint, actor=verifikator,
                                        now=at(2026, 11, 3))
    complaint_services.complaint_accept(complaint=complaint, actor=operator_opd)
    complaint_services.complaint_answer(complaint=complaint, text="Sudah ditambal.",
                                        actor=operator_opd, now=at(2026, 11, 4))
    complaint_services.complaint_rate(complaint=complaint, rating=4, now=at(2026, 11, 5))
    return complaint, _token_from(_asks(complaint).get(channel="email"))


def test_after_sudah_beres_the_survey_is_offered_and_counts_for_the_opd(client,
                                                                        closed_check):
    complaint, token = closed_check
    answered = client.post(f"/pengaduan/beres/{token}/", {"answer": "sudah"}, follow=True)
    page = answered.content.decode()
    skm_url = reverse("public_services:skm_complaint", args=[token])
    assert "Isi survei kepuasan" in page and skm_url in page
    assert FixedCheck.objects.get(complaint=complaint).answer == "sudah"
    form = client.get(skm_url).content.decode()
    assert complaint.code in form and "tidak terkait layanan yang terdaftar" in form
    done = client.post(skm_url, ANSWERS)
    assert done.url == reverse("complaints:track_detail", args=[complaint.code])
    response = SkmResponse.objects.get()
    assert (response.service, response.agency.code, response.channel) == (
        None, "pupr", "pengaduan")
    client.post(skm_url, ANSWERS)  # once per complaint and year
    assert SkmResponse.objects.count() == 1
    assert client.get(reverse("public_services:skm_complaint", args=["tebakan"])
                      ).status_code == 404


def test_a_complaint_about_a_service_rates_that_service(client, closed_check, ktp):
    complaint, token = closed_check
    ServiceReport.objects.create(service=ktp, complaint=complaint)
    client.post(reverse("public_services:skm_complaint", args=[token]), ANSWERS)
    assert SkmResponse.objects.get().service == ktp


def _answers(service, n, scores, year):
    for i in range(n):
        services.skm_response_submit(agency=service.agency, service=service, scores=scores,
                                     identity=f"t{i}", channel="layanan",
                                     today=timezone.localdate().replace(year=year))


def test_the_yearly_page_grades_each_opd_and_service_with_enough_answers(
        client, ktp, agency_dlh, admin, django_assert_max_num_queries):
    year = timezone.localdate().year
    sampah = factories.service(agency_dlh, admin, name="Angkut sampah", slug="sampah")
    _answers(ktp, skm.MIN_RESPONDENTS, [4, 4, 4, 4, 3, 4, 4, 4, 4], year)  # 97.22 A
    _answers(sampah, 3, [2] * 9, year)
    _answers(sampah, 2, [1] * 9, year - 1)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("public_services:skm_year", args=[year]))
    text = page.content.decode()
    assert "97,22" in text and "Sangat Baik" in text
    assert "Terlalu sedikit tanggapan untuk diberi mutu: 3 responden." in text
    assert "terlalu sedikit tanggapan" in text  # the service's row
    assert "Bagaimana indeks dihitung" in text and f"{year - 1}" in text
    assert client.get(reverse("public_services:skm")).url == reverse(
        "public_services:skm_year", args=[year])
    assert client.get(reverse("public_services:skm_year", args=[2016])).status_code == 404
    assert client.get(reverse("public_services:skm_year", args=[year + 1])).status_code == 404


def test_the_service_page_shows_last_years_result(client, ktp):
    last_year = timezone.localdate().year - 1
    url = reverse("public_services:service", args=["pupr", ktp.slug])
    assert 'id="skm-result"' not in client.get(url).content.decode()
    _answers(ktp, 2, [3] * 9, last_year)
    page = client.get(url).content.decode()
    assert "Terlalu sedikit tanggapan untuk diberi mutu: 2 responden." in page
    _answers(ktp, skm.MIN_RESPONDENTS, [3] * 9, timezone.localdate().year)  # this year's
    assert "2 responden" in client.get(url).content.decode()


def test_one_connection_sends_a_limited_number_of_questionnaires(client, ktp, settings):
    from django.test import Client
    settings.SKM_ANSWERS_PER_HOUR = 2
    for _ in range(3):
        Client().post(_rate_url(ktp), ANSWERS)  # three sessions, one connection
    assert SkmResponse.objects.count() == 2
