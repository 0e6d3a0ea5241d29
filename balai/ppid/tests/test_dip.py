import pytest
from django.urls import reverse

from balai.core.audit import audit_trail
from balai.ppid.models import DipEntry, InformationClass
from balai.ppid.tests import factories

pytestmark = pytest.mark.django_db


def test_public_list_filters_by_class_agency_year_and_words(client, agency_pupr, agency_dlh):
    factories.dip_entry(agency_pupr, title="Rencana kerja PUPR", year=2026,
                        information_class=InformationClass.SETIAP_SAAT)
    factories.dip_entry(agency_dlh, title="Data sampah harian", year=2025)
    factories.dip_entry(agency_dlh, title="Draf tersembunyi", is_published=False)

    def titles(**params):
        page = client.get(reverse("ppid:dip"), params).context["page"]
        return sorted(e.title for e in page)

    assert titles() == ["Data sampah harian", "Rencana kerja PUPR"]
    assert titles(kelas="setiap_saat") == ["Rencana kerja PUPR"]
    assert titles(opd="dlh") == ["Data sampah harian"]
    assert titles(tahun=2026) == ["Rencana kerja PUPR"]
    assert titles(q="sampah") == ["Data sampah harian"]
    assert titles(q="realisasi apbd") == ["Data sampah harian", "Rencana kerja PUPR"]


def test_exempt_entry_shows_only_decree_ground_and_consequence_test(client, agency_pupr):
    entry = factories.dip_entry(agency_pupr, title="Data kesehatan pegawai",
                                information_class=InformationClass.DIKECUALIKAN,
                                summary="RAHASIA-RINGKASAN", url="https://contoh.id/berkas")
    detail = client.get(reverse("ppid:dip_detail", args=[entry.pk]))
    html = detail.content.decode()
    assert "SK PPID No. 555/12/35.73.2026" in html
    assert "mengungkap rahasia pribadi" in html
    assert "Pasal 17 huruf h" in html
    assert "RAHASIA-RINGKASAN" not in html and "contoh.id/berkas" not in html
    listing = client.get(reverse("ppid:dip")).content.decode()
    assert "RAHASIA-RINGKASAN" not in listing
    # The summary of an exempt entry is not searchable either.
    page = client.get(reverse("ppid:dip"), {"q": "RAHASIA"}).context["page"]
    assert list(page) == []


def test_unpublished_entry_is_not_found(client, agency_pupr):
    entry = factories.dip_entry(agency_pupr, is_published=False)
    assert client.get(reverse("ppid:dip_detail", args=[entry.pk])
                      ).status_code == 404


