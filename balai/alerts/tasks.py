from datetime import timedelta

from balai.alerts.services import alerts_sweep
from balai.core.periodic import periodic


@periodic(name="alerts.sweep", every=timedelta(minutes=5))
def sweep_alerts() -> dict:
    """File the new public complaint steps for their followers, then send what is due."""
    return alerts_sweep()
