"""A complaint's public timeline as Open311 notes and mySociety request updates.

Only the public audit entries are used, and only what the complaints action catalogue
(complaints/actions.py) says of them: its label and the mySociety extended status after
it. The data recorded with them (reasons, reporter replies, staff names) stays on the
staff side, as on the tracking page.
"""

from __future__ import annotations

from balai.core.actions import action_for, action_label


def label(action: str) -> str:
    return action_label(action)


def extended_status(action: str) -> str:
    entry = action_for(action)
    return (entry.open311_status if entry else "") or "unchanged"


def note_type(action: str) -> str:
    return action.split(".", 1)[-1]
