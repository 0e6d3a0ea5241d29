"""The overdue list, the urgent list and the head of office's statistics, on real cases."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from balai.accounts.models import Role
from balai.complaints import services
from balai.complaints.models import Complaint
from balai.complaints.tests import factories
from conftest import make_user

WIB = ZoneInfo("Asia/Jakarta")
MON = datetime(2026, 11, 2, 10, tzinfo=WIB)  # verification due Thu 5 Nov, follow-up 5 days on
LATER = datetime(2026, 11, 20, 9, tzinfo=WIB)
S = Complaint.Status


@pytest.fixture
def cats(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    rows = factories.agencies()
    factories.load_malang(tmp_path)
    return factories.categories(rows)


@pytest.fixture
def trc(db):
    return make_user("trc@example.id", Role.TIM_REAKSI_CEPAT)


def make(category, *, verifier=None, when=MON, **extra):
    complaint, _ = services.complaint_submit(
        submission=factories.submission(category, **extra), now=when)
    if verifier is not None:
        services.complaint_verify(complaint=complaint, actor=verifier, now=when)
    complaint.refresh_from_db()
    return complaint


def codes(response) -> set[str]:
    return {c.code for c in response.context["page"]}


def test_overdue_lists_late_cases_by_stage_for_the_desk(client, cats, verifikator,
                                                        operator_opd):
    late_new = make(cats["jalan"], title="Belum diverifikasi")
    late_followup = make(cats["jalan"], verifier=verifikator, title="Belum dijawab")
    waiting = make(cats["jalan"], verifier=verifikator, title="Menunggu pelapor")
    services.complaint_request_info(complaint=waiting, question="Di mana tepatnya?",
                                    actor=operator_opd, now=MON)
    fresh = make(cats["jalan"], when=datetime(2026, 11, 19, 10, tzinfo=WIB))
    client.force_login(verifikator)
    with time_machine.travel(LATER):
        response = client.get(reverse("dashboard:overdue"))
        followup = client.get(reverse("dashboard:overdue"), {"stage": "tindak-lanjut"})
    assert response.context["stage"]["key"] == "verifikasi"  # the desk's own stage first
    assert codes(response) == {late_new.code}
    assert codes(followup) == {late_followup.code}
    for page in (response, followup):
        assert waiting.code not in codes(page) and fresh.code not in codes(page)
    assert [s["count"] for s in response.context["stages"]] == [1, 1]


def test_an_agency_sees_only_its_own_overdue_cases(client, cats, verifikator, operator_opd,
                                                   operator_other_opd):
    pupr = make(cats["jalan"], verifier=verifikator)
    dlh = make(cats["sampah"], verifier=verifikator)
    with time_machine.travel(LATER):
        client.force_login(operator_opd)
        assert codes(client.get(reverse("dashboard:overdue"))) == {pupr.code}
        client.force_login(operator_other_opd)
        assert codes(client.get(reverse("dashboard:overdue"))) == {dlh.code}
        html = client.get(reverse("dashboard:workdesk")).content.decode()
    assert '<a class="card__link" href="/meja-kerja/terlambat/">' in html


def test_the_rapid_response_team_sees_urgent_cases_from_arrival(client, cats, trc,
                                                                 verifikator):
    flood = make(cats["banjir"], title="Banjir setinggi lutut")
    road = make(cats["jalan"], verifier=verifikator, title="Jalan berlubang")
    client.force_login(trc)
    response = client.get(reverse("complaints:urgent"))
    assert codes(response) == {flood.code}
    assert client.get(reverse("complaints:staff_detail", args=[flood.pk])).status_code == 200
    assert client.get(reverse("complaints:staff_detail", args=[road.pk])).status_code == 404
    html = client.get(reverse("dashboard:workdesk")).content.decode()
    assert "<strong>1</strong> menunggu" in html


def test_statistics_figures_match_the_cases(client, cats, verifikator, operator_opd,
                                            kepala_dinas):
    answered_on_time = make(cats["jalan"], verifier=verifikator)
    services.complaint_accept(complaint=answered_on_time, actor=operator_opd)
    services.complaint_answer(complaint=answered_on_time, text="Sudah ditambal.",
                              actor=operator_opd, now=datetime(2026, 11, 4, 10, tzinfo=WIB))
    services.complaint_rate(complaint=answered_on_time, rating=4)
    answered_late = make(cats["jalan"], verifier=verifikator)
    services.complaint_accept(complaint=answered_late, actor=operator_opd)
    services.complaint_answer(complaint=answered_late, text="Maaf terlambat.",
                              actor=operator_opd, now=datetime(2026, 11, 18, 10, tzinfo=WIB))
    make(cats["jalan"], verifier=verifikator)  # open, overdue on the 20th
    make(cats["sampah"])  # new, overdue verification
    make(cats["sampah"], when=datetime(2026, 10, 1, 10, tzinfo=WIB))  # outside the period
    client.force_login(kepala_dinas)
    with time_machine.travel(LATER):
        response = client.get(reverse("dashboard:statistics"),
                              {"date_from": "2026-11-01", "date_to": "2026-11-20"})
    stats = response.context["stats"]
    assert stats["total"] == 4
    assert stats["overdue_now"] == 2
    pupr = next(row for row in stats["agencies"] if row["name"] == "Dinas PUPR")
    assert (pupr["received"], pupr["answered"], pupr["on_time"], pupr["overdue"]) == (3, 2, 1, 1)
    # On time is judged on the three whose deadline passed, the open overdue one included.
    assert pupr["judged"] == 3
    assert pupr["on_time_pct"] == 33 and pupr["rating"] == 4
    assert dict(stats["by_status"])["Baru"] == 1
    html = response.content.decode()
    assert "Ringkasan kinerja" in html and "33%<br><span class=\"hint\">1/3</span>" in html


def test_on_time_share_counts_cases_still_open_past_their_deadline(client, cats, verifikator,
                                                                   operator_opd,
                                                                   kepala_dinas):
    """Two answered on time and three left open past the deadline is 40 %, not 100 %."""
    for _ in range(2):
        case = make(cats["jalan"], verifier=verifikator)
        services.complaint_accept(complaint=case, actor=operator_opd)
        services.complaint_answer(complaint=case, text="Sudah ditambal.", actor=operator_opd,
                                  now=datetime(2026, 11, 4, 10, tzinfo=WIB))
    late = [make(cats["jalan"], verifier=verifikator) for _ in range(3)]
    not_yet_due = make(cats["jalan"], verifier=verifikator,
                       when=datetime(2026, 11, 19, 10, tzinfo=WIB))
    client.force_login(kepala_dinas)
    with time_machine.travel(LATER):
        response = client.get(reverse("dashboard:statistics"),
                              {"date_from": "2026-11-01", "date_to": "2026-11-20"})
    pupr = next(row for row in response.context["stats"]["agencies"]
                if row["name"] == "Dinas PUPR")
    assert not_yet_due.followup_due >= LATER.date() and all(
        c.followup_due < LATER.date() for c in late)
    assert (pupr["received"], pupr["answered"], pupr["judged"], pupr["on_time"],
            pupr["overdue"]) == (6, 2, 5, 2, 3)
    assert pupr["on_time_pct"] == 40


def test_an_answer_at_dawn_after_the_deadline_day_is_late(client, cats, verifikator,
                                                          operator_opd, kepala_dinas):
    """06:35 WIB the day after the deadline is still the deadline day in UTC: it is late."""
    case = make(cats["jalan"], verifier=verifikator)
    services.complaint_accept(complaint=case, actor=operator_opd)
    due = case.followup_due
    dawn = datetime.combine(due + timedelta(days=1), time(6, 35), tzinfo=WIB)
    services.complaint_answer(complaint=case, text="Sudah.", actor=operator_opd, now=dawn)
    client.force_login(kepala_dinas)
    with time_machine.travel(LATER):
        stats = client.get(reverse("dashboard:statistics"),
                           {"date_from": "2026-11-01", "date_to": "2026-11-20"}
                           ).context["stats"]
    pupr = next(row for row in stats["agencies"] if row["name"] == "Dinas PUPR")
    assert (pupr["judged"], pupr["on_time"], pupr["on_time_pct"]) == (1, 0, 0)


def test_statistics_are_for_the_head_of_office_not_an_agency(client, cats, operator_opd):
    client.force_login(operator_opd)
    assert client.get(reverse("dashboard:statistics")).status_code == 403


def test_statistics_refuse_a_reversed_period_and_say_when_empty(client, cats, kepala_dinas):
    client.force_login(kepala_dinas)
    html = client.get(reverse("dashboard:statistics"),
                      {"date_from": "2026-11-10", "date_to": "2026-11-01"}).content.decode()
    assert "Tanggal akhir harus sama dengan atau sesudah tanggal awal" in html
    html = client.get(reverse("dashboard:statistics"),
                      {"date_from": "2020-01-01", "date_to": "2020-01-31"}).content.decode()
    assert "Tidak ada aduan yang diterima pada periode ini." in html


def test_statistics_page_reads_a_fixed_number_of_queries(client, cats, verifikator,
                                                         kepala_dinas,
                                                         django_assert_max_num_queries):
    for category in ("jalan", "sampah", "banjir"):
        for _ in range(3):
            make(cats[category], verifier=verifikator)
    client.force_login(kepala_dinas)
    with time_machine.travel(LATER), django_assert_max_num_queries(10):
        client.get(reverse("dashboard:statistics"),
                   {"date_from": "2026-11-01", "date_to": "2026-11-20"})


@pytest.fixture
def ppid_officers(db, settings, tmp_path, agency_pupr, agency_dlh):
    from balai.agencies.models import Membership

    settings.PPID_PRIVATE_ROOT = str(tmp_path / "private")
    main = make_user("ppid@example.id", Role.PETUGAS_PPID)
    pupr = make_user("ppid.pupr@example.id", Role.PETUGAS_PPID)
    Membership.objects.create(user=pupr, agency=agency_pupr, role=Membership.Role.PPID_OFFICER)
    dlh = make_user("ppid.dlh@example.id", Role.PETUGAS_PPID)
    Membership.objects.create(user=dlh, agency=agency_dlh, role=Membership.Role.PPID_OFFICER)
    return main, pupr, dlh


def test_overdue_information_requests_are_listed_for_ppid_staff_by_scope(
        client, ppid_officers, agency_pupr, verifikator):
    from balai.ppid.services import information_request_delegate
    from balai.ppid.tests import factories as ppid_factories

    main, pupr, dlh = ppid_officers
    late = ppid_factories.request(now=MON)  # due 16 Nov (10 working days)
    delegated = ppid_factories.request(now=MON, information="Anggaran perbaikan jalan 2026")
    information_request_delegate(request=delegated, agency=agency_pupr, actor=main)
    ppid_factories.request(now=datetime(2026, 11, 19, 10, tzinfo=WIB))  # not yet due
    with time_machine.travel(LATER):
        client.force_login(main)
        response = client.get(reverse("dashboard:overdue"))
        assert [s["key"] for s in response.context["stages"]] == ["permohonan-informasi"]
        assert {r.code for r in response.context["page"]} == {late.code, delegated.code}
        assert "NIK" not in response.content.decode()
        client.force_login(pupr)
        assert {r.code for r in client.get(reverse("dashboard:overdue")).context["page"]} \
            == {delegated.code}
        client.force_login(dlh)
        assert not list(client.get(reverse("dashboard:overdue")).context["page"])
        client.force_login(verifikator)  # the complaint desk sees no PPID stage
        keys = [s["key"] for s in client.get(reverse("dashboard:overdue")).context["stages"]]
        assert keys == ["verifikasi", "tindak-lanjut"]
