from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from balai.core.models import AuditEntry
from balai.ppid.models import DipEntry
from balai.publications import score
from balai.publications.models import ComplianceItem, Publication, ScoreSnapshot
from balai.publications.services import review_record, score_snapshot_month
from balai.publications.tasks import monthly_score_sweep
from balai.publications.tests import factories

WIB = ZoneInfo("Asia/Jakarta")
ITEMS = [score.Item("berita", "Berita", 10, True), score.Item("dip", "DIP", 10, True),
         score.Item("pejabat", "Pejabat", 20, False)]


def test_news_counts_thirty_days_back_from_the_judged_day():
    on = date(2026, 11, 30)
    fresh = score.evaluate(ITEMS, score.Facts(last_post_on=date(2026, 10, 31)), on=on)
    stale = score.evaluate(ITEMS, score.Facts(last_post_on=date(2026, 10, 30)), on=on)
    assert fresh[0].passed and not stale[0].passed


def test_score_is_passed_weight_over_total():
    facts = score.Facts(last_post_on=date(2026, 11, 20), reviews={"pejabat": True})
    results = score.evaluate(ITEMS, facts, on=date(2026, 11, 30))
    assert [r.passed for r in results] == [True, False, True]
    assert score.total(results) == 75


def test_unreviewed_item_does_not_pass():
    results = score.evaluate(ITEMS, score.Facts(), on=date(2026, 11, 30))
    assert score.total(results) == 0 and results[2].detail == "Belum dinilai."


def test_past_month_is_judged_on_its_last_day():
    assert score.judged_on(date(2026, 2, 1), date(2026, 12, 4)) == date(2026, 2, 28)
    assert score.judged_on(date(2026, 12, 1), date(2026, 12, 4)) == date(2026, 12, 4)


def test_rubric_is_seeded_with_malangs_ten_items(db):
    codes = list(ComplianceItem.objects.values_list("code", flat=True))
    assert len(codes) == 10 and sum(ComplianceItem.objects.values_list("weight", flat=True)) == 100
    assert {"berita", "dip", "standar-pelayanan", "pengaduan", "kontak"} <= set(
        ComplianceItem.objects.filter(evaluation="otomatis").values_list("code", flat=True))


@pytest.mark.django_db
def test_one_opds_score_recomputed_from_raw_rows(agency_pupr, agency_dlh, officer_pupr,
                                                editor, time_machine):
    """The November score of Dinas PUPR, worked out by hand from the rows below."""
    time_machine.move_to(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
    agency_pupr.address, agency_pupr.phone = "Jl. Bingkil 1", "0341-123"
    agency_pupr.save()
    # A post on 5 November (25 days before the 30th: fresh), one scheduled into December
    # (not counted for November), an agenda item (not news).
    factories.post(agency_pupr, officer_pupr, publish_at=datetime(2026, 11, 5, 10, tzinfo=WIB))
    factories.post(agency_pupr, officer_pupr, title="Desember",
                   publish_at=datetime(2026, 12, 1, 8, tzinfo=WIB))
    # The DIP last touched in March: more than six months before 30 November.
    time_machine.move_to(datetime(2026, 3, 10, 9, 0, tzinfo=WIB))
    DipEntry.objects.create(information_class="berkala", title="Profil PUPR",
                            agency=agency_pupr)
    time_machine.move_to(datetime(2026, 12, 2, 9, 0, tzinfo=WIB))
    # Reviews: officials yes (October, still in force), org chart no (November).
    items = {i.code: i for i in ComplianceItem.objects.all()}
    review_record(agency=agency_pupr, item=items["pejabat"], month=date(2026, 10, 1),
                  passed=True, evidence_url="https://pupr.malangkota.go.id/pejabat",
                  actor=editor)
    review_record(agency=agency_pupr, item=items["struktur-organisasi"],
                  month=date(2026, 11, 1), passed=False, actor=editor)
    # A December review does not reach back into November.
    review_record(agency=agency_pupr, item=items["dpa"], month=date(2026, 12, 1),
                  passed=True, actor=editor)

    snaps = {s.agency_id: s for s in score_snapshot_month(month=date(2026, 11, 1),
                                                          today=date(2026, 12, 2))}
    # By hand: kontak 10 (address + phone), berita 10, pengaduan 10 (nothing overdue),
    # pejabat 10; no standard in the directory, DIP stale, org chart no, DPA not yet
    # reviewed for November, tupoksi and pengadaan unreviewed: 40 of 100.
    passed = {i["code"] for i in snaps[agency_pupr.pk].items if i["passed"]}
    assert passed == {"kontak", "berita", "pengaduan", "pejabat"}
    weights = dict(ComplianceItem.objects.values_list("code", "weight"))
    assert snaps[agency_pupr.pk].score == round(
        100 * sum(weights[c] for c in passed) / sum(weights.values())) == 40
    assert snaps[agency_dlh.pk].score == 10  # only 'pengaduan' (no address, post, DIP)
    assert AuditEntry.objects.filter(action="publications.reviewed").count() == 3


@pytest.mark.django_db
def test_snapshot_is_idempotent_and_ranked(client, agency_pupr, agency_dlh, officer_pupr):
    factories.post(agency_pupr, officer_pupr)
    call_command("publications_score")
    call_command("publications_score")
    assert ScoreSnapshot.objects.count() == 2
    page = client.get(reverse("publications:ranking")).content.decode()
    assert page.index(agency_pupr.name) < page.index(agency_dlh.name)
    detail = client.get(reverse("publications:ranking_agency", args=["dlh"])).content.decode()
    assert "Belum pernah menerbitkan berita." in detail
    assert Publication.objects.count() == 1


@pytest.mark.django_db
def test_only_the_editor_reviews(client, agency_pupr, officer_pupr, editor):
    client.force_login(officer_pupr)
    assert client.get(reverse("publications:staff_review", args=["pupr"])).status_code == 403
    client.force_login(editor)
    response = client.get(reverse("publications:staff_review", args=["pupr"]))
    assert response.status_code == 200
    data = {f"{i.code}-passed": "ya" for i in ComplianceItem.objects.filter(
        evaluation="penilai")}
    data["pejabat-evidence_url"] = "https://pupr.malangkota.go.id/pejabat"
    assert client.post(reverse("publications:staff_review", args=["pupr"]),
                       data).status_code == 302
    page = client.get(reverse("publications:ranking_agency", args=["pupr"])).content.decode()
    assert "https://pupr.malangkota.go.id/pejabat" in page
    assert ScoreSnapshot.objects.get(agency=agency_pupr).score == 60  # 5 reviewed + pengaduan


@pytest.mark.django_db
def test_monthly_sweep_keeps_last_month_once(agency_pupr, time_machine):
    time_machine.move_to(datetime(2026, 12, 1, 0, 30, tzinfo=WIB))  # 17:30 UTC on the 30th
    assert monthly_score_sweep() == ScoreSnapshot.objects.filter(
        month=date(2026, 11, 1)).count() > 0
    assert monthly_score_sweep() == 0
