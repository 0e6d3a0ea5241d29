"""The automatic checks are pure: the outlet's facts, the requirement and a given day."""

from datetime import date

import pytest

from balai.media_partnerships.checks import (
    FAIL,
    MANUAL,
    PASS,
    ChiefEditor,
    OutletFacts,
    months_between,
    requirement_check,
)

UNTIL = date(2027, 3, 31)
FACTS = OutletFacts(press_council_status="factual", press_council_certificate="1234/DP/2022",
                    press_council_valid_until=UNTIL,
                    chief_editor=ChiefEditor("Ani", "utama", date(2028, 1, 1)),
                    kbli_codes=("63122",), first_published_on=date(2026, 1, 15),
                    has_local_office=True, ekatalog_id="EK-1",
                    document_kinds=frozenset({"deed"}))


def facts(**changes) -> OutletFacts:
    return OutletFacts(**{**FACTS.__dict__, **changes})


@pytest.mark.parametrize(("today", "result"), [
    (date(2027, 3, 30), PASS), (UNTIL, PASS), (date(2027, 4, 1), FAIL), (date(2032, 1, 1), FAIL)])
def test_press_council_certificate_is_valid_through_its_last_day_and_expired_the_day_after(
        today, result):
    found = requirement_check("press_council", "factual", FACTS, today=today)
    assert found.result == result
    if result == FAIL:
        assert "31 March 2027" in found.reason or "31 Maret 2027" in found.reason


def test_administrative_status_fails_a_round_that_requires_factual_verification():
    found = requirement_check("press_council", "factual",
                              facts(press_council_status="administrative"), today=UNTIL)
    assert found.result == FAIL and "TF" in found.reason


def test_administrative_status_meets_a_round_that_requires_only_administrative():
    found = requirement_check("press_council", "administrative",
                              facts(press_council_status="administrative",
                                    press_council_valid_until=None), today=UNTIL)
    assert found.result == PASS


def test_no_press_council_status_fails():
    found = requirement_check("press_council", "administrative",
                              facts(press_council_status=""), today=UNTIL)
    assert found.result == FAIL


@pytest.mark.parametrize("level", ["", "muda", "madya"])
def test_chief_editor_below_utama_fails_with_the_level_held(level):
    found = requirement_check("chief_editor_ukw", "utama",
                              facts(chief_editor=ChiefEditor("Ani", level, None)), today=UNTIL)
    assert found.result == FAIL
    assert "Ani" in found.reason


def test_chief_editor_utama_passes_and_a_round_may_ask_only_madya():
    assert requirement_check("chief_editor_ukw", "utama", FACTS, today=UNTIL).result == PASS
    madya = facts(chief_editor=ChiefEditor("Ani", "madya", None))
    assert requirement_check("chief_editor_ukw", "madya", madya, today=UNTIL).result == PASS


@pytest.mark.parametrize(("today", "result"), [
    (date(2027, 12, 31), PASS), (date(2028, 1, 1), PASS), (date(2028, 1, 2), FAIL)])
def test_chief_editors_ukw_certificate_expires_the_day_after_its_validity(today, result):
    assert requirement_check("chief_editor_ukw", "utama", FACTS, today=today).result == result


def test_no_chief_editor_fails():
    assert requirement_check("chief_editor_ukw", "utama", facts(chief_editor=None),
                             today=UNTIL).result == FAIL


def test_kbli_missing_or_not_a_press_code_fails():
    assert requirement_check("kbli", "", facts(kbli_codes=()), today=UNTIL).result == FAIL
    wrong = requirement_check("kbli", "", facts(kbli_codes=("47111",)), today=UNTIL)
    assert wrong.result == FAIL and "47111" in wrong.reason


def test_kbli_accepted_codes_come_from_the_round():
    tv = facts(kbli_codes=("60202",))
    assert requirement_check("kbli", "", tv, today=UNTIL).result == PASS
    assert requirement_check("kbli", "63122,58130", tv, today=UNTIL).result == FAIL


@pytest.mark.parametrize(("today", "result"), [
    (date(2026, 7, 14), FAIL), (date(2026, 7, 15), PASS)])
def test_months_of_output_count_whole_months_from_the_first_publication(today, result):
    assert requirement_check("months_output", "6", FACTS, today=today).result == result


def test_months_between_counts_whole_months():
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 0
    assert months_between(date(2026, 1, 15), date(2027, 1, 15)) == 12
    assert months_between(date(2026, 5, 1), date(2026, 1, 1)) == 0


def test_local_office_ekatalog_and_documents():
    assert requirement_check("local_office", "", facts(has_local_office=False),
                             today=UNTIL).result == FAIL
    assert requirement_check("ekatalog", "", facts(ekatalog_id=""), today=UNTIL).result == FAIL
    assert requirement_check("document", "deed", FACTS, today=UNTIL).result == PASS
    assert requirement_check("document", "npwp", FACTS, today=UNTIL).result == FAIL


def test_a_manual_item_is_left_to_the_team():
    assert requirement_check("manual", "", FACTS, today=UNTIL).result == MANUAL
