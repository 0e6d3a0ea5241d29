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
