"""The demo's media partnerships tell the issue's story: outlets in every verification
state, one rate card, three OPDs' orders with proofs, and one case of each red flag."""

from django.utils import timezone

from balai.media_partnerships.models import (
    Application,
    Deliverable,
    MediaOutlet,
    Order,
    RateCard,
)
from balai.media_partnerships.redflags import KINDS, red_flags


def test_demo_has_about_forty_outlets_in_every_verification_state(demo_city):
    assert MediaOutlet.objects.count() == 40
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values)
    refused = Application.objects.filter(status="refused")
    assert all(a.decision_reasons and a.decision_letter_id for a in refused)


def test_demo_has_a_rate_card_and_orders_from_three_opds_with_proofs(demo_city):
    assert RateCard.objects.filter(year=2026).exists()
    orders = Order.objects.exclude(status="draft")
    assert orders.values("agency").distinct().count() == 3
    assert all(o.contract_letter_id for o in orders)
    assert Deliverable.objects.filter(kind="online").exists()
    assert Deliverable.objects.filter(kind="print").exists()
    # The made-up pages wait for `balai worker` to draw their PDF and PNG, like real ones.
    assert set(Deliverable.objects.filter(kind="online").values_list(
        "render_state", "snapshot_pdf")) == {("pending", "")}


def test_demo_red_flag_report_has_a_case_of_each_kind(demo_city):
    flags = red_flags(Order.objects.all(), today=timezone.localdate())
    assert {f.kind for f in flags} == set(KINDS)
