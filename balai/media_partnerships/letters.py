"""The letters of the media partnerships: what the decision and the agreement say. The
documents service numbers, renders, signs and stores them (`document_issue`)."""

from __future__ import annotations

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from balai.documents.models import Classification
from balai.documents.render import Signer, signer_for
from balai.lib.money import rupiah


def _day(value) -> str:
    return formats.date_format(value, "j F Y")


def letter_classification() -> Classification:
    code = settings.MEDIA_PARTNERSHIP_LETTER_CLASSIFICATION.strip()
    return Classification.objects.get_or_create(
        code=code, defaults={"name": "Komunikasi dan Informatika", "verified": False})[0]


def letter_signer(actor) -> Signer:
    return signer_for(actor, position="Kepala Dinas Komunikasi dan Informatika",
                      configured=settings.MEDIA_PARTNERSHIP_SIGNER)


def decision_context(*, application, verified: bool, tier: str, items, reasons: str) -> dict:
    """The verification decision: every checklist item with its finding; for a refusal,
    the reasons, item by item."""
    outlet, rnd = application.outlet, application.round
    rows = [[item.requirement.label,
             _("Met") if item.is_met else _("Not met"),
             "; ".join(x for x in (item.auto_reason, item.note) if x) or "-"] for item in items]
    if verified:
        verdict = _("The outlet is declared VERIFIED as a media partner of the regional "
                    "government at tier %(tier)s, valid until %(until)s.") % {
            "tier": tier, "until": _day(rnd.valid_until)}
    else:
        verdict = _("The outlet is declared NOT VERIFIED as a media partner for the following "
                    "reasons: %(reasons)s") % {"reasons": reasons}
    return {
        "subject": _("Decision on the verification of %(outlet)s as a media partner")
        % {"outlet": outlet.name},
        "addressee": _("Chief editor of %(outlet)s") % {"outlet": outlet.name},
        "addressee_place": outlet.address.splitlines()[0] if outlet.address else "",
        "body": [_("Following the verification round %(round)s held under %(basis)s, the "
                   "verification team examined the data and documents of %(company)s "
                   "(%(outlet)s) against each requirement:") % {
            "round": rnd.name, "basis": rnd.legal_basis, "company": outlet.company_name,
            "outlet": outlet.name}],
        "table": {"header": [_("Requirement"), _("Result"), _("Finding")], "rows": rows},
        "closing": [verdict, _("This decision is given so that it may be used as "
                               "appropriate.")],
    }


def contract_context(*, order) -> dict:
    """The partnership agreement of an order: parties, period, items, prices, ceiling."""
    outlet = order.outlet
    rows = [[item.get_item_kind_display(), item.description, str(item.quantity),
             rupiah(item.unit_price), rupiah(item.amount)] for item in order.items.all()]
    return {
        "subject": _("Media partnership agreement %(code)s") % {"code": order.code},
        "addressee": _("Director of %(company)s (%(outlet)s)") % {
            "company": outlet.company_name, "outlet": outlet.name},
        "addressee_place": outlet.address.splitlines()[0] if outlet.address else "",
        "body": [_("%(agency)s orders from %(outlet)s the publications below, at the prices "
                   "of the rate card %(year)s, for the period %(start)s to %(end)s:") % {
            "agency": order.agency.name, "outlet": outlet.name, "year": order.year,
            "start": _day(order.period_start), "end": _day(order.period_end)}],
        "details": [(_("Budget line"), order.budget_line),
                    (_("Contract"), f"{order.get_contract_kind_display()} "
                                    f"{order.contract_reference}"),
                    (_("Ceiling"), rupiah(order.ceiling))],
        "table": {"header": [_("Item"), _("Description"), _("Qty"), _("Unit price"),
                             _("Amount")], "rows": rows},
        "closing": [_("Payment is made by transfer to the company's account %(bank)s "
                      "%(account)s in the name of %(holder)s, after proof of publication of "
                      "each item is recorded in balai and the invoice is received, with the "
                      "taxes withheld as the law requires.") % {
            "bank": outlet.bank_name, "account": outlet.bank_account_number,
            "holder": outlet.bank_account_name}],
    }
