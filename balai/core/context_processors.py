from django.conf import settings


def installation(request):
    """The installation's names and colours, for the header and the letterhead."""
    return {"installation": settings.BALAI_INSTALLATION}
