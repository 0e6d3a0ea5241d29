"""The tower service's letters: what each says, and the classification it is filed under."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.documents.models import Classification
from balai.documents.render import Signer, signer_for
from balai.lib.money import rupiah
from balai.towers.models import SitingRequest


def letter_classification() -> Classification:
    """The archive classification of tower letters (TOWERS_LETTER_CLASSIFICATION)."""
    return Classification.objects.get_or_create(
        code=settings.TOWERS_LETTER_CLASSIFICATION.strip(),
        defaults={"name": "Komunikasi dan informatika", "verified": False})[0]


def letter_signer(actor) -> Signer:
    return signer_for(actor, position="Kepala Dinas Komunikasi dan Informatika",
                      configured=settings.TOWERS_SIGNER)


def _date_text(value: date) -> str:
    return formats.date_format(value, "j F Y")


def siting_letter_context(*, req: SitingRequest, recommend: bool, reason: str,
                          valid_until: date | None, sentences: list[str]) -> dict:
    """The recommendation (or its refusal) answering the company's application letter."""
    place = req.address or f"{req.lat:.6f}, {req.lng:.6f}"
    body = [_("Answering your letter number %(number)s of %(date)s asking for a "
              "recommendation for the siting of a telecommunication tower, we have assessed "
              "the proposed point against the cell-plan zones, the prohibited and airport "
              "safety zones, the existing towers and the height caps.")
            % {"number": req.letter_number, "date": _date_text(req.letter_date)}]
    if recommend:
        body.append(_("We RECOMMEND the siting of the tower described below. This "
                      "recommendation is valid until %(date)s; it is not a building "
                      "approval (PBG), which must still be obtained before construction.")
                    % {"date": _date_text(valid_until)})
    else:
        body.append(_("We are unable to recommend the siting of the tower described below, "
                      "for the reasons listed."))
    details = [
        (_("Company"), req.company.name),
        (_("Request number"), req.code),
        (_("Location"), place),
        (_("Kelurahan"), req.kelurahan.name if req.kelurahan else "-"),
        (_("Coordinates"), f"{req.lat:.6f}, {req.lng:.6f}"),
        (_("Site type"), str(req.get_site_type_display())),
        (_("Height"), f"{req.height_m:g} m"),
    ]
    rows = [[str(i), s] for i, s in enumerate(sentences, start=1)]
    if reason:
        rows.append([str(len(rows) + 1), _("Officer's assessment: %(reason)s")
                     % {"reason": reason}])
    closing = [_("Thank you for your attention.")]
    return {
        "subject": _("Recommendation for the siting of a telecommunication tower") if recommend
        else _("Answer to a request for a tower siting recommendation"),
        "addressee": _("Director of %(company)s") % {"company": req.company.name},
        "addressee_place": req.company.address or "",
        "body": body, "details": details,
        "table": {"header": [_("No."), _("Assessment")], "rows": rows},
        "closing": closing,
        "copies": [_("Head of the Public Works and Spatial Planning Office (PBG)")],
    }


def notice_letter_context(*, inspection, findings, due: date) -> dict:
    """The notice to the owner after an inspection: what was found, by when to put it right."""
    tower = inspection.tower
    body = [
        _("On %(date)s our officer inspected your telecommunication tower %(code)s at "
          "%(place)s and found the matters listed below.")
        % {"date": _date_text(timezone.localdate(inspection.inspected_at)), "code": tower.code,
           "place": tower.address or (tower.kelurahan.name if tower.kelurahan else
                                      f"{tower.lat:.6f}, {tower.lng:.6f}")},
        _("We ask you to put them right and to report it to us, with photographs, no later "
          "than %(date)s. A tower left in this condition may be subject to the sanctions "
          "of the regional regulation on the control of telecommunication towers.")
        % {"date": _date_text(due)},
    ]
    rows = [[str(i), f.description] for i, f in enumerate(findings, start=1)]
    return {
        "subject": _("Notice on the condition of telecommunication tower %(code)s")
        % {"code": tower.code},
        "addressee": _("Director of %(company)s") % {"company": tower.company.name},
        "addressee_place": tower.company.address or "",
        "body": body,
        "details": [(_("Tower"), tower.code), (_("Site type"), str(tower.get_site_type_display())),
                    (_("Height"), f"{tower.height_m:g} m"), (_("Deadline"), _date_text(due))],
        "table": {"header": [_("No."), _("Finding")], "rows": rows},
        "closing": [_("Thank you for your attention.")],
    }


