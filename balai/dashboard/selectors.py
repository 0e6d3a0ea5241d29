from django.utils import timezone

from balai.agencies.selectors import agencies_for_user


def workdesk_for(*, user) -> dict:
    """The staff workdesk: the persona's agencies and queues.

    Each service adds its queue here as it lands (complaints, PPID); until then the
    desk says so instead of showing empty tables.
    """
    return {
        "agencies": list(agencies_for_user(user=user)),
        "queues": [],
        "today": timezone.localdate(),
    }
