"""The monev checklists: periodic items and their six months (UU 14/2008 Pasal 9(3)), the
at-any-time items (Pasal 11(1)), the exemption terms (Pasal 20) and the checklist page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from balai.core.audit import audit_trail
from balai.notifications.models import Outbox
from balai.ppid import services
from balai.ppid.models import (
    Announcement,
    AnnualReportText,
    BerkalaItem,
    DipEntry,
    InformationClass,
    SetiapSaatItem,
)
from balai.ppid.monev import (
    AMBER,
    GREEN,
    RED,
    add_months,
    berkala_mark,
    berkala_stale_on,
    term_mark,
)
from balai.ppid.services.monev import (
    announcement_create,
    announcement_publish,
    announcement_withdraw,
    berkala_item_link,
    ppid_berkala_sweep,
    setiap_saat_item_update,
)
from balai.ppid.tests import factories

WIB = ZoneInfo("Asia/Jakarta")


# --- pure rules ------------------------------------------------------------------------

def test_periodic_item_goes_out_of_date_six_calendar_months_after_its_update():
    assert berkala_stale_on(date(2026, 6, 4)) == date(2026, 12, 4)
    assert berkala_stale_on(date(2026, 8, 31)) == date(2027, 2, 28)
    assert berkala_stale_on(date(2027, 2, 28)) == date(2027, 8, 28)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)
    assert berkala_stale_on(None) is None


def test_periodic_mark_is_red_when_never_published_or_six_months_old():
    today = date(2026, 12, 4)
    assert berkala_mark(None, today) == RED
    assert berkala_mark(date(2026, 6, 4), today) == RED
    assert berkala_mark(date(2026, 6, 5), today) == AMBER  # out of date in 1 day
    assert berkala_mark(date(2026, 7, 3), today) == AMBER  # 30 days left
    assert berkala_mark(date(2026, 7, 4), today) == GREEN


def test_exemption_term_is_red_once_ended_or_missing_on_a_ground_that_is_not_permanent():
    today = date(2026, 12, 4)
    assert term_mark("17a", None, today) == RED  # Pasal 20(1): a–f are not permanent
    assert term_mark("17h", None, today) == GREEN  # personal secrets: no term required
    assert term_mark("17h", date(2026, 12, 4), today) == RED
    assert term_mark("17a", date(2027, 1, 3), today) == AMBER
    assert term_mark("17a", date(2027, 1, 4), today) == GREEN


# --- services --------------------------------------------------------------------------

def _updated(entry: DipEntry, at: datetime) -> DipEntry:
    DipEntry.objects.filter(pk=entry.pk).update(updated_at=at)
    entry.refresh_from_db()
    return entry


@pytest.mark.django_db
def test_the_statutory_items_are_seeded_with_their_legal_source():
    assert list(BerkalaItem.objects.values_list("legal_source", flat=True)) == [
        "UU 14/2008 Pasal 9(2)(a)", "UU 14/2008 Pasal 9(2)(b)", "UU 14/2008 Pasal 9(2)(c)",
        "UU 14/2008 Pasal 9(2)(d)"]
    assert SetiapSaatItem.objects.count() == 8
    assert SetiapSaatItem.objects.last().legal_source == "UU 14/2008 Pasal 11(1)(h)"


@pytest.mark.django_db
def test_linking_entries_stores_the_local_date_of_the_latest_published_update(
        agency_pupr, petugas_ppid):
    item = BerkalaItem.objects.get(code="laporan-keuangan")
    # 20:30 UTC on 3 June is 03:30 on 4 June in Malang: the local day counts.
    old = _updated(factories.dip_entry(agency_pupr, title="LK 2024"),
                   datetime(2025, 11, 2, 3, 0, tzinfo=WIB))
    new = _updated(factories.dip_entry(agency_pupr, title="LK 2025"),
                   datetime(2026, 6, 3, 20, 30, tzinfo=ZoneInfo("UTC")))
    draft = factories.dip_entry(agency_pupr, title="LK draf", is_published=False)
    berkala_item_link(item=item, entries=[old, new, draft], actor=petugas_ppid)
    item.refresh_from_db()
    assert item.last_updated_on == date(2026, 6, 4)
    assert item.stale_on == date(2026, 12, 4)
    entry = list(audit_trail(item))[-1]
    assert entry.action == "ppid.berkala_linked" and entry.actor == petugas_ppid
    assert sorted(entry.data["added"]) == sorted([old.pk, new.pk, draft.pk])


@pytest.mark.django_db
def test_updating_a_linked_dip_entry_renews_the_periodic_item(agency_pupr, petugas_ppid):
    item = BerkalaItem.objects.get(code="profil")
    entry = _updated(factories.dip_entry(agency_pupr, title="Profil Diskominfo"),
                     datetime(2026, 1, 10, 9, 0, tzinfo=WIB))
    berkala_item_link(item=item, entries=[entry], actor=petugas_ppid)
    item.refresh_from_db()
    assert item.stale_on == date(2026, 7, 10)
    services.dip_entry_update(entry=entry, data={"summary": "Struktur organisasi 2026."},
                              actor=petugas_ppid)
    item.refresh_from_db()
    assert item.last_updated_on == timezone.localdate()
    assert item.stale_on == berkala_stale_on(timezone.localdate())


@pytest.mark.django_db
def test_sweep_tells_the_ppid_once_when_six_months_have_passed(agency_pupr, petugas_ppid):
    item = BerkalaItem.objects.get(code="kegiatan-kinerja")
    entry = _updated(factories.dip_entry(agency_pupr, title="LKjIP 2025"),
                     datetime(2026, 3, 2, 10, 0, tzinfo=WIB))
    berkala_item_link(item=item, entries=[entry], actor=petugas_ppid)

    assert ppid_berkala_sweep(now=datetime(2026, 9, 1, 8, 0, tzinfo=WIB)) == {"stale": 0}
    assert ppid_berkala_sweep(now=datetime(2026, 9, 2, 8, 0, tzinfo=WIB)) == {"stale": 1}
    assert ppid_berkala_sweep(now=datetime(2026, 9, 3, 8, 0, tzinfo=WIB)) == {"stale": 0}

    mail = Outbox.objects.get(recipient=petugas_ppid.email)
    assert "LKjIP" not in mail.subject and "kegiatan dan kinerja" in mail.subject
    assert "2 Maret 2026" in mail.body_text and "Pasal 9(2)(b)" in mail.body_text
    assert [e.action for e in audit_trail(item)].count("ppid.berkala_stale") == 1

    # Updated again: a new six months, a new warning when they pass.
    _updated(entry, datetime(2026, 9, 10, 10, 0, tzinfo=WIB))
    berkala_item_link(item=item, entries=[entry], actor=petugas_ppid)
    assert ppid_berkala_sweep(now=datetime(2027, 3, 9, 8, 0, tzinfo=WIB)) == {"stale": 0}
    assert ppid_berkala_sweep(now=datetime(2027, 3, 10, 8, 0, tzinfo=WIB)) == {"stale": 1}


@pytest.mark.django_db
def test_at_any_time_item_is_marked_available_by_a_link(petugas_ppid):
    item = SetiapSaatItem.objects.get(code="perjanjian")
    setiap_saat_item_update(item=item, entries=[], url="https://lpse.malangkota.go.id/",
                            actor=petugas_ppid)
    item.refresh_from_db()
    assert item.url == "https://lpse.malangkota.go.id/"
    assert list(audit_trail(item))[-1].data["url"]["to"] == "https://lpse.malangkota.go.id/"


# --- the page --------------------------------------------------------------------------

def _marks(response) -> dict[str, str]:
    return {row.label: row.mark for _t, rows in response.context["sections"] for row in rows}


@pytest.mark.django_db
def test_monev_page_marks_each_item_for_the_ppid_officer(client, verified_login, petugas_ppid,
                                                         agency_pupr):
    fresh = factories.dip_entry(agency_pupr, title="Profil PPID")
    berkala_item_link(item=BerkalaItem.objects.get(code="profil"), entries=[fresh],
                      actor=petugas_ppid)
    factories.dip_entry(agency_pupr, title="Dokumen penyelidikan",
                        information_class=InformationClass.DIKECUALIKAN, exemption="17a")
    verified_login(client, petugas_ppid)
    response = client.get(reverse("ppid:monev"))
    assert response.status_code == 200
    marks = _marks(response)
    assert marks["Informasi yang berkaitan dengan Badan Publik (profil)"] == GREEN
    assert marks["Informasi mengenai laporan keuangan"] == RED
    assert marks["Dokumen penyelidikan"] == RED  # 17(a) with no term (Pasal 20)
    html = response.content.decode()
    assert "Pasal 11(1)(h)" in html
    assert reverse("ppid:monev_berkala",
                   args=[BerkalaItem.objects.get(code="laporan-keuangan").pk]) in html


@pytest.mark.django_db
def test_monev_page_reads_in_the_same_number_of_queries_however_many_items(
        client, verified_login, petugas_ppid, agency_pupr):
    verified_login(client, petugas_ppid)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("ppid:monev")).status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for n in range(6):
        entry = factories.dip_entry(agency_pupr, title=f"Entri {n}")
        berkala_item_link(item=BerkalaItem.objects.get(code="lainnya"), entries=[entry],
                          actor=petugas_ppid)
        setiap_saat_item_update(item=SetiapSaatItem.objects.get(code="kebijakan"),
                                entries=[entry], url="", actor=petugas_ppid)
        factories.dip_entry(agency_pupr, title=f"Dikecualikan {n}",
                            information_class=InformationClass.DIKECUALIKAN,
                            exempt_until=date(2030, 1, 1))
    assert queries() == before


@pytest.mark.django_db
def test_officer_links_entries_from_the_page_and_a_pembantu_is_refused(
        client, verified_login, petugas_ppid, ppid_pembantu, agency_pupr):
    item = BerkalaItem.objects.get(code="laporan-keuangan")
    entry = factories.dip_entry(agency_pupr, title="LK 2025")
    url = reverse("ppid:monev_berkala", args=[item.pk])
    verified_login(client, ppid_pembantu)
    assert client.get(reverse("ppid:monev")).status_code == 403
    assert client.post(url, {"entries": [entry.pk]}).status_code == 403
    assert not item.dip_entries.exists()

    verified_login(client, petugas_ppid)
    response = client.post(url, {"entries": [entry.pk]})
    assert response.status_code == 302
    assert list(item.dip_entries.all()) == [entry]


@pytest.mark.django_db
def test_atasan_reads_the_checklist_but_cannot_change_it(client, verified_login, atasan_ppid,
                                                         agency_pupr):
    item = SetiapSaatItem.objects.get(code="dip")
    verified_login(client, atasan_ppid)
    assert client.get(reverse("ppid:monev")).status_code == 200
    url = reverse("ppid:monev_setiap_saat", args=[item.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"url": "https://contoh.id/"}).status_code == 403
    item.refresh_from_db()
    assert item.url == ""


@pytest.mark.django_db
def test_a_bad_link_is_refused_in_indonesian_and_the_choice_is_kept(
        client, verified_login, petugas_ppid, agency_pupr):
    item = SetiapSaatItem.objects.get(code="dip")
    entry = factories.dip_entry(agency_pupr, title="DIP 2026",
                                information_class=InformationClass.SETIAP_SAAT)
    verified_login(client, petugas_ppid)
    response = client.post(reverse("ppid:monev_setiap_saat", args=[item.pk]),
                           {"entries": [entry.pk], "url": "bukan alamat"})
    assert response.status_code == 200
    assert "Masukkan alamat web lengkap." in response.content.decode()
    assert response.context["form"]["entries"].value() == [str(entry.pk)]
    assert not item.dip_entries.exists()


@pytest.mark.django_db
def test_last_years_annual_report_is_a_gap_until_it_is_published(client, verified_login,
                                                                 petugas_ppid):
    last_year = timezone.localdate().year - 1
    label = f"Laporan layanan informasi publik tahun {last_year}"
    text = AnnualReportText.objects.create(year=last_year, general_policy="Sarana dan SDM.")
    verified_login(client, petugas_ppid)
    assert _marks(client.get(reverse("ppid:monev")))[label] == RED
    AnnualReportText.objects.filter(pk=text.pk).update(published_at=timezone.now())
    response = client.get(reverse("ppid:monev"))
    assert _marks(response)[label] == GREEN
    assert reverse("ppid:public_annual_report", args=[last_year]) in response.content.decode()


# --- serta-merta announcements (Pasal 10) ----------------------------------------------

@pytest.mark.django_db
def test_announcement_is_published_at_once_with_its_time_and_listed_in_the_dip(
        client, verified_login, petugas_ppid, diskominfo, settings):
    settings.PPID_MAIN_AGENCY = "diskominfo"
    verified_login(client, petugas_ppid)
    client.post(reverse("ppid:staff_announcements"),
                {"title": "Banjir di Jalan Soekarno-Hatta", "body": "Hindari ruas jalan."})
    draft = Announcement.objects.get()
    assert draft.status == Announcement.Status.DRAFT
    assert "Banjir" not in client.get(reverse("ppid:announcements")).content.decode()

    client.post(reverse("ppid:staff_announcement_action", args=[draft.pk, "terbitkan"]))
    draft.refresh_from_db()
    assert draft.status == Announcement.Status.PUBLISHED and draft.published_by == petugas_ppid
    assert draft.dip_entry.information_class == InformationClass.SERTA_MERTA
    assert draft.dip_entry.is_published
    assert "Banjir di Jalan Soekarno-Hatta" in client.get(
        reverse("ppid:announcements")).content.decode()
    entry = list(audit_trail(draft))[-1]
    assert entry.action == "ppid.announcement_published" and entry.actor == petugas_ppid
    assert _marks(client.get(reverse("ppid:monev")))["Banjir di Jalan Soekarno-Hatta"] == GREEN


@pytest.mark.django_db
def test_withdrawn_announcement_leaves_the_public_page_and_the_dip(
        client, petugas_ppid, diskominfo, settings):
    settings.PPID_MAIN_AGENCY = "diskominfo"
    a = announcement_create(title="Kasus DBD meningkat", body="Lakukan 3M.", actor=petugas_ppid)
    with pytest.raises(ValidationError):
        announcement_withdraw(announcement=a, reason="Selesai", actor=petugas_ppid)
    announcement_publish(announcement=a, actor=petugas_ppid)
    with pytest.raises(ValidationError):
        announcement_withdraw(announcement=a, reason=" ", actor=petugas_ppid)
    announcement_withdraw(announcement=a, reason="Wabah mereda.", actor=petugas_ppid)
    a.refresh_from_db()
    assert a.status == Announcement.Status.WITHDRAWN and a.withdrawal_reason == "Wabah mereda."
    assert not DipEntry.objects.get(pk=a.dip_entry_id).is_published
    assert "Kasus DBD" not in client.get(reverse("ppid:announcements")).content.decode()
    with pytest.raises(ValidationError):
        announcement_publish(announcement=a, actor=petugas_ppid)


@pytest.mark.django_db
def test_a_pembantu_cannot_publish_an_announcement(client, verified_login, petugas_ppid,
                                                   ppid_pembantu):
    a = announcement_create(title="Draf", body="Isi.", actor=petugas_ppid)
    verified_login(client, ppid_pembantu)
    url = reverse("ppid:staff_announcement_action", args=[a.pk, "terbitkan"])
    assert client.post(url).status_code == 403
    a.refresh_from_db()
    assert a.status == Announcement.Status.DRAFT
