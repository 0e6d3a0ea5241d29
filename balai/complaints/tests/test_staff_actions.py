"""The desk's action forms: nothing destructive is open or chosen by default, and every
step says what it did (issue 11)."""

import re

from django.urls import reverse

from balai.complaints import services
from balai.complaints.tests import factories


def test_archiving_is_never_open_or_preselected(client, cats, verifikator):
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
    client.force_login(verifikator)
    html = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    archive = html[html.index('id="action-archive"'):]
    archive = archive[:archive.index("</details>")]
    assert not re.search(r"<details[^>]*\bopen\b[^>]*id=\"action-archive\"", html)
    assert 'value="spam" selected' not in archive and "— Pilih alasan —" in archive


def test_archiving_without_a_reason_is_refused_with_a_message(client, cats, verifikator):
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
    client.force_login(verifikator)
    response = client.post(reverse("complaints:staff_action", args=[complaint.pk, "archive"]),
                           {"archive-reason": "", "archive-note": "Foto tidak jelas, dua kali."})
    complaint.refresh_from_db()
    assert complaint.status == "baru"
    # The case page again, that form open with its error and the note as typed.
    assert response.status_code == 400
    html = response.content.decode()
    assert '<details class="action" open id="action-archive">' in html
    assert 'class="error-summary"' in html and 'href="#id_archive-reason"' in html
    assert "Pilih alasan pengarsipan." in html  # the summary names what is missing
    assert "Foto tidak jelas, dua kali.</textarea>" in html
    assert '<details class="action" open id="action-verify">' not in html


def test_forwarding_returns_to_the_queue_naming_the_case_and_the_body(client, cats,
                                                                      verifikator):
    from balai.agencies.models import Agency

    province = Agency.objects.create(code="pu-prov", name="Dinas PU Bina Marga Provinsi",
                                     short_name="PU Provinsi", is_external=True)
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
    client.force_login(verifikator)
    response = client.post(reverse("complaints:staff_action", args=[complaint.pk, "forward"]),
                           {"forward-to_agency": province.pk, "forward-reference": "",
                            "forward-reason": "Jalan provinsi"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("complaints:staff_queue")
    assert f"{complaint.code} diteruskan ke" in response.content.decode()


def test_no_select_on_a_citizen_or_staff_page_offers_dashes(client, cats, verifikator,
                                                             kepala_dinas):
    complaint, _ = services.complaint_submit(submission=factories.submission(cats["jalan"]))
    pages = [reverse("complaints:report"), reverse("complaints:list")]
    for url in pages:
        assert "---------" not in client.get(url).content.decode(), url
    client.force_login(verifikator)
    detail = client.get(reverse("complaints:staff_detail", args=[complaint.pk])).content.decode()
    assert "---------" not in detail
    assert '<option value="" selected>Pilih lembaga luar</option>' in detail
    for url in (reverse("complaints:staff_queue"), reverse("complaints:intake"),
                reverse("complaints:staff_export")):
        assert "---------" not in client.get(url).content.decode(), url
    client.force_login(kepala_dinas)
    for url in (reverse("dashboard:statistics"), reverse("documents:staff_list")):
        assert "---------" not in client.get(url).content.decode(), url
