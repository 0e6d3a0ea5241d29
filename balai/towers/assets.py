"""The tower as a thing a complaint can be about (balai.core.assets, kind "menara"): the
QR plate's page links to the complaint form with "aset=menara:<code>", and the complaint,
once filed, is linked to the tower by a TowerReport row."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from balai.core.assets import Asset, AssetKind, register
from balai.core.audit import log_action
from balai.towers.models import Tower, TowerReport

KIND = "menara"


def ref(tower: Tower) -> str:
    return f"{KIND}:{tower.code}"


def _asset(tower: Tower) -> Asset:
    public = tower.status != Tower.Status.PLANNED  # a planned tower has no plate yet
    return Asset(ref=ref(tower), heading=_("Telecommunication tower"),
                 label=" · ".join(filter(None, [tower.code, tower.name])),
                 public_url=reverse("towers:public", args=[tower.code]) if public else "",
                 staff_url=reverse("towers:detail", args=[tower.pk]))


def _tower(code: str) -> Tower | None:
    return (Tower.objects.exclude(status=Tower.Status.PLANNED)
            .filter(code=code.strip().upper()).first())


def resolve(code: str) -> Asset | None:
    tower = _tower(code)
    return _asset(tower) if tower else None


def attach(code: str, case, actor) -> Asset | None:
    """Link the complaint to the tower and note it on the tower's timeline (audited in the
    complaint's own transaction)."""
    tower = _tower(code)
    if tower is None:
        return None
    TowerReport.objects.get_or_create(complaint_id=case.pk, defaults={"tower": tower})
    log_action(tower, "towers.complaint_linked", actor=actor, data={"complaint": case.code})
    return _asset(tower)


def for_case(case) -> list[Asset]:
    return [_asset(link.tower) for link in
            TowerReport.objects.filter(complaint_id=case.pk).select_related("tower")]


def register_kind() -> None:
    register(AssetKind(kind=KIND, resolve=resolve, attach=attach, for_case=for_case))
