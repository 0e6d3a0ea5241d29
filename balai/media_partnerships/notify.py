"""What the outlet hears, and when: rows in the notification outbox (e-mail to the address
it registered), one at each step that concerns it — its application taken, returned,
decided or withdrawn; its order's agreement; its invoice received, paid or returned.

The outlet's private link is never in a message (only its hash is kept); the message
names the step and sends the outlet to its own page through the link it holds.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from balai.notifications.services import notification_enqueue

TEMPLATE = "media_outlet_status"


def outlet_notify(*, outlet, event: str, headline: str, message: str = "", related=None,
                  key: str = "") -> None:
    """Queue one message to the outlet about `event` on `related`, deduplicated per event,
    object and `key` (the audit entry that recorded the step: a second review after the
    corrections is a second message, the same step never two)."""
    related = related if related is not None else outlet
    if not outlet.email:
        return
    context = {"outlet": outlet.name, "headline": headline, "message": message,
               "link": f"{settings.SITE_URL}{reverse('media_partnerships:index')}"}
    dedupe = (f"media:{related._meta.model_name}:{related.pk}:{event}:{key}:"
              f"{outlet.email}")[:190]
    notification_enqueue(channel="email", recipient=outlet.email, template=TEMPLATE,
                         context=context, related=related, dedupe_key=dedupe)


def _say(text, **values) -> str:
    """`text` (a lazy translation) in the installation's language, filled in."""
    with override(settings.LANGUAGE_CODE):
        return str(text) % values if values else str(text)


def _date(value) -> str:
    with override(settings.LANGUAGE_CODE):
        return formats.date_format(value, "j F Y") if value else ""


def application_event(application, event: str, *, key="") -> None:
    """The outlet's application moved: taken into review, returned, verified, refused or
    withdrawn (the message carries the team's note or reasons, as its page does)."""
    values = {"round": application.round.name}
    message = ""
    if event == "review":
        headline = _say(_("Your application in %(round)s is being verified"), **values)
    elif event == "return":
        headline = _say(_("Your application in %(round)s is returned for correction"),
                        **values)
        message = application.correction_note
    elif event == "verify":
        headline = _say(_("Your outlet is verified in %(round)s (%(tier)s) until %(until)s"),
                        tier=application.get_tier_display(),
                        until=_date(application.round.valid_until), **values)
        message = application.decision_reasons
    elif event == "refuse":
        headline = _say(_("Your application in %(round)s is refused"), **values)
        message = application.decision_reasons
    elif event == "withdraw":
        headline = _say(_("Your application in %(round)s is withdrawn"), **values)
        message = application.withdrawn_reason
    else:
        raise ValueError(f"unknown application event {event!r}")
    outlet_notify(outlet=application.outlet, event=event, headline=headline,
                  message=message, related=application, key=str(key))


def order_contracted(order, *, key="") -> None:
    letter = order.contract_letter
    outlet_notify(outlet=order.outlet, event="contract", related=order, key=str(key),
                  headline=_say(
        _("Agreement %(letter)s issued for order %(code)s"),
        letter=letter.number.full_number if letter else "", code=order.code),
        message=_say(_("Period: %(start)s to %(end)s. Submit the proof of each item on "
                       "your page."), start=_date(order.period_start),
                     end=_date(order.period_end)))


def invoice_event(invoice, event: str, *, key="") -> None:
    values = {"number": invoice.number, "code": invoice.order.code}
    message = ""
    if event == "receive":
        headline = _say(_("Invoice %(number)s for order %(code)s is received"), **values)
    elif event == "pay":
        headline = _say(_("Invoice %(number)s for order %(code)s is paid"), **values)
        message = _say(_("SP2D %(sp2d)s dated %(date)s, %(days)s days after the invoice was "
                         "received."), sp2d=invoice.sp2d_number,
                       date=_date(invoice.sp2d_date), days=invoice.age_days())
    elif event == "return":
        headline = _say(_("Invoice %(number)s for order %(code)s is returned to you"),
                        **values)
        message = invoice.return_reason
    else:
        raise ValueError(f"unknown invoice event {event!r}")
    outlet_notify(outlet=invoice.order.outlet, event=event, headline=headline,
                  message=message, related=invoice, key=str(key))
