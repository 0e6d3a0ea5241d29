"""Who hears about each complaint transition, and how: rows in the notification outbox.

Reporter identity never goes to an agency when the complaint is anonim, and the public
link carries only the tracking code; the secret link goes to the reporter alone.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.accounts.models import Role, User
from balai.agencies.models import Membership
from balai.notifications.services import notification_enqueue


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def tracking_link(complaint, secret: str = "") -> str:
    path = reverse("complaints:track_detail", args=[complaint.code])
    return _site(f"{path}?k={secret}" if secret else path)


def _send(recipient_channel: str, recipient: str, template: str, context: dict, complaint,
          event: str, new: bool = False) -> None:
    # new: the complaint was created in this transaction, so no message about it exists yet.
    notification_enqueue(channel=recipient_channel, recipient=recipient, template=template,
                         context=context, related=complaint,
                         dedupe_key=f"complaint:{complaint.pk}:{event}:{recipient_channel}:"
                                    f"{recipient}"[:190], new_key=new)


def _to_reporter(complaint, event: str, headline: str, message: str = "", secret: str = "",
                 new: bool = False):
    context = {"code": complaint.code, "title": complaint.title, "headline": headline,
               "message": message, "link": tracking_link(complaint, secret),
               "status": complaint.get_status_display(),
               "agency": str(complaint.agency) if complaint.agency else ""}
    if complaint.reporter_email:
        _send("email", complaint.reporter_email, "aduan_status", context, complaint, event,
              new)
    if complaint.reporter_phone:
        _send("whatsapp", complaint.reporter_phone, "aduan_status", context, complaint, event,
              new)
    if event not in {"submitted"}:
        for supporter in complaint.supporters.filter(confirmed_at__isnull=False):
            if supporter.email:
                _send("email", supporter.email, "aduan_status", {**context, "link":
                      tracking_link(complaint)}, complaint, event)


def _to_staff(users, complaint, event: str, headline: str, message: str = "",
              new: bool = False) -> None:
    link = _site(reverse("complaints:staff_detail", args=[complaint.pk]))
    context = {"code": complaint.code, "title": complaint.title, "headline": headline,
               "message": message, "link": link,
               "category": complaint.category.name,
               "place": complaint.routing_facts.get("kelurahan_name", "")}
    for user in users:
        _send("email", user.email, "aduan_tugas", context, complaint, f"{event}:{user.pk}",
              new)


def _agency_staff(complaint, roles=(Membership.Role.OPERATOR, Membership.Role.HEAD)):
    if not complaint.agency_id:
        return []
    return [m.user for m in Membership.objects.filter(
        agency_id=complaint.agency_id, role__in=roles, user__is_active=True)
        .select_related("user")]


def submitted(complaint, secret: str) -> None:
    """Call in the transaction that created the complaint (its messages are new)."""
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, "submitted",
                     _("We have received your complaint %(code)s.") % {"code": complaint.code},
                     _("Keep this link: it lets you follow, reply to and rate your complaint."),
                     secret=secret, new=True)
        verifiers = User.objects.filter(role=Role.VERIFIKATOR, is_active=True)
        _to_staff(verifiers, complaint, "submitted", _("A new complaint is waiting for "
                                                       "verification."), new=True)


def rapid_response(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        team = User.objects.filter(role=Role.TIM_REAKSI_CEPAT, is_active=True)
        headline = _("URGENT: %(category)s reported") % {"category": complaint.category.name}
        _to_staff(team, complaint, "urgent", headline, complaint.description[:500])
        chat = settings.RAPID_RESPONSE_TELEGRAM_CHAT
        if chat:
            _send("telegram", chat, "aduan_tugas", {
                "code": complaint.code, "title": complaint.title, "headline": headline,
                "message": complaint.description[:500], "category": complaint.category.name,
                "place": complaint.routing_facts.get("kelurahan_name", ""),
                "link": _site(reverse("complaints:staff_detail", args=[complaint.pk]))},
                complaint, "urgent")


def disposed(complaint) -> None:
    # A case returned by an agency is disposed again: that is news again.
    event = f"verified:{complaint.updated_at:%Y%m%d%H%M%S%f}"
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, event, _("Your complaint has been verified."),
                     _("It is now handled by %(agency)s.") % {"agency": complaint.agency})
        _to_staff(_agency_staff(complaint), complaint, event,
                  _("A complaint has been disposed to your agency."),
                  complaint.disposition_note)


def archived(complaint, note: str) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, "archived", _("Your complaint has been archived."), note)


def forwarded(complaint, event: str = "forwarded") -> None:
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, event,
                     _("Your complaint has been forwarded to %(agency)s.")
                     % {"agency": complaint.forwarded_to},
                     _("Their reference number: %(ref)s") % {"ref": complaint.external_reference}
                     if complaint.external_reference else "")


def forward_closed(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, "forward_closed",
                     _("%(agency)s has closed your complaint.")
                     % {"agency": complaint.forwarded_to}, complaint.answer[:1000])


def accepted(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, f"accepted:{complaint.updated_at:%Y%m%d%H%M%S%f}",
                     _("%(agency)s is working on your complaint.")
                     % {"agency": complaint.agency})


def info_requested(complaint, question: str) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, f"info:{complaint.paused_at:%Y%m%d%H%M%S}",
                     _("We need more information about your complaint."), question)


def reporter_replied(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_staff(_agency_staff(complaint), complaint, f"reply:{complaint.updated_at:%s}",
                  _("The reporter has replied."))


def answered(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        # A reopened case is answered again: the reporter hears of each answer.
        _to_reporter(complaint, f"answered:{complaint.answered_at:%Y%m%d%H%M%S%f}",
                     _("Your complaint has been answered."),
                     _("Look at the answer and rate it. If the problem is not solved, you can "
                       "reopen the complaint until %(date)s.") % {"date": complaint.autoclose_due})


def check_requested(complaint) -> None:
    """The checking unit hears that an answer waits for its check."""
    with override(settings.LANGUAGE_CODE):
        checkers = [m.user for m in Membership.objects.filter(
            agency_id=complaint.category.checker_id, user__is_active=True,
            role__in=(Membership.Role.OPERATOR, Membership.Role.HEAD)).select_related("user")]
        _to_staff(checkers, complaint,
                  f"check:{complaint.check_requested_at:%Y%m%d%H%M%S%f}",
                  _("An answer waits for your check before the reporter sees it."),
                  complaint.pending_answer)


def check_failed(complaint, note: str) -> None:
    """The agency hears that its answer failed the check, and why."""
    with override(settings.LANGUAGE_CODE):
        _to_staff(_agency_staff(complaint), complaint, f"check_failed:{complaint.updated_at:%s}",
                  _("Your answer did not pass its check; the complaint is back with you."),
                  note)


def returned(complaint, reason: str) -> None:
    with override(settings.LANGUAGE_CODE):
        verifiers = User.objects.filter(role=Role.VERIFIKATOR, is_active=True)
        _to_staff(verifiers, complaint, f"returned:{complaint.updated_at:%s}",
                  _("An agency returned a complaint as not its authority."), reason)


def reopened(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_staff(_agency_staff(complaint), complaint, f"reopened:{complaint.updated_at:%s}",
                  _("The reporter reopened a complaint."))


def not_fixed(complaint, note: str) -> None:
    """The reporter answered "belum" to "sudah beres?": the agency and the desk hear it."""
    with override(settings.LANGUAGE_CODE):
        verifiers = User.objects.filter(role=Role.VERIFIKATOR, is_active=True)
        _to_staff([*_agency_staff(complaint), *verifiers], complaint,
                  f"not_fixed:{complaint.updated_at:%Y%m%d%H%M%S%f}",
                  _("The reporter says the problem is not fixed: the complaint is open "
                    "again."), note)


def confidentiality_changed(complaint, reason: str) -> None:
    with override(settings.LANGUAGE_CODE):
        headline = (_("Your complaint is now confidential (rahasia): it is not published.")
                    if complaint.is_confidential else
                    _("Your complaint is no longer confidential: it is published without "
                      "your contact details."))
        _to_reporter(complaint, f"confidential:{complaint.updated_at:%Y%m%d%H%M%S%f}",
                     headline, reason)


def closed(complaint) -> None:
    with override(settings.LANGUAGE_CODE):
        _to_reporter(complaint, "closed", _("Your complaint is closed. Thank you."))


def sla_warning(complaint, stage: str, due) -> None:
    with override(settings.LANGUAGE_CODE):
        users = (_agency_staff(complaint) if stage == "followup"
                 else User.objects.filter(role=Role.VERIFIKATOR, is_active=True))
        _to_staff(users, complaint, f"warn:{stage}",
                  _("Deadline near: due on %(date)s.") % {"date": due})


def sla_escalation(complaint, stage: str, due) -> None:
    with override(settings.LANGUAGE_CODE):
        heads = (_agency_staff(complaint, roles=(Membership.Role.HEAD,))
                 if stage == "followup" else [])
        verifiers = list(User.objects.filter(role=Role.VERIFIKATOR, is_active=True))
        _to_staff([*heads, *verifiers], complaint, f"overdue:{stage}",
                  _("Overdue since %(date)s.") % {"date": due})


def support_confirmation(complaint, supporter, token: str) -> None:
    """The link that confirms a supporter's contact; nothing else is sent before it is used."""
    link = _site(reverse("complaints:support_confirm", args=[complaint.code, token]))
    with override(settings.LANGUAGE_CODE):
        context = {"code": complaint.code, "title": complaint.title, "link": link,
                   "headline": _("Confirm that you want to follow complaint %(code)s.")
                   % {"code": complaint.code},
                   "message": _("Open this link to receive news of this complaint. If you "
                                "did not ask for it, ignore this message: you will hear "
                                "nothing more."),
                   "status": complaint.get_status_display(), "agency": ""}
        channel, recipient = (("email", supporter.email) if supporter.email
                              else ("whatsapp", supporter.phone))
        _send(channel, recipient, "aduan_status", context, complaint,
              f"support:{supporter.pk}")