def test_public_list_query_count_does_not_grow_with_rows(client, agency_pupr,
                                                        django_assert_max_num_queries):
    factories.dip_entry(agency_pupr)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("ppid:dip"))
    for i in range(15):
        factories.dip_entry(agency_pupr, title=f"Informasi {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("ppid:dip"))


def _form(agency, **extra):
    data = {"information_class": "berkala", "title": "Profil Dinas", "agency": agency.pk,
            "summary": "", "responsible": "", "made_when": "", "made_where": "",
            "available_forms": "", "retention": "", "year": "2026", "url": "",
            "exemption": "", "exemption_decree": "", "consequence_test": "",
            "exempt_until": "", "is_published": "on"}
    data.update(extra)
    return data


def test_officer_adds_and_changes_an_entry_with_audit(client, petugas_ppid, agency_pupr):
    client.force_login(petugas_ppid)
    response = client.post(reverse("ppid:staff_dip_create"), _form(agency_pupr))
    entry = DipEntry.objects.get()
    assert response.status_code == 302
    client.post(reverse("ppid:staff_dip_edit", args=[entry.pk]),
                _form(agency_pupr, title="Profil Dinas PUPR"))
    entry.refresh_from_db()
    assert entry.title == "Profil Dinas PUPR"
    actions = [(a.action, a.actor_id) for a in audit_trail(entry)]
    assert actions == [("ppid.dip_created", petugas_ppid.pk),
                       ("ppid.dip_updated", petugas_ppid.pk)]
    assert audit_trail(entry).last().data["changed"]["title"] == {
        "from": "Profil Dinas", "to": "Profil Dinas PUPR"}


def test_exempt_entry_without_decree_or_test_is_refused_with_indonesian_messages(
        client, petugas_ppid, agency_pupr):
    client.force_login(petugas_ppid)
    response = client.post(reverse("ppid:staff_dip_create"),
                           _form(agency_pupr, information_class="dikecualikan"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ada masalah" in html
    assert "nomor keputusan" in html.lower()
    assert "uji konsekuensi" in html.lower()
    assert not DipEntry.objects.exists()


def test_pembantu_edits_only_their_own_agency(client, ppid_pembantu, agency_pupr, agency_dlh):
    own = factories.dip_entry(agency_pupr)
    other = factories.dip_entry(agency_dlh)
    client.force_login(ppid_pembantu)
    assert client.get(reverse("ppid:staff_dip_edit", args=[own.pk])
                      ).status_code == 200
    assert client.get(reverse("ppid:staff_dip_edit", args=[other.pk])
                      ).status_code == 404
    listed = client.get(reverse("ppid:staff_dip")).context["page"]
    assert [e.pk for e in listed] == [own.pk]
    # Nor can they move an entry to another OPD.
    response = client.post(reverse("ppid:staff_dip_edit", args=[own.pk]),
                           _form(agency_dlh))
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.agency == agency_pupr


def test_citizens_and_other_staff_cannot_edit_the_dip(client, warga, operator_opd):
    for user in (warga, operator_opd):
        client.force_login(user)
        assert client.get(reverse("ppid:staff_dip")).status_code == 403


def test_an_entry_carries_a_checked_public_file(client, petugas_ppid, agency_pupr):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(petugas_ppid)
    pdf = SimpleUploadedFile("renstra.pdf", factories_pdf(), content_type="application/pdf")
    client.post(reverse("ppid:staff_dip_create"),
                {**_form(agency_pupr), "upload": pdf})
    entry = DipEntry.objects.get()
    assert entry.file.name.endswith(".pdf")
    html = client.get(reverse("ppid:dip_detail", args=[entry.pk])
                      ).content.decode()
    assert entry.file.url in html
    svg = SimpleUploadedFile("x.pdf", b"<svg onload=alert(1)>", content_type="application/pdf")
    html = client.post(reverse("ppid:staff_dip_edit", args=[entry.pk]),
                       {**_form(agency_pupr), "upload": svg}).content.decode()
    assert "harus berupa berkas PDF" in html
    html = client.post(reverse("ppid:staff_dip_edit", args=[entry.pk]), {
        **_form(agency_pupr, information_class="dikecualikan", exemption="17h",
                exemption_decree="SK 1", consequence_test="Uji."),
        "upload": SimpleUploadedFile("b.pdf", factories_pdf())}).content.decode()
    assert "tidak boleh memuat informasinya" in html
    client.post(reverse("ppid:staff_dip_edit", args=[entry.pk]),
                {**_form(agency_pupr), "remove_file": "on"})
    entry.refresh_from_db()
    assert not entry.file
    assert "file" in audit_trail(entry).last().data["changed"]


def factories_pdf() -> bytes:
    from balai.ppid.tests.factories import PDF

    return PDF


def test_the_entry_form_asks_in_words_and_reads_a_day_written_the_indonesian_way(
        client, petugas_ppid, agency_pupr):
    client.force_login(petugas_ppid)
    html = client.get(reverse("ppid:staff_dip_create")).content.decode()
    assert "---------" not in html
    assert ">Pilih OPD</option>" in html and ">Pilih klasifikasi</option>" in html
    assert 'placeholder="hh/bb/tttt"' in html  # the exemption's end: a day, dd/mm/yyyy
    client.post(reverse("ppid:staff_dip_create"), _form(
        agency_pupr, information_class=InformationClass.DIKECUALIKAN,
        exemption="17a", exemption_decree="SK PPID 1/2026",
        consequence_test="Membuka ini menghambat penyidikan.", exempt_until="31/12/2027"))
    assert str(DipEntry.objects.get().exempt_until) == "2027-12-31"
