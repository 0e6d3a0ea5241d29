"""Action catalogues: each app names its audit actions once (STYLE.md rule 9).

An action's code is what `log_action` records (`complaints.forwarded`); its catalogue entry
says what people read for it, whether it shows on the public timeline, the Open311
(mySociety) status it leads to, and who is told. `log_action`, the timelines, the Open311
notes and the staff pages all read the catalogue, so no action is labelled twice.

An app declares its catalogue in `<app>/actions.py` and its AppConfig imports it in
`ready()`, so that every code is known before the first request.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Action:
    code: str  # "app.verb", as log_action records it
    label: str | Promise  # what a person reads on a timeline (gettext_lazy)
    public: bool = False  # shown on the public timeline (tracking page, Open311 notes)
    open311_status: str = ""  # mySociety extended status after it; "" = unchanged
    notifies: tuple[str, ...] = ()  # who is told: "reporter", "supporters", "agency", ...


_REGISTRY: dict[str, Action] = {}


class ActionCatalogue:
    """The actions of one app, in the order a case usually meets them."""

    def __init__(self, app: str, actions: Iterable[Action]):
        self.app = app
        self._actions = {a.code: a for a in actions}
        for code, entry in self._actions.items():
            if not code.startswith(f"{app}."):
                raise ValueError(f"{code!r} does not belong to the {app!r} catalogue")
            known = _REGISTRY.get(code)
            if known is not None and known != entry:
                raise ValueError(f"{code!r} is catalogued twice")
            _REGISTRY[code] = entry

    def __getitem__(self, code: str) -> Action:
        return self._actions[code]

    def __contains__(self, code: str) -> bool:
        return code in self._actions

    def __iter__(self) -> Iterator[Action]:
        return iter(self._actions.values())

    def public_codes(self) -> list[str]:
        return [a.code for a in self if a.public]


def action_for(code: str) -> Action | None:
    """The catalogued action with this code, whichever app declared it."""
    return _REGISTRY.get(code)


def action_label(code: str) -> str:
    """What a person reads for an audit code; an uncatalogued code reads as its verb."""
    entry = _REGISTRY.get(code)
    return str(entry.label) if entry else code.split(".", 1)[-1].replace("_", " ")


def catalogued_codes() -> set[str]:
    return set(_REGISTRY)
