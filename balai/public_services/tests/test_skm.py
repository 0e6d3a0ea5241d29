"""The SKM index (PermenPANRB 14/2017), a pure rule."""

from decimal import Decimal

import pytest

from balai.public_services import skm


def _column(total: int, n: int = 10) -> list[int]:
    """n scores adding up to `total` (30-39 for ten respondents): 3s, with 4s or 2s."""
    extra = total - 3 * n
    return [4] * extra + [3] * (n - extra) if extra >= 0 else [2] * -extra + [3] * (n + extra)


def test_the_index_follows_the_annex_worked_through_by_hand():
    """An example built the way the regulation's annex tabulates one (its own table is a
    scanned image): ten respondents, the nine elements' sums of scores

        U1 32, U2 30, U3 28, U4 35, U5 31, U6 33, U7 36, U8 29, U9 34   (total 288)

    NRR per element = sum / 10: 3.20 3.00 2.80 3.50 3.10 3.30 3.60 2.90 3.40;
    weighted NRR = NRR x 1/9: 0.3556 0.3333 0.3111 0.3889 0.3444 0.3667 0.4000 0.3222 0.3778;
    IKM unit = their sum = 288 / 90 = 3.2000; converted = 3.2 x 25 = 80.00, grade B (Baik).
    """
    sums = [32, 30, 28, 35, 31, 33, 36, 29, 34]
    columns = [_column(s) for s in sums]
    rows = [[col[r] for col in columns] for r in range(10)]
    index = skm.index_of(rows)
    assert index.respondents == 10
    assert [str(n) for n in index.nrr] == ["3.20", "3.00", "2.80", "3.50", "3.10", "3.30",
                                           "3.60", "2.90", "3.40"]
    assert [str(w) for w in index.weighted] == ["0.3556", "0.3333", "0.3111", "0.3889",
                                                "0.3444", "0.3667", "0.4000", "0.3222",
                                                "0.3778"]
    assert index.value == Decimal("3.2000") and index.converted == Decimal("80.00")
    assert index.grade == "B" and str(index.label) == "Baik"
    assert skm.index_from_sums(sums, 10) == index
    assert not index.enough


@pytest.mark.parametrize(("converted", "grade"), [
    ("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
    ("65.00", "C"), ("64.99", "D"), ("25.00", "D")])
def test_the_grades_meet_at_the_regulations_bounds(converted, grade):
    assert skm.grade_of(Decimal(converted))[0] == grade


def test_all_fours_read_100_and_all_ones_25():
    best = skm.index_of([[4] * 9] * 30)
    worst = skm.index_of([[1] * 9] * 30)
    assert (best.converted, best.grade, best.enough) == (Decimal("100.00"), "A", True)
    assert (worst.converted, worst.grade) == (Decimal("25.00"), "D")


def test_the_converted_index_is_rounded_half_up_before_it_is_graded():
    # 2 respondents, element sums 8 x 7 + 6: IKM = 62/18 = 3.4444..., x 25 = 86.11.
    assert skm.index_from_sums([7] * 8 + [6], 2).converted == Decimal("86.11")
    # Sums 4 x 4 + 5 x 3 over 1 respondent... 31/9 x 25 = 86.111 -> 86.11, B.
    one = skm.index_from_sums([4, 4, 4, 4, 3, 3, 3, 3, 3], 1)
    assert one.converted == Decimal("86.11") and one.grade == "B"


def test_nobody_answered_and_impossible_sums():
    assert skm.index_from_sums([0] * 9, 0) is None
    assert skm.index_of([]) is None
    with pytest.raises(ValueError, match="1 to 4"):
        skm.index_from_sums([41] + [30] * 8, 10)
    with pytest.raises(ValueError, match="one sum per element"):
        skm.index_from_sums([30] * 8, 10)


def test_every_element_has_four_answers_in_the_regulations_order():
    assert len(skm.ELEMENTS) == 9 and tuple(f"u{i}" for i in range(1, 10)) == skm.CODES
    assert all(len(e.answers) == 4 for e in skm.ELEMENTS)
