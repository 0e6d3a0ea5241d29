"""The public archive: answered requests an officer published, with nothing personal."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.ppid import services
from balai.ppid.errors import PpidTransitionError
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(signing, petugas_ppid):
    req = factories.request()
    services.information_request_decide(request=req, data=factories.decision_data(),
                                         actor=petugas_ppid)
    return req


def test_published_request_shows_summary_and_decision_but_nothing_personal(client, answered,
                                                                          petugas_ppid):
    services.information_request_publish(request=answered, actor=petugas_ppid,
                                         summary="Daftar menara telekomunikasi 2025")
    html = client.get(reverse("ppid:archive")).content.decode()
    assert "Daftar menara telekomunikasi 2025" in html and "Diberikan sebagian" in html
    for personal in ("Budi", factories.NIK, "Kawi", "budi@example.id", "081234567890",
                     "beserta pemiliknya"):  # the request's own text is not shown either
        assert personal not in html
    assert audit_trail(answered).filter(action="ppid.archive_published").exists()


def test_unpublished_and_open_requests_stay_out(client, answered, petugas_ppid):
    open_request = factories.request()
    html = client.get(reverse("ppid:archive")).content.decode()
    assert answered.code not in html and open_request.code not in html
    with pytest.raises(PpidTransitionError):
        services.information_request_publish(request=open_request, summary="Data",
                                             actor=petugas_ppid)


def test_a_summary_with_a_nik_or_phone_is_refused(answered, petugas_ppid):
    for text in (f"Data untuk {factories.NIK}", "hubungi 0812 3456 7890"):
        with pytest.raises(ValidationError):
            services.information_request_publish(request=answered, summary=text,
                                                 actor=petugas_ppid)


def test_archive_search_and_query_count(client, signing, petugas_ppid,
                                        django_assert_max_num_queries):
    def one(summary):
        req = factories.request()
        services.information_request_decide(request=req, data=factories.decision_data(),
                                             actor=petugas_ppid)
        services.information_request_publish(request=req, summary=summary, actor=petugas_ppid)

    one("Anggaran kegiatan pembangunan jalan 2025")
    url = reverse("ppid:archive")
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for i in range(5):
        one(f"Data sekolah negeri tahun {2020 + i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"q": "anggaran"}).context["page"]
    assert [r.archive_summary for r in page] == ["Anggaran kegiatan pembangunan jalan 2025"]
