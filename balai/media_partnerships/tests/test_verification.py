"""Verification: checks on submission, the team's verdicts, a decision with reasons and a
letter, and what each persona may see."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from balai.core.models import AuditEntry
from balai.documents.models import IssuedDocument
from balai.media_partnerships import services
from balai.media_partnerships.models import Application
from balai.media_partnerships.tests import factories
from balai.media_partnerships.tests.factories import at

pytestmark = pytest.mark.django_db
DAY = date(2026, 4, 6)


@pytest.fixture
def rnd():
    return factories.verification_round()


def submitted(outlet, rnd, day=DAY) -> Application:
    return services.application_submit(outlet=outlet, round=rnd, now=at(day))


def test_submission_runs_every_automatic_check_on_that_day(rnd):
    outlet = factories.outlet(ukw="madya", kbli="")
    application = submitted(outlet, rnd)
    items = {i.requirement.kind: i for i in application.items.select_related("requirement")}
    assert items["chief_editor_ukw"].auto_result == "fail"
    assert "madya" in items["chief_editor_ukw"].auto_reason
    assert items["kbli"].auto_result == "fail"
    assert items["press_council"].auto_result == "pass"
    assert items["manual"].auto_result == "manual"


def test_review_reruns_the_checks_so_a_certificate_that_lapsed_meanwhile_fails(rnd, tim_verifikasi):
    outlet = factories.outlet(press_council_valid_until=date(2026, 5, 1))
    application = submitted(outlet, rnd)
    assert application.items.get(requirement__kind="press_council").auto_result == "pass"
    services.application_review(application=application, actor=tim_verifikasi,
                                now=at(date(2026, 5, 2)))
    item = application.items.get(requirement__kind="press_council")
    assert item.auto_result == "fail" and "1 Mei 2026" in item.auto_reason


def test_a_round_that_is_closed_refuses_applications(rnd):
    with pytest.raises(ValidationError):
        submitted(factories.outlet(), rnd, day=date(2027, 1, 2))


def test_overruling_an_automatic_check_needs_a_note(rnd, tim_verifikasi):
    application = submitted(factories.outlet(ukw="madya"), rnd)
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    item = application.items.get(requirement__kind="chief_editor_ukw")
    with pytest.raises(ValidationError) as exc:
        services.application_item_score(item=item, met=True, score=5, note="",
                                        actor=tim_verifikasi)
    assert "note" in exc.value.message_dict


def test_an_outlet_that_misses_an_item_cannot_be_verified(rnd, tim_verifikasi, signing):
    application = submitted(factories.outlet(ukw="madya"), rnd)
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    manual = application.items.get(requirement__kind="manual")
    services.application_item_score(item=manual, met=True, score=8, note="",
                                    actor=tim_verifikasi)
    with pytest.raises(ValidationError) as exc:
        services.application_decide(application=application, verified=True, tier="A",
                                    actor=tim_verifikasi, now=at(DAY))
    assert "UKW" in str(exc.value)
    assert not IssuedDocument.objects.exists()


def test_a_refusal_gives_a_reason_for_every_unmet_item_and_issues_the_letter(
        rnd, tim_verifikasi, signing):
    outlet = factories.outlet(ukw="madya", has_local_office=False)
    application = submitted(outlet, rnd)
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    manual = application.items.get(requirement__kind="manual")
    services.application_item_score(item=manual, met=False, score=0,
                                    note="Kotak redaksi tidak dimuat di situs.",
                                    actor=tim_verifikasi)
    application = services.application_decide(application=application, verified=False,
                                              actor=tim_verifikasi, now=at(DAY))
    assert application.status == Application.Status.REFUSED
    assert "UKW" in application.decision_reasons
    assert "Kantor di Kota Malang" in application.decision_reasons
    assert "Kotak redaksi tidak dimuat" in application.decision_reasons
    assert application.decision_letter.kind == IssuedDocument.Kind.MEDIA_DECISION
    assert AuditEntry.objects.filter(action="media_partnerships.refused").exists()


def test_verification_sets_the_outlets_tier_and_validity(rnd, tim_verifikasi, signing):
    outlet = factories.outlet()
    application = submitted(outlet, rnd)
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    with pytest.raises(ValidationError):  # the manual item is not judged yet
        services.application_decide(application=application, verified=True, tier="A",
                                    actor=tim_verifikasi, now=at(DAY))
    manual = application.items.get(requirement__kind="manual")
    services.application_item_score(item=manual, met=True, score=9, note="",
                                    actor=tim_verifikasi)
    services.application_decide(application=application, verified=True, tier="B",
                                actor=tim_verifikasi, now=at(DAY))
    outlet.refresh_from_db()
    assert (outlet.tier, outlet.verified_until) == ("B", rnd.valid_until)


def test_a_returned_application_is_corrected_and_checked_again(rnd, tim_verifikasi):
    outlet = factories.outlet(kbli="")
    application = submitted(outlet, rnd)
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    services.application_return(application=application, note="Lengkapi KBLI.",
                                actor=tim_verifikasi)
    outlet.kbli = "63122"
    outlet.save()
    services.application_resubmit(application=application, now=at(DAY))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.items.get(requirement__kind="kbli").auto_result == "pass"


def test_the_verification_page_shows_each_finding_to_the_team(client, rnd, tim_verifikasi):
    application = submitted(factories.outlet(ukw="muda"), rnd)
    client.force_login(tim_verifikasi)
    response = client.get(reverse("media_partnerships:application", args=[application.pk]))
    assert response.status_code == 200
    assert "UKW muda" in response.content.decode()


def test_the_team_decides_from_the_page_and_a_refused_verify_keeps_the_form(
        client, rnd, tim_verifikasi):
    application = submitted(factories.outlet(ukw="muda"), rnd)
    client.force_login(tim_verifikasi)
    url = reverse("media_partnerships:application_action", args=[application.pk, "review"])
    assert client.post(url).status_code == 302
    url = reverse("media_partnerships:application_action", args=[application.pk, "verify"])
    response = client.post(url, {"tier": "A", "note": "catatan tim"})
    assert response.status_code == 400
    assert "catatan tim" in response.content.decode()


@pytest.mark.parametrize("persona", ["operator_opd", "warga"])
def test_other_personas_are_refused_the_verification_pages(client, rnd, persona, request):
    application = submitted(factories.outlet(), rnd)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("media_partnerships:application", args=[application.pk]))
    assert response.status_code == 403
    assert client.get(reverse("media_partnerships:outlets")).status_code == 403


def test_an_item_the_team_has_not_judged_yet_is_not_given_as_a_reason(rnd, tim_verifikasi):
    application = submitted(factories.outlet(), rnd)
    services.application_review(application=application, actor=tim_verifikasi, now=at(DAY))
    assert services.refusal_reasons(application.items.select_related("requirement")) == []
