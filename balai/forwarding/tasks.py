from datetime import timedelta

from django_tasks import task

from balai.core.periodic import periodic
from balai.forwarding.services import (
    feedback_send,
    feedback_sweep,
    follow_sweep,
    forward_send,
    send_sweep,
)


@task()
def send_forward(forward_id: int) -> str:
    """Send one forward to the outside body now (queued when the forward is recorded)."""
    return forward_send(forward_id=forward_id)


@task()
def send_feedback(feedback_id: int) -> str:
    """Send the reporter's rating or "sudah beres?" answer back now (queued with it)."""
    return feedback_send(feedback_id=feedback_id)


@periodic(name="forwarding.send_sweep", every=timedelta(minutes=1))
def sweep_sends() -> dict:
    """Forwards, and reporters' verdicts sent back, whose retry is due after a failure, or
    whose task was lost."""
    return {"forwards_sent": send_sweep(), "feedback_sent": feedback_sweep()}


@periodic(name="forwarding.follow_sweep", every=timedelta(minutes=5))
def sweep_follow() -> dict:
    """Read back the forwarded cases due for it: updates, their number, their closing."""
    return {"forwards_followed": follow_sweep()}
