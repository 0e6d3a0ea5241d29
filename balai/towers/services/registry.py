"""The registry's services: companies, towers, tenants, permits and the bulk import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.workflow import save_changed
from balai.towers.imports import ImportRow
from balai.towers.models import Permit, Tenancy, Tower, TowerCompany

TOWER_FIELDS = ("code", "name", "lat", "lng", "address", "site_type", "height_m",
                "year_built", "company", "is_shared", "status")
COMPANY_FIELDS = ("name", "nib", "address", "contact_name", "contact_phone", "contact_email")


def kelurahan_for_points(points: Sequence[tuple[float, float]]) -> list:
    """The kelurahan (or desa) Area of each (lat, lng), None outside the imported areas:
    one vectorised locator pass, one query for the rows."""
    from balai.geo.models import Area  # noqa: PLC0415
    from balai.geo.selectors import get_locator  # noqa: PLC0415

    if not points:
        return []
    results = get_locator().locate_many([p[0] for p in points], [p[1] for p in points])
    codes = []
    for result in results:
        kel = next((a for a in reversed(result.areas)
                    if a.level in ("kelurahan", "desa")), None)
        codes.append(kel.code if kel else None)
    rows = {a.code: a for a in Area.objects.filter(code__in={c for c in codes if c})}
    return [rows.get(c) if c else None for c in codes]


def _next_code() -> str:
    """MNR-00001, the next free number: a plate code for a tower registered without one."""
    last = (Tower.objects.filter(code__regex=r"^MNR-[0-9]{5}$")
            .aggregate(last=Max("code"))["last"])
    return f"MNR-{int(last[4:]) + 1 if last else 1:05d}"


def _validate(obj, exclude=()) -> None:
    obj.full_clean(exclude=list(exclude))


@transaction.atomic
def company_save(*, company: TowerCompany | None = None, data: dict, actor) -> TowerCompany:
    """Register a tower company or change its details (NIB from OSS, contact person)."""
    company = company or TowerCompany()
    changed = {f: data[f] for f in COMPANY_FIELDS if f in data
               and getattr(company, f) != data[f]}
    for field, value in changed.items():
        setattr(company, field, value)
    _validate(company)
    company.save()
    log_action(company, "towers.company_saved", actor=actor, data={"changed": sorted(changed)})
    return company


@transaction.atomic
def tower_create(*, data: dict, actor) -> Tower:
    """Register a tower; its kelurahan comes from the locator, its code from the plate
    (or the next MNR- number when it has none yet)."""
    tower = Tower(**{f: data[f] for f in TOWER_FIELDS if f in data})
    tower.code = (tower.code or "").strip().upper() or _next_code()
    tower.kelurahan = kelurahan_for_points([(tower.lat, tower.lng)])[0]
    _validate(tower)
    try:
        with transaction.atomic():
            tower.save()
    except IntegrityError as exc:
        raise ValidationError({"code": _("Another tower already has this plate code.")}) \
            from exc
    log_action(tower, "towers.created", actor=actor, data={
        "code": tower.code, "lat": tower.lat, "lng": tower.lng, "status": tower.status})
    return tower


@transaction.atomic
def tower_update(*, tower: Tower, data: dict, actor) -> Tower:
    """Change a tower's registry entry; the audit entry lists each field before and after."""
    tower = Tower.objects.select_for_update().get(pk=tower.pk)
    before = {f: getattr(tower, f) for f in TOWER_FIELDS}
    for field in TOWER_FIELDS:
        if field in data:
            setattr(tower, field, data[field])
    tower.code = tower.code.strip().upper()
    changed = [f for f in TOWER_FIELDS if getattr(tower, f) != before[f]]
    if not changed:
        return tower
    if "lat" in changed or "lng" in changed:
        tower.kelurahan = kelurahan_for_points([(tower.lat, tower.lng)])[0]
        changed.append("kelurahan")
    _validate(tower, exclude=["code"] if "code" not in changed else [])
    if "code" in changed and Tower.objects.filter(code=tower.code).exclude(pk=tower.pk).exists():
        raise ValidationError({"code": _("Another tower already has this plate code.")})
    save_changed(tower, *changed)
    log_action(tower, "towers.updated", actor=actor, data={"changes": {
        f: [_plain(before.get(f)), _plain(getattr(tower, f))] for f in changed
        if f != "kelurahan"}})
    return tower


