"""Action catalogues and workflow tables (STYLE.md rules 7 and 9)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue, action_label
from balai.core.audit import log_action
from balai.core.workflow import Transition, Workflow


def test_a_catalogue_refuses_a_code_of_another_app():
    with pytest.raises(ValueError, match="does not belong"):
        ActionCatalogue("testapp", [Action("other.done", _("Done"))])


def test_an_uncatalogued_code_reads_as_its_verb():
    assert action_label("nowhere.something_happened") == "something happened"


@pytest.mark.django_db
def test_log_action_takes_the_public_flag_from_the_catalogue_and_refuses_a_contradiction():
    ActionCatalogue("coretest", [Action("coretest.shown", _("Shown"), public=True),
                                 Action("coretest.hidden", _("Hidden"))])
    user = get_user_model().objects.create_user(email="a@example.org", password="x")
    with transaction.atomic():
        shown = log_action(user, "coretest.shown")
        hidden = log_action(user, "coretest.hidden")
        with pytest.raises(ValueError, match="catalogued public=False"):
            log_action(user, "coretest.hidden", public=True)
    assert (shown.public, hidden.public) == (True, False)
    assert shown.label == "Shown"


def test_a_workflow_table_refuses_a_state_the_model_does_not_have():
    from balai.complaints.models import Complaint

    with pytest.raises(ValueError, match="unknown states"):
        Workflow(Complaint, [Transition("x", "X", "x-ed", frozenset({"baru", "nope"}), None,
                                        frozenset({"desk"}), "complaint_x")],
                 error=ValidationError, refusal="%(status)s %(action)s")
