"""Signals complaints sends to the apps above it (import-linter keeps complaints from
importing them)."""

from django.dispatch import Signal

# Sent inside complaint_forward's transaction with `complaint` and `actor`: the
# forwarding app queues the Open311 send to the outside body there.
complaint_forwarded = Signal()
