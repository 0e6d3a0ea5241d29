"""'Sudah beres?': the reporter of a closed complaint is asked whether it is fixed.

Asked when the case closes (rated or auto-closed) and again 14 days later, by a sweep on
the stored day `Complaint.fixed_ask_on` (FixMyStreet's questionnaire, whose "not fixed"
never reached the council, issues #897/#3610: here a "belum" reopens the case to the
agency, see services.complaint_fixed_answer). The question goes to the reporter's own
contact only; a case without one is not asked.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.complaints.models import Complaint, FixedCheck
from balai.core.audit import log_action
from balai.core.periodic import claim_each
from balai.notifications.services import notification_enqueue

ASK_AGAIN_AFTER = timedelta(days=14)


def fixed_ask_again_on(now: datetime):
    """The local day the second question goes out, for a case closed at `now`."""
    return timezone.localdate(now) + ASK_AGAIN_AFTER


def fixed_check_ask(*, complaint: Complaint, round: int, now: datetime | None = None
                    ) -> FixedCheck | None:
    """Ask the reporter whether the problem is fixed: a row with a secret link, audited,
    and a message to their e-mail and WhatsApp. Call inside the closing transaction."""
    if not (complaint.reporter_email or complaint.reporter_phone):
        return None
    now = now or timezone.now()
    token, token_hash = Complaint.new_secret()
    check = FixedCheck.objects.create(complaint=complaint, agency_id=complaint.agency_id,
                                      round=round, asked_at=now, token_hash=token_hash)
    log_action(complaint, "complaints.fixed_asked", data={"round": round})
    link = f"{settings.SITE_URL}{reverse('complaints:fixed', args=[token])}"
    with override(settings.LANGUAGE_CODE):
        context = {"code": complaint.code, "title": complaint.title, "link": link,
                   "headline": _("Is the problem of complaint %(code)s fixed?")
                   % {"code": complaint.code},
                   "message": _("Open the link and answer 'sudah' (yes) or 'belum' (not "
                                "yet). If it is not fixed, your answer sends the complaint "
                                "back to %(agency)s.") % {"agency": complaint.agency or ""},
                   "status": complaint.get_status_display(),
                   "agency": str(complaint.agency) if complaint.agency else ""}
        for channel, recipient in (("email", complaint.reporter_email),
                                   ("whatsapp", complaint.reporter_phone)):
            if recipient:
                notification_enqueue(channel=channel, recipient=recipient,
                                     template="aduan_status", context=context,
                                     related=complaint,
                                     dedupe_key=f"complaint:{complaint.pk}:fixed:{check.pk}:"
                                                f"{channel}")
    return check


def fixed_check_by_token(token: str) -> FixedCheck | None:
    if not token:
        return None
    return (FixedCheck.objects.select_related("complaint", "complaint__agency")
            .filter(token_hash=Complaint.hash_secret(token)).first())


def _due(today) -> QuerySet:
    return Complaint.objects.filter(status=Complaint.Status.DITUTUP, fixed_ask_on__lte=today)


def complaints_fixed_sweep(*, now: datetime | None = None) -> dict:
    """Ask again the reporters whose case closed 14 days ago; each case claimed once."""
    now = now or timezone.now()
    asked = claim_each(_due(timezone.localdate(now)),
                       lambda c: fixed_check_ask(complaint=c, round=FixedCheck.Round.LATER,
                                                 now=now),
                       related=("agency",), fixed_ask_on=None)
    return {"fixed_asked": asked}
