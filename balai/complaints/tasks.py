from datetime import timedelta

from balai.complaints.sla import complaints_sla_sweep
from balai.core.periodic import periodic


@periodic(name="complaints.sla_sweep", every=timedelta(minutes=1))
def sla_sweep() -> dict:
    return complaints_sla_sweep()
