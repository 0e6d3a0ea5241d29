"""Who hears about each PPID event, and how: rows in the notification outbox.

Messages to the requester carry their secret link; messages to staff carry only the
registration number and the staff link, never the requester's NIK or documents.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.accounts.models import Role, User
from balai.agencies.models import Membership
from balai.agencies.selectors import ppid_main_agency_code
from balai.notifications.services import notification_enqueue


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def tracking_link(req, secret: str = "") -> str:
    path = reverse("ppid:track_detail", args=[req.code])
    return _site(f"{path}?k={secret}" if secret else path)


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def _send(channel: str, recipient: str, template: str, context: dict, req, event: str) -> None:
    notification_enqueue(channel=channel, recipient=recipient, template=template,
                         context=context, related=req,
                         dedupe_key=f"ppid:{req.pk}:{event}:{channel}:{recipient}"[:190])


def _to_requester(req, event: str, headline: str, message: str = "", secret: str = "") -> None:
    context = {"code": req.code, "headline": headline, "message": message,
               "link": tracking_link(req, secret), "status": req.get_status_display(),
               "due": _date(req.due_date), "received": _date(timezone.localdate(req.received_at))}
    if req.email:
        _send("email", req.email, "ppid_status", context, req, event)
    if req.phone:
        _send("whatsapp", req.phone, "ppid_status", context, req, event)


def _main_officers():
    """PPID officers of the host OPD, and those with no OPD (the PPID utama)."""
    pembantu = Membership.objects.filter(role=Membership.Role.PPID_OFFICER).exclude(
        agency__code=ppid_main_agency_code()).values("user_id")
    return User.objects.filter(role=Role.PETUGAS_PPID, is_active=True).exclude(
        pk__in=pembantu)


def _pembantu_of(agency_id):
    return [m.user for m in Membership.objects.filter(
        agency_id=agency_id, role=Membership.Role.PPID_OFFICER, user__is_active=True,
        user__role=Role.PETUGAS_PPID).select_related("user")]


def _to_staff(users, req, event: str, headline: str, message: str = "") -> None:
    context = {"code": req.code, "headline": headline, "message": message,
               "link": _site(reverse("ppid:staff_detail", args=[req.pk])),
               "due": _date(req.due_date)}
    for user in users:
        _send("email", user.email, "ppid_tugas", context, req, f"{event}:{user.pk}")


def _officers_in_charge(req):
    return _pembantu_of(req.delegated_to_id) if req.delegated_to_id else list(_main_officers())


def submitted(req, secret: str) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_requester(req, "submitted",
                      _("We have received your request for information %(code)s.")
                      % {"code": req.code},
                      _("This message is your proof of receipt. The PPID must answer in writing "
                        "by %(due)s. Keep this link: it shows the progress and the answer.")
                      % {"due": _date(req.due_date)}, secret=secret)
        _to_staff(_main_officers(), req, "submitted", _("A new request for information has "
                                                        "been registered."))


def delegated(req) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_staff(_pembantu_of(req.delegated_to_id), req, f"delegated:{req.delegated_to_id}",
                  _("The PPID utama has delegated a request to your agency. The deadline "
                    "stays %(due)s.") % {"due": _date(req.due_date)}, req.delegation_note)


def extended(req) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_requester(req, "extended", _("The answer to your request has been extended."),
                      _("New deadline: %(due)s. Reason: %(reason)s")
                      % {"due": _date(req.due_date), "reason": req.extension_reason})


def due_date_moved(req) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_requester(req, f"due-moved:{req.due_date}",
                      _("The deadline for your request has moved."),
                      _("The holiday calendar changed, so the working days were counted again. "
                        "New deadline: %(due)s.") % {"due": _date(req.due_date)})


def reminder(req) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_staff(_officers_in_charge(req), req, f"remind:{req.due_date}",
                  _("Deadline near: the written notice is due on %(due)s.")
                  % {"due": _date(req.due_date)})


def overdue(req) -> None:
    with override(settings.LANGUAGE_CODE):
        users = {u.pk: u for u in [*_officers_in_charge(req), *_main_officers()]}.values()
        _to_staff(users, req, f"overdue:{req.due_date}",
                  _("Overdue: the written notice was due on %(due)s.")
                  % {"due": _date(req.due_date)})


def answered(req) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_requester(req, "answered", _("Your request has been answered."),
                      _("Open your link to read the written notice and download what was "
                        "given. If you disagree, you may file an objection (keberatan)."))


def _atasan():
    return User.objects.filter(role=Role.ATASAN_PPID, is_active=True)


def _objection_staff_link(objection) -> str:
    return _site(reverse("ppid:objection_detail", args=[objection.pk]))


def _to_objector(objection, event: str, headline: str, message: str = "") -> None:
    """The requester of a keberatan: through the request's link, or, for one filed without
    a request (Pasal 35(1)(b)), at the contact they gave."""
    if objection.request_id:
        _to_requester(objection.request, event, headline, message)
        return
    context = {"code": objection.code, "headline": headline, "message": message,
               "link": _site(reverse("ppid:index")), "status": objection.get_status_display(),
               "due": _date(objection.due_date),
               "received": _date(timezone.localdate(objection.filed_at))}
    if objection.requester_email:
        _send("email", objection.requester_email, "ppid_status", context, objection, event)
    if objection.requester_phone:
        _send("whatsapp", objection.requester_phone, "ppid_status", context, objection, event)


def _objection_officers(objection):
    return _officers_in_charge(objection.request) if objection.request_id \
        else list(_main_officers())


def objection_filed(objection) -> None:
    related = objection.request or objection
    with override(settings.LANGUAGE_CODE):
        _to_objector(objection, f"objection:{objection.pk}",
                     _("We have received your objection %(code)s.") % {"code": objection.code},
                     _("The atasan PPID must decide by %(due)s.")
                     % {"due": _date(objection.due_date)})
        context = {"code": objection.code, "headline": _("A new objection (keberatan) waits "
                                                         "for your decision."),
                   "message": objection.grounds_display,
                   "link": _objection_staff_link(objection), "due": _date(objection.due_date)}
        for user in [*_atasan(), *_objection_officers(objection)]:
            _send("email", user.email, "ppid_tugas", context, related,
                  f"objection:{objection.pk}:{user.pk}")


def objection_decided(objection) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_objector(objection, f"objection-decided:{objection.pk}",
                     _("The atasan PPID has decided on your objection %(code)s.")
                     % {"code": objection.code}, objection.get_outcome_display())
        headline = (_("The atasan PPID has decided on objection %(code)s: %(outcome)s")
                    % {"code": objection.code, "outcome": objection.get_outcome_display()})
        if objection.request_id:
            _to_staff(_objection_officers(objection), objection.request,
                      f"objection-decided:{objection.pk}", headline)
            return
        context = {"code": objection.code, "headline": headline, "message": "",
                   "link": _objection_staff_link(objection), "due": _date(objection.due_date)}
        for user in _objection_officers(objection):
            _send("email", user.email, "ppid_tugas", context, objection,
                  f"objection-decided:{objection.pk}:{user.pk}")


def objection_reminder(objection, overdue: bool) -> None:
    with override(settings.LANGUAGE_CODE):
        headline = (_("Overdue: the decision on objection %(code)s was due on %(due)s.")
                    if overdue else
                    _("Deadline near: the decision on objection %(code)s is due on %(due)s."))
        context = {"code": objection.code, "message": "",
                   "headline": headline % {"code": objection.code,
                                           "due": _date(objection.due_date)},
                   "link": _objection_staff_link(objection), "due": _date(objection.due_date)}
        kind = "overdue" if overdue else "remind"
        for user in _atasan():
            _send("email", user.email, "ppid_tugas", context, objection.request or objection,
                  f"objection-{kind}:{objection.pk}:{user.pk}")


def annual_report_reminder(text, *, due, late: bool, today) -> None:
    """The PPID utama's officers: last year's annual report is not published yet."""
    with override(settings.LANGUAGE_CODE):
        headline = (_("The annual report for %(year)s was due on %(due)s and is not "
                      "published yet.") if late else
                    _("Publish the annual report for %(year)s by %(due)s.")) % {
            "year": text.year, "due": _date(due)}
        context = {"code": str(text.year), "headline": headline,
                   "message": _("UU 14/2008 Art. 12: the report is published within three "
                                "months of the year's end."),
                   "link": _site(reverse("ppid:annual_report")), "due": _date(due)}
        for user in _main_officers():
            _send("email", user.email, "ppid_tugas", context, text,
                  f"annual-report:{text.year}:{today}:{user.pk}")


def berkala_stale(item) -> None:
    """A periodic item passed its six months (UU 14/2008 Pasal 9(3)): the PPID utama hears."""
    with override(settings.LANGUAGE_CODE):
        context = {"headline": _("Periodic information out of date: %(item)s")
                   % {"item": item.title},
                   "message": _("Last updated on %(date)s; Art. 9(3) of Law 14/2008 requires "
                                "an update at least every six months.")
                   % {"date": _date(item.last_updated_on)},
                   "link": _site(reverse("ppid:monev")), "legal_source": item.legal_source}
    for user in _main_officers():
        notification_enqueue(channel="email", recipient=user.email, template="ppid_monev",
                             context=context, related=item,
                             dedupe_key=f"ppid-berkala:{item.pk}:{item.stale_on}:{user.pk}")


def exemption_review_due(decree, *, ending: list[str]) -> None:
    """The decree on exempt information is due for review (UU 14/2008 Pasal 20: exemptions
    are not permanent): the PPID utama hears, with the entries whose term ends by then."""
    with override(settings.LANGUAGE_CODE):
        context = {"headline": _("Review the decree on exempt information %(decree)s by "
                                 "%(date)s") % {"decree": str(decree),
                                                "date": _date(decree.review_on)},
                   "message": (_("Exemptions whose term ends by then: %(titles)s.")
                               % {"titles": "; ".join(ending)} if ending else
                               _("Art. 20 of Law 14/2008: exemptions are not permanent.")),
                   "link": _site(reverse("ppid:service_documents_staff")),
                   "legal_source": "UU 14/2008 Pasal 20"}
    for user in _main_officers():
        notification_enqueue(channel="email", recipient=user.email, template="ppid_monev",
                             context=context, related=decree,
                             dedupe_key=f"ppid-exemption-review:{decree.pk}:{decree.review_on}:"
                                        f"{user.pk}")
