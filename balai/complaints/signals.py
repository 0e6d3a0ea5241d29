"""Signals complaints sends to the apps above it (import-linter keeps complaints from
importing them)."""

from django.dispatch import Signal

# Sent inside complaint_forward's transaction with `complaint` and `actor`: the
# forwarding app queues the Open311 send to the outside body there.
complaint_forwarded = Signal()

# Sent inside complaint_rate's and complaint_fixed_answer's transactions with `complaint`,
# `rating` (1-5 or None), `fixed` (True/False or None) and `note`: the forwarding app sends
# the reporter's verdict on a case forwarded over Open311 back to the outside body.
complaint_reporter_feedback = Signal()
