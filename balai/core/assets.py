"""Things a citizen's report can be about that another app keeps (FixMyStreet's asset
layers): a telecommunication tower on its QR plate, say. A report names one by a
reference, "<kind>:<code>" ("menara:MLG-0001").

The app that keeps the asset registers its kind here from its AppConfig.ready(); the app
that takes the report attaches it through this registry and reads the links back for its
pages, without importing the other app (STYLE.md: domain apps of one layer do not import
each other). The link itself is a row of the asset's app, with a real foreign key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Asset:
    ref: str  # "menara:MLG-0001"
    heading: str  # what kind of thing it is, in the asset app's words ("Menara")
    label: str  # which one ("MLG-0001 · Site Suhat"), as the report's pages name it
    public_url: str = ""  # its public page, "" when it has none
    staff_url: str = ""  # its staff page
    # The agency that answers for the asset (a listed service's OPD), "" when none does:
    # a report about it is routed there (complaints.routing, rule "asset").
    agency_code: str = ""
    agency_name: str = ""
    # Its staff page is the complaint desk's and front office's alone (a WhatsApp
    # transcript shows the reporter's number): other officers are not offered the link.
    front_office_only: bool = False


@dataclass(frozen=True)
class AssetKind:
    kind: str  # "menara": the reference's prefix
    resolve: Callable[[str], Asset | None]  # a code -> the asset, None when there is none
    # Record that `case` (a report) is about the asset, in the caller's transaction:
    # attach(code, case, actor) -> the asset, or None when the code names none.
    attach: Callable[[str, object, object], Asset | None]
    for_case: Callable[[object], list[Asset]]  # the assets a report was attached to


REGISTRY: dict[str, AssetKind] = {}


def register(kind: AssetKind) -> None:
    REGISTRY[kind.kind] = kind


def _split(ref: str) -> tuple[AssetKind, str] | None:
    kind, sep, code = (ref or "").strip().partition(":")
    if not sep or not code.strip() or kind not in REGISTRY:
        return None
    return REGISTRY[kind], code.strip()


def resolve(ref: str) -> Asset | None:
    """The asset a reference names, or None (unknown kind, no such code)."""
    found = _split(ref)
    return found[0].resolve(found[1]) if found else None


def attach(ref: str, case, actor=None) -> Asset | None:
    """Link a report to the asset `ref` names; None, and nothing linked, when it names none
    (a reference only comes from a link the citizen followed: never an error)."""
    found = _split(ref)
    return found[0].attach(found[1], case, actor) if found else None


def assets_for(case) -> list[Asset]:
    """Every asset the report is linked to, across the registered kinds."""
    return [asset for kind in REGISTRY.values() for asset in kind.for_case(case)]
