"""When a budget document is due, and what the public matrix says of it on a given day."""

from datetime import date

from balai.budget import matrix


def test_the_twelve_tpad_documents_are_all_in_the_matrix():
    assert sum(kind.tpad for kind in matrix.KINDS) == 12


def test_due_days_fall_in_the_year_the_step_happens():
    assert matrix.due_on(matrix.BY_CODE["perda_apbd"], 2026) == date(2025, 12, 31)
    assert matrix.due_on(matrix.BY_CODE["perda_apbdp"], 2026) == date(2026, 9, 30)
    assert matrix.due_on(matrix.BY_CODE["lkpd_audited"], 2025) == date(2026, 6, 30)


def test_a_document_is_late_published_or_missing_around_its_due_day():
    perda = matrix.BY_CODE["perda_apbd"]  # 2026's is due 31 December 2025
    on_time = matrix.state_of(perda, 2026, published_on=date(2025, 12, 31), today=date(2026, 3, 1))
    late = matrix.state_of(perda, 2026, published_on=date(2026, 1, 2), today=date(2026, 3, 1))
    missing = matrix.state_of(perda, 2026, published_on=None, today=date(2026, 1, 1))
    not_due = matrix.state_of(perda, 2026, published_on=None, today=date(2025, 12, 31))
    assert (on_time, late, missing, not_due) == (
        matrix.State.PUBLISHED, matrix.State.LATE, matrix.State.MISSING, matrix.State.NOT_DUE)
