"""Background media-partnership work: a proof's PDF and PNG, drawn by the worker."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from balai.core.periodic import periodic
from balai.media_partnerships.services.proofs import deliverable_render, proofs_render_sweep


@task()
def render_proof(deliverable_id: int) -> str:
    """Draw one proof's snapshot as PDF and PNG; returns its rendering state ("" if not
    claimed: drawn already, taken by another worker, or a retry not due yet)."""
    return deliverable_render(deliverable_id=deliverable_id)


@periodic(name="media_partnerships.render_sweep", every=timedelta(minutes=1))
def render_sweep() -> dict | None:
    """Retries that are due, and proofs whose task or worker was lost."""
    drawn = proofs_render_sweep(now=timezone.now())
    return {"proofs_drawn": drawn} if drawn else None
