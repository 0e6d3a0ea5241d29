from django.core.management import call_command

from balai.accounts.models import Role, User
from balai.agencies.models import Agency
from balai.demo.loader import AGENCIES, PERSONAS
from balai.geo.models import Area, Road
from balai.geo.selectors import locate


def test_demo_has_an_account_for_every_persona(demo_city):
    roles = set(User.objects.filter(email__endswith="@demo.balai.id")
                .values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_loads_the_real_malang_boundaries(demo_city):
    assert Area.objects.filter(level="kota").count() == 1
    assert Area.objects.filter(level="kecamatan").count() == 5
    assert Area.objects.filter(level="kelurahan").count() == 57
    kiduldalem = Area.objects.get(code="35.73.02.1004")
    assert kiduldalem.parent.code == "35.73.02"


def test_demo_roads_cover_every_status_and_belong_to_agencies(demo_city):
    statuses = set(Road.objects.values_list("status", flat=True))
    assert statuses == {"nasional", "provinsi", "kabupaten", "kota", "desa"}
    assert not Road.objects.filter(agency__isnull=True).exists()
    assert not Road.objects.filter(is_made_up=False).exists()
    assert Agency.objects.filter(code="bbpjn-jatim", is_external=True).exists()


def test_alun_alun_is_located_with_a_road_nearby(demo_city):
    result = locate(-7.9826, 112.6308)
    assert result.inside
    assert result.areas[-1].code == "35.73.02.1004"
    assert result.road is not None and result.road.distance_m <= 15


def test_loading_the_demo_again_keeps_the_data_and_duplicates_nothing(demo_city):
    counts = (Agency.objects.count(), User.objects.count(), Area.objects.count(),
              Road.objects.count())
    call_command("demo", "--no-progress")
    call_command("demo", "--if-empty")
    assert counts == (len(AGENCIES), len(PERSONAS), 63, Road.objects.count())
    assert (Agency.objects.count(), User.objects.count(), Area.objects.count(),
            Road.objects.count()) == counts


def test_demo_has_information_requests_in_every_state(demo_city):
    from balai.ppid.models import DipEntry, Dispute, InformationRequest, Objection

    statuses = set(InformationRequest.objects.values_list("status", flat=True))
    assert statuses == set(InformationRequest.Status.values)
    assert Objection.objects.filter(status="diterima").exists()
    assert Objection.objects.filter(status="diputus").exists()
    assert Dispute.objects.exists()
    assert DipEntry.objects.filter(information_class="dikecualikan").exists()
    assert InformationRequest.objects.filter(overdue_flagged_for__isnull=False).exists()


def test_demo_office_has_letters_in_every_state_down_its_chain(demo_city):
    from balai.correspondence.models import Disposition, IncomingLetter, Position
    from balai.correspondence.tasks import overdue_dispositions_sweep

    head = Position.objects.get(user__email="kadis@demo.balai.id")
    assert head.parent is None and head.children.count() == 2
    assert Position.objects.filter(parent__parent=head).count() == 4
    assert set(IncomingLetter.objects.values_list("status", flat=True)) == set(
        IncomingLetter.Status.values)
    assert set(Disposition.objects.values_list("status", flat=True)) == set(
        Disposition.Status.values)
    numbers = sorted(IncomingLetter.objects.filter(agenda_year=2026).values_list(
        "agenda_number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))
    # The story's reminders went out on their days: the first real sweep sends none.
    assert overdue_dispositions_sweep() == 0
    # Attachments: one on an open incoming letter, two on the letter signed and sent.
    from balai.correspondence.models import Attachment, OutgoingLetter

    assert Attachment.objects.filter(incoming__status="disposed").count() + \
        Attachment.objects.filter(incoming__status="registered").count() == 1
    sent = OutgoingLetter.objects.get(status=OutgoingLetter.Status.SENT)
    assert sorted(sent.attachments.values_list("name", flat=True)) == [
        "denah-jalur-fiber.png", "jadwal-pemeliharaan.pdf"]


def test_demo_towers_tell_their_story_objections_and_reports_included(demo_city):
    from balai.towers.models import LevyBill, LevyObjection, Tower, TowerReport

    assert 140 <= Tower.objects.count() <= 150
    objections = {o.status: o for o in LevyObjection.objects.select_related("assessment")}
    assert set(objections) == {"partly", "refused", "granted"}
    assert objections["granted"].deemed
    assert objections["granted"].assessment.status == "withdrawn"
    assert objections["partly"].amount_after < objections["partly"].amount_before
    for objection in objections.values():  # each filed within the SKRD's two months
        assert objection.received_on <= objection.assessment.objection_until
    [bill] = LevyBill.objects.select_related("assessment")
    assert bill.assessment.reminder_on < bill.issued_on and bill.interest > 0
    reports = list(TowerReport.objects.select_related("tower", "complaint"))
    assert len(reports) == 2
    assert {r.complaint.status for r in reports} == {"baru", "terverifikasi"}
    assert all(r.tower.code in r.complaint.title for r in reports)


def test_demo_performance_tables_show_the_demo_months_at_once(demo_city, client):
    """The roll-up is built by the demo, so a newcomer's performance page is not empty, and
    it counts every demo complaint once."""
    from django.db.models import Sum
    from django.urls import reverse

    from balai.complaints.models import Complaint, DailyRollup

    received = DailyRollup.objects.aggregate(n=Sum("received"))["n"]
    assert received == Complaint.objects.count() > 0
    page = client.get(reverse("complaints:performance")).content.decode()
    assert "Dinas Pekerjaan Umum" in page or "PUPR" in page


def test_demo_budget_tells_two_years_and_its_documents(demo_city):
    from django.utils import timezone

    from balai.budget import matrix, selectors
    from balai.budget.models import BudgetImport, BudgetLine

    today = timezone.localdate()
    current = BudgetImport.objects.filter(is_current=True)
    last_year = set(current.filter(year=today.year - 1).values_list("stage", flat=True))
    assert last_year == {"murni", "perubahan", "realisasi"}
    # This year's realisation stands at the end of last month and was published after it.
    this_year = current.get(year=today.year, stage="realisasi") if today.month > 1 else None
    if this_year is not None:
        assert this_year.as_of < today and timezone.localdate(this_year.created_at) > \
            this_year.as_of
    # Every line's agency is one of the demo's own, and each stage's total is its lines' sum.
    for batch in current:
        assert batch.total == sum(BudgetLine.objects.filter(budget_import=batch)
                                  .values_list("amount", flat=True))
    spending = selectors.year_summary(today.year - 1)["5"]
    assert 0.75 < spending.realisasi / spending.budget < 1
    states = {(cell.year, cell.kind.code): cell.state
              for row in selectors.document_matrix([today.year - 1, today.year], today=today)
              for cell in row}
    assert states[(today.year - 1, "lra_skpd")] == matrix.State.LATE
    if today > matrix.due_on(matrix.BY_CODE["lra_semester"], today.year):
        assert states[(today.year, "lra_semester")] == matrix.State.MISSING
    # Loading again adds nothing.
    count = BudgetImport.objects.count()
    call_command("demo", "--no-progress")
    assert BudgetImport.objects.count() == count



def test_demo_open_data_has_thirty_datasets_and_no_person_in_any(demo_city, client):
    import csv
    import io

    from django.urls import reverse

    from balai.open_data import privacy
    from balai.open_data.models import Dataset

    published = Dataset.objects.filter(is_published=True)
    assert published.count() >= 30
    assert published.exclude(builtin="").count() == 6
    for dataset in published:
        for resource in dataset.resources.all():
            response = client.get(reverse("open_data:download", args=[dataset.slug,
                                                                      resource.uuid]))
            text = b"".join(response.streaming_content).decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            assert len(rows) > 1, dataset.slug
            assert privacy.scan(rows[0], rows[1:]) == [], dataset.slug


def test_demo_alert_subscriptions_tell_their_story_with_coherent_dates(demo_city):
    from django.utils import timezone

    from balai.alerts.models import AlertItem, Subscription, SweepCursor
    from balai.complaints.models import Complaint
    from balai.notifications.models import Outbox

    now = timezone.now()
    subs = {s.recipient.split("@")[0]: s for s in Subscription.objects.all()}
    assert set(subs) == {"siti.rahayu", "budi.santoso", "ani.wijaya", "dewi.lestari",
                         "rudi.hartono"}
    active = [s for s in subs.values() if s.is_active]
    assert {s.recipient.split("@")[0] for s in active} == {"siti.rahayu", "budi.santoso",
                                                           "ani.wijaya"}
    assert subs["dewi.lestari"].confirmed_at is None
    rudi = subs["rudi.hartono"]
    assert rudi.created_at < rudi.confirmed_at < rudi.unsubscribed_at < now
    for sub in active:
        assert sub.created_at <= sub.confirmed_at <= now
    # The daily digest is due next, never in the past.
    assert subs["budi.santoso"].digest_on >= timezone.localdate(now)
    # Alerts: after the confirmation, before leaving, of public cases only, none pending
    # but the next digest's; the worker starts from now; no demo message is ever sent.
    items = AlertItem.objects.select_related("subscription")
    assert items.filter(subscription=subs["siti.rahayu"]).exists()
    for item in items:
        entry_at = item.subscription.confirmed_at
        assert item.complaint_id in set(Complaint.objects.public().values_list("pk", flat=True))
        assert item.sent_at is None or entry_at < item.sent_at <= now
        if item.sent_at is None:
            assert item.subscription.frequency == "daily"
    assert not items.filter(subscription=rudi, sent_at__gt=rudi.unsubscribed_at).exists()
    assert SweepCursor.objects.get(name="alerts").read_until <= now
    assert not Outbox.objects.filter(template__startswith="peringatan").exists()
