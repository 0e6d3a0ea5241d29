"""REST API for staff clients at /api/v1/ (DESIGN.md §6)."""