def levy_assessment_context(*, tower, company, year: int, formula_text: str, amount,
                            due_on: date, objection_until: date, legal_basis: str) -> dict:
    """The SKRD: what is levied, on what basis, by when to pay and to object."""
    return {
        "subject": _("Regional levy assessment (SKRD): tower control levy %(year)s")
        % {"year": year},
        "addressee": _("Director of %(company)s") % {"company": company.name},
        "addressee_place": company.address or "",
        "body": [
            _("Under %(basis)s, the tower control levy for %(year)s on your tower %(code)s "
              "is assessed as follows.") % {"basis": legal_basis, "year": year,
                                            "code": tower.code},
            _("Pay it in one sum no later than %(due)s. Unpaid levies bear interest of 2 %% a "
              "month. An objection may be filed in writing until %(objection)s.")
            % {"due": _date_text(due_on), "objection": _date_text(objection_until)},
        ],
        "details": [(_("Tower"), tower.code), (_("Formula"), formula_text),
                    (_("Amount"), rupiah(amount)), (_("Due"), _date_text(due_on))],
        "closing": [_("Thank you for your attention.")],
    }


def levy_reminder_context(*, assessment, pay_by: date, interest) -> dict:
    """The surat teguran: the SKRD is unpaid; pay within 7 days."""
    return {
        "subject": _("Reminder (surat teguran): unpaid tower control levy %(number)s")
        % {"number": assessment.number},
        "addressee": _("Director of %(company)s") % {"company": assessment.company.name},
        "addressee_place": assessment.company.address or "",
        "body": [
            _("Our records show that the levy assessed by SKRD %(number)s of %(issued)s, due "
              "on %(due)s, is still unpaid.")
            % {"number": assessment.number, "issued": _date_text(assessment.issued_on),
               "due": _date_text(assessment.due_on)},
            _("Pay it no later than %(date)s. This reminder restarts the three years within "
              "which the levy may be collected.") % {"date": _date_text(pay_by)},
        ],
        "details": [(_("Tower"), assessment.tower.code),
                    (_("Unpaid"), rupiah(assessment.unpaid)),
                    (_("Interest to date (2 % a month)"), rupiah(interest)),
                    (_("Legal basis"), assessment.legal_basis)],
        "closing": [_("Thank you for your attention.")],
    }


def levy_bill_context(*, assessment, today: date, months: int, interest, total) -> dict:
    """The STRD (surat tagihan retribusi daerah): the unpaid levy and its interest to date,
    2 % for each month or part of a month since the due date."""
    return {
        "subject": _("Regional levy bill (STRD): tower control levy %(number)s")
        % {"number": assessment.number},
        "addressee": _("Director of %(company)s") % {"company": assessment.company.name},
        "addressee_place": assessment.company.address or "",
        "body": [
            _("The levy assessed by SKRD %(number)s of %(issued)s fell due on %(due)s and is "
              "still unpaid. Under %(basis)s it bears an administrative sanction of interest "
              "at 2 %% for each month, a part of a month counted as a whole one.")
            % {"number": assessment.number, "issued": _date_text(assessment.issued_on),
               "due": _date_text(assessment.due_on), "basis": assessment.legal_basis},
            _("Pay the amount below; interest continues to run at 2 %% a month until the "
              "levy is paid."),
        ],
        "details": [(_("Tower"), assessment.tower.code),
                    (_("Unpaid levy"), rupiah(assessment.unpaid)),
                    (_("Months late on %(date)s") % {"date": _date_text(today)}, str(months)),
                    (_("Interest (2 % a month)"), rupiah(interest)),
                    (_("Total billed"), rupiah(total))],
        "closing": [_("Thank you for your attention.")],
    }