def _plain(value):
    if isinstance(value, TowerCompany):
        return value.name
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value) if value is not None and not isinstance(value, bool | int | float) \
        else value


@transaction.atomic
def tenancy_add(*, tower: Tower, operator: str, starts_on: date, ends_on: date | None = None,
                actor) -> Tenancy:
    """An operator's equipment on the tower; a second tenant makes it a shared tower."""
    tenancy = Tenancy(tower=tower, operator=operator.strip(), starts_on=starts_on,
                      ends_on=ends_on)
    tenancy.full_clean()
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    tenancy.save()
    if not tower.is_shared and tower.tenancies.filter(ends_on__isnull=True).count() > 1:
        tower.is_shared = True
        save_changed(tower, "is_shared")
    log_action(tower, "towers.tenancy_added", actor=actor, data={
        "operator": tenancy.operator, "from": starts_on, "until": ends_on})
    return tenancy


@transaction.atomic
def tenancy_end(*, tenancy: Tenancy, ends_on: date, actor) -> Tenancy:
    if ends_on < tenancy.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    tenancy.ends_on = ends_on
    tenancy.save(update_fields=["ends_on", "updated_at"])
    log_action(tenancy.tower, "towers.tenancy_ended", actor=actor, data={
        "operator": tenancy.operator, "until": ends_on})
    return tenancy


@transaction.atomic
def permit_add(*, tower: Tower, kind: str, number: str, issued_on: date, file=None,
               actor) -> Permit:
    """Record a permit (PBG/IMB, SLF, KKPR, environmental) with its scan, kept private."""
    permit = Permit(tower=tower, kind=kind, number=number.strip(), issued_on=issued_on)
    permit.full_clean(exclude=["file"])
    if Permit.objects.filter(tower=tower, kind=kind, number=permit.number).exists():
        raise ValidationError({"number": _("This permit is already recorded for the tower.")})
    if file is not None:
        permit.file.save(file.name, file, save=False)
    permit.save()
    log_action(tower, "towers.permit_added", actor=actor, data={
        "kind": kind, "number": permit.number, "date": issued_on, "file": bool(file)})
    return permit


def towers_import(*, rows: Sequence[ImportRow], filename: str, actor) -> list[Tower]:
    """Add the towers of a checked import file, all of them or none (one transaction):
    companies are found by name (created with their NIB when new), the kelurahan of every
    point comes from one locator pass, tenants from the operator column."""
    if not rows:
        raise ValidationError(_("The file has no towers to import."))
    bad = [r for r in rows if r.errors]
    if bad:
        raise ValidationError(_("The file has rows with errors; nothing was imported."))
    kelurahan = kelurahan_for_points([(r.values["lat"], r.values["lng"]) for r in rows])
    with transaction.atomic():
        companies = {c.name.casefold(): c for c in TowerCompany.objects.all()}
        towers = []
        for row, kel in zip(rows, kelurahan, strict=True):
            v = row.values
            company = companies.get(v["company"].casefold())
            if company is None:
                company = TowerCompany.objects.create(name=v["company"], nib=v["nib"])
                companies[company.name.casefold()] = company
            towers.append(Tower(
                code=v["code"], name=v["name"], lat=v["lat"], lng=v["lng"],
                address=v["address"], kelurahan=kel, site_type=v["site_type"],
                height_m=v["height_m"], year_built=v["year_built"], company=company,
                is_shared=v["is_shared"] or len(v["operators"]) > 1, status=v["status"]))
        try:
            with transaction.atomic():
                Tower.objects.bulk_create(towers)
        except IntegrityError as exc:
            raise ValidationError(_("A plate code in the file was registered by someone else "
                                    "meanwhile; nothing was imported. Check the file again."
                                    )) from exc
        towers = list(Tower.objects.filter(code__in=[t.code for t in towers]))
        by_code = {t.code: t for t in towers}
        Tenancy.objects.bulk_create(
            Tenancy(tower=by_code[r.values["code"]], operator=op,
                    starts_on=date(r.values["year_built"] or 2000, 1, 1))
            for r in rows for op in r.values["operators"])
        for tower in towers:
            log_action(tower, "towers.imported", actor=actor, data={"file": filename})
    return towers
