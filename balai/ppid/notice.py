"""The written notice of UU 14/2008 Pasal 22(7): what it says, item by item (a–g).

`notice_context()` is pure: it turns a request and its decision into the letter's
content, which the documents service numbers, renders with Typst, signs and stores.
Each of the seven items gets its own row, so a reader (and a test) finds a to g.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from balai.lib.money import rupiah

ITEMS = "abcdefg"


def _date(value: date) -> str:
    return formats.date_format(value, "j F Y")


def notice_items(*, decision, office: str) -> list[tuple[str, str, str]]:
    """(letter, element, content) for items a–g of Pasal 22(7), in that order."""
    d = decision
    grounds = "; ".join(label for label in (d.get_exemption_display() if d.exemption else "",
                                            d.get_other_ground_display() if d.other_ground
                                            else "") if label)
    if d.outcome == d.Outcome.GRANTED:
        verdict = _("The request is granted in full.")
    elif d.outcome == d.Outcome.PARTLY:
        verdict = _("The request is granted in part. Part of the information is exempt: "
                    "%(grounds)s. Consequence test: %(test)s") % {
            "grounds": grounds, "test": d.consequence_test}
    elif d.outcome == d.Outcome.REFUSED:
        verdict = _("The request is refused: %(grounds)s. Consequence test: %(test)s") % {
            "grounds": grounds, "test": d.consequence_test}
    else:
        verdict = _("The request cannot be granted because the information is not held by "
                    "%(office)s.") % {"office": office}
    withheld = (_("%(what)s. Reason: %(why)s") % {"what": d.withheld, "why": d.withheld_reason}
                if d.withheld else _("No information is blacked out."))
    if d.outcome in (d.Outcome.GRANTED, d.Outcome.PARTLY):
        delivery = "; ".join(x for x in (d.get_form_display(), d.get_delivery_display()) if x)
    else:
        delivery = _("Not applicable: no information is given.")
    cost = (_("%(amount)s. How to pay: %(how)s") % {"amount": rupiah(d.cost), "how": d.payment}
            if d.cost else _("Free of charge."))
    return [
        ("a", _("Whether the information is held"),
         _("The information requested is held by %(office)s.") % {"office": office}
         if d.is_held else _("The information requested is not held by %(office)s.")
         % {"office": office}),
        ("b", _("Public body that holds it"),
         d.holder if not d.is_held and d.holder else
         (_("Not known to us.") if not d.is_held else _("Not applicable."))),
        ("c", _("Decision"), verdict),
        ("d", _("Information given"), d.given or _("None.")),
        ("e", _("Information blacked out, and why"), withheld),
        ("f", _("Form and way of delivery"), delivery),
        ("g", _("Costs and how to pay"), cost),
    ]


def notice_context(*, req, decision, office: str, objection_deadline: date,
                   carries_out=None) -> dict:
    """The letter's content for `document_issue` (kind PPID_NOTICE); `carries_out` is the
    upheld keberatan this notice carries out, if any."""
    received = _date(timezone.localdate(req.received_at))
    body = [
        _("Following up your request for public information received on %(date)s, we give "
          "you the written notice required by Article 22(7) of Law 14 of 2008 on Public "
          "Information Disclosure on the request below:") % {"date": received},
    ]
    if carries_out is not None:
        letter = carries_out.decision_document
        body.append(_(
            "This notice carries out the decision of the superior of the PPID on your "
            "objection %(code)s of %(date)s (letter %(number)s), which upheld it.") % {
                "code": carries_out.code,
                "date": _date(timezone.localdate(carries_out.decided_at)),
                "number": letter.number.full_number if letter else "-"})
    # The requester's particulars, as the Perki 1/2021 forms print them: who asked what.
    details = [
        (_("Registration number"), req.code),
        (_("Name"), req.name),
        (_("Address"), " ".join(req.address.split())),
        (_("Occupation"), req.occupation or "-"),
        (_("Phone / e-mail"), " / ".join(x for x in (req.phone, req.email) if x) or "-"),
        (_("Information requested"), req.information),
        (_("Purpose of use"), req.purpose),
    ]
    # The letter and the element share a cell, so "a. Penguasaan informasi" reads as one.
    rows = [[f"{letter}. {element}", content]
            for letter, element, content in notice_items(decision=decision, office=office)]
    closing = [
        _("If you disagree with this decision, you may file an objection (keberatan) with "
          "the superior of the PPID (atasan PPID) by %(date)s, within 30 working days, under "
          "Articles 35 and 36 of Law 14 of 2008. Use your personal link or come to the "
          "service desk.") % {"date": _date(objection_deadline)},
        _("This notice is given so that it may be used as appropriate."),
    ]
    return {
        "subject": _("Written notice on the request for public information %(code)s")
        % {"code": req.code},
        "addressee": req.name,
        "addressee_place": req.address.splitlines()[0] if req.address else "",
        "body": body,
        "details": details,
        "table": {"header": [_("Element (Art. 22(7))"), _("Content")],
                  "rows": rows},
        "closing": closing,
        "copies": [_("Superior of the PPID (atasan PPID)")],
    }


def _dispute_counting(objection, dispute_deadline: date | None) -> str:
    """How the letter counts the 14 working days for a dispute: from the day the
    requester receives it (UU 14/2008 Pasal 37(2)), said for the way it is sent."""
    if dispute_deadline is not None and objection.answer_received_on is not None:
        return _("If you are not satisfied with this decision, you may take the dispute to "
                 "the Information Commission (Komisi Informasi) within 14 working days of "
                 "receiving it, under Article 37(2) of Law 14 of 2008: by %(date)s. This "
                 "decision is sent to you electronically on %(sent)s, and that day counts as "
                 "the day you received it.") % {
                     "date": _date(dispute_deadline),
                     "sent": _date(objection.answer_received_on)}
    return _("If you are not satisfied with this decision, you may take the dispute to the "
             "Information Commission (Komisi Informasi) within 14 working days of receiving "
             "it, under Article 37(2) of Law 14 of 2008. This decision is sent by post or "
             "delivered by hand: the 14 working days count from the delivery date on the "
             "receipt, which the PPID records; your tracking page then shows the last day.")


def objection_decision_context(*, objection, dispute_deadline: date | None) -> dict:
    """The atasan PPID's written decision on a keberatan (UU 14/2008 Pasal 36(2))."""
    req = objection.request
    address = req.address if req is not None else objection.requester_address
    filed = {"code": objection.code, "date": _date(timezone.localdate(objection.filed_at))}
    if req is not None:
        opening = _("Following up your objection registered as %(code)s on %(date)s against "
                    "the answer to request %(request)s, the superior of the PPID has examined "
                    "it and decides as follows:") % {**filed, "request": req.code}
        subject_rows = [[_("Request number"), req.code],
                        [_("Information requested"), req.information]]
    else:
        opening = _("Following up your objection registered as %(code)s on %(date)s that "
                    "periodic information was not published, the superior of the PPID has "
                    "examined it and decides as follows:") % filed
        subject_rows = [[_("Periodic information not published"), objection.information]]
    body = [opening]
    rows = [
        [_("Objection number"), objection.code],
        *subject_rows,
        [_("Ground of the objection (Art. 35(1))"), objection.grounds_display],
        [_("Case summary"), objection.case_summary],
        [_("Decision"), objection.get_outcome_display()],
        [_("Reasons"), objection.reasons],
    ]
    if objection.carry_out_due is not None:
        rows.append([_("What the PPID is to do"), _(
            "The PPID carries out this decision by giving you a new written notice on your "
            "request (Article 22(7) of Law 14 of 2008) by %(date)s.") % {
                "date": _date(objection.carry_out_due)}])
    closing = [
        _dispute_counting(objection, dispute_deadline),
        _("This decision is given so that it may be used as appropriate."),
    ]
    return {
        "subject": _("Decision of the superior of the PPID on objection %(code)s")
        % {"code": objection.code},
        "addressee": objection.filed_by_proxy or objection.name,
        "addressee_place": next(iter(address.splitlines()), ""),
        "body": body,
        "table": {"header": [_("Element"), _("Content")], "rows": rows},
        "closing": closing,
        "copies": [_("PPID of %(office)s") % {"office": req.delegated_to.name}
                   if req is not None and req.delegated_to_id else _("PPID utama")],
    }
