"""What the public sees of a case, against what its reporter sees (issues 11, 12)."""

from django.urls import reverse

from balai.complaints import services
from balai.complaints.tests import factories


def test_reporter_only_wording_needs_the_secret_link(client, cats, verifikator, operator_opd):
    complaint, secret = services.complaint_submit(
        submission=factories.submission(cats["jalan"]))
    services.complaint_verify(complaint=complaint, actor=verifikator)
    services.complaint_accept(complaint=complaint, actor=operator_opd)
    services.complaint_answer(complaint=complaint, text="Sudah ditambal.", actor=operator_opd)
    url = reverse("complaints:track_detail", args=[complaint.code])
    public = client.get(url).content.decode()
    assert "Anda dapat" not in public and "kecuali pelapor membukanya kembali" in public
    reporter = client.get(f"{url}?k={secret}").content.decode()
    assert "Anda dapat menilai jawaban atau membuka kembali pengaduan" in reporter


def test_nearby_reports_never_show_an_unverified_title(client, cats):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(cats["jalan"], title="Judul belum diperiksa"))
    lat, lng = factories.ALUN_ALUN
    results = client.get(reverse("complaints:nearby"), {
        "category": cats["jalan"].pk, "lat": lat, "lng": lng}).json()["results"]
    assert [r["code"] for r in results] == [complaint.code]
    assert results[0]["title"] == "Laporan baru, menunggu verifikasi"
