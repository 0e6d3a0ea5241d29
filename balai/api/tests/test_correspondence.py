"""Persuratan in the REST API: the agenda book and a letter's disposition tree as the
token's user may see them (a rahasia letter outside the tree is absent and a 404), the
queue counts, and 403 for staff outside the office."""

import pytest

from balai.correspondence import services
from balai.correspondence.models import Instruction, Security
from balai.correspondence.tests.conftest import classification, office  # noqa: F401
from balai.correspondence.tests.factories import letter

LIST = "/api/v1/correspondence/letters/"


@pytest.fixture
def book(office):  # noqa: F811
    plain = letter(office, subject="Undangan rapat koordinasi SPBE")
    secret = letter(office, subject="Rencana pengamanan pusat data",
                    security=Security.RAHASIA, sender_name="BSSN")
    services.letter_dispose(letter=secret, recipients=[office.kabid_aptika],
                            instructions=[Instruction.STUDY], notes="Segera dikaji",
                            workdays=3, actor=office.head)
    return {"plain": plain, "secret": secret}


def subjects(response):
    return sorted(row["subject"] for row in response.json()["results"])


def test_the_agenda_book_follows_the_security_class_and_the_tree(book, office, token_for):  # noqa: F811
    secret = book["secret"]
    head = token_for(office.head)
    assert subjects(head.get(LIST)) == ["Rencana pengamanan pusat data",
                                        "Undangan rapat koordinasi SPBE"]
    detail = head.get(f"{LIST}{secret.pk}/").json()
    assert detail["agenda"] == secret.agenda_label and detail["security"] == "rahasia"
    [disposition] = detail["dispositions"]
    assert (disposition["recipient"], disposition["depth"], disposition["notes"]) == (
        "Kabid Aptika", 0, "Segera dikaji")
    for outsider in (office.kabid_ikp, office.staff_ikp1, office.front):
        api = token_for(outsider)
        assert subjects(api.get(LIST)) == ["Undangan rapat koordinasi SPBE"]
        assert api.get(f"{LIST}{secret.pk}/").status_code == 404
        assert subjects(api.get(LIST, {"q": "pusat data"})) == []
    assert subjects(token_for(office.kabid_aptika).get(LIST, {"sender": "bssn"})) == [
        "Rencana pengamanan pusat data"]
    assert head.get(LIST, {"status": "bogus"}).status_code == 400


def test_queue_counts_and_who_may_use_it(book, office, token_for, operator_other_opd):  # noqa: F811
    counts = token_for(office.kabid_aptika).get(f"{LIST}queues/").json()
    assert counts["dispositions_pending"] == 1 and counts["incoming_unread"] == 1
    response = token_for(operator_other_opd).get(LIST)
    assert response.status_code == 403
