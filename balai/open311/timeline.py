"""A complaint's public timeline as Open311 notes and mySociety request updates.

Only the public audit entries are used, and only their labels: the data recorded with
them (reasons, reporter replies, staff names) stays on the staff side, as on the
tracking page (complaints/_action_label.html uses the same labels).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

# action -> (label on the public timeline, mySociety extended status after it)
ACTIONS = {
    "complaints.submitted": (lambda: _("Report received"), "open"),
    "complaints.verified": (lambda: _("Verified and sent to the agency"), "investigating"),
    "complaints.accepted": (lambda: _("The agency is working on it"), "in_progress"),
    "complaints.info_requested": (lambda: _("The officer asked for more information"),
                                  "investigating"),
    "complaints.reporter_replied": (lambda: _("The reporter replied"), "in_progress"),
    "complaints.answered": (lambda: _("Answered"), "fixed"),
    "complaints.reopened": (lambda: _("Reopened by the reporter"), "reopen"),
    "complaints.rated": (lambda: _("Rated and closed"), "closed"),
    "complaints.autoclosed": (lambda: _("Closed: no reply within the reply window"), "closed"),
    "complaints.forwarded": (lambda: _("Forwarded to another body"),
                             "not_councils_responsibility"),
    "complaints.archived": (lambda: _("Archived"), "no_further_action"),
    "complaints.duplicate": (lambda: _("Merged with an earlier report of the same problem"),
                             "duplicate"),
    "complaints.supported": (lambda: _("Another citizen reported the same problem"),
                             "unchanged"),
}


def label(action: str) -> str:
    entry = ACTIONS.get(action)
    return entry[0]() if entry else action.split(".", 1)[-1].replace("_", " ")


def extended_status(action: str) -> str:
    entry = ACTIONS.get(action)
    return entry[1] if entry else "unchanged"


def note_type(action: str) -> str:
    return action.split(".", 1)[-1]
