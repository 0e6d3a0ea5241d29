from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForwardingConfig(AppConfig):
    name = "balai.forwarding"
    label = "forwarding"
    verbose_name = _("Forwarding over Open311")

    def ready(self) -> None:
        from balai.complaints.signals import complaint_forwarded, complaint_reporter_feedback
        from balai.forwarding import actions, tasks  # noqa: F401 (catalogue, sweeps)
        from balai.forwarding.services import on_complaint_forwarded, on_reporter_feedback

        complaint_forwarded.connect(on_complaint_forwarded, dispatch_uid="forwarding.send")
        complaint_reporter_feedback.connect(on_reporter_feedback,
                                            dispatch_uid="forwarding.feedback")
