"""Workflow tables: a case app's actions, the states each starts from and leads to, who
may take it and the service that does it, in one place (STYLE.md rule 7).

Services lock a case with `Workflow.lock(case, action)`; views, the REST API and the
templates offer the actions `Workflow.offered(state, side)` returns and label them from
the table. A plain table, not a state-machine library: see docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Transition:
    action: str  # "verify", as URLs, forms and the API name it
    label: str | Promise  # the button and heading ("Verify and dispose")
    done: str | Promise  # past participle for refusals ("verified")
    sources: frozenset[str]  # states it may start from
    target: str | None  # state it leads to; None: the state stays (a reply, a correction)
    sides: frozenset[str]  # who may take it, as the app's scope names them ("desk", ...)
    service: str  # the service function that does it, in the app's services module
    destructive: bool = False  # never open or preselected by default (archive, refuse)


def row(action, label, done, sources, target, sides, service, *,
        destructive: bool = False) -> Transition:
    """A table row written the way the tables read: sources and sides as any iterable."""
    return Transition(action=action, label=label, done=done, sources=frozenset(sources),
                      target=target, sides=frozenset(sides), service=service,
                      destructive=destructive)


class Workflow:
    """The transitions of one model's `status` field, in the order staff usually take them."""

    def __init__(self, model: type[models.Model], transitions: Iterable[Transition], *,
                 error: type[ValidationError], refusal: str | Promise,
                 status_field: str = "status"):
        self.model = model
        self.error = error
        self.refusal = refusal  # "%(status)s" and "%(action)s" filled in
        self.status_field = status_field
        self._table = {t.action: t for t in transitions}
        states = {value for value, _label in model._meta.get_field(status_field).choices}
        for t in self._table.values():
            unknown = (t.sources | ({t.target} if t.target else set())) - states
            if unknown:
                raise ValueError(f"{t.action}: unknown states {sorted(unknown)}")

    def __getitem__(self, action: str) -> Transition:
        return self._table[action]

    def __contains__(self, action: str) -> bool:
        return action in self._table

    def __iter__(self) -> Iterator[Transition]:
        return iter(self._table.values())

    def allows(self, action: str, state: str) -> bool:
        t = self._table.get(action)
        return t is not None and state in t.sources

    def offered(self, state: str, sides: Iterable[str]) -> list[Transition]:
        """The actions someone on `sides` may take on a case in `state`, in table order."""
        sides = set(sides)
        return [t for t in self._table.values() if state in t.sources and t.sides & sides]

    def lock(self, case: models.Model, action: str) -> models.Model:
        """The case re-read under a row lock, or the app's error if `action` cannot start
        from its state now. Call inside the transaction that changes it."""
        t = self._table[action]
        fresh = self.model.objects.select_for_update().get(pk=case.pk)
        state = getattr(fresh, self.status_field)
        if state not in t.sources:
            label = getattr(fresh, f"get_{self.status_field}_display")()
            raise self.error(self.refusal % {"status": str(label).lower(), "action": t.done},
                             code="transition")
        return fresh

    def claim(self, case: models.Model, action: str, **changes) -> bool:
        """Move the case out of `action`'s sources with one conditional UPDATE; True if this
        caller won. For an irreversible step (a signed letter) taken outside a row lock."""
        t = self._table[action]
        filters = {"pk": case.pk, f"{self.status_field}__in": list(t.sources)}
        return self.model.objects.filter(**filters).update(**changes) == 1


def save_changed(case: models.Model, *fields: str) -> None:
    """Save the fields a service changed, and `updated_at` (the version caches key on)."""
    case.save(update_fields=[*fields, "updated_at"])


def submitted_before(model: type[models.Model], key: str | None) -> models.Model | None:
    """The case a retried submission with this idempotency key already created, or None:
    a double-clicked form or a client's retry returns the first case, never a second
    (checked before the work, and again when the insert hits the unique key)."""
    return model._default_manager.filter(idempotency_key=key).first() if key else None

