from datetime import date

import pytest

from balai.market import licences

FOOD = "makanan_minuman"


def codes(result):
    return {f.code for f in result.findings}


def test_pirt_number_is_read_as_printed_with_its_expiry_year():
    pirt = licences.parse_pirt("P-IRT No. 2063573010123-27")
    assert (pirt.packaging, pirt.food_type, pirt.region, pirt.product, pirt.producer,
            pirt.expiry_year) == ("2", "06", "3573", "01", "0123", 2027)
    assert licences.parse_pirt("P-IRT 12345") is None


@pytest.mark.parametrize(("today", "required"), [
    (date(2026, 10, 16), False), (date(2026, 10, 17), False), (date(2026, 10, 18), True),
    (date(2027, 1, 1), True)])
def test_halal_number_is_required_for_small_food_sellers_after_17_october_2026(today,
                                                                               required):
    result = licences.check(category=FOOD, size="mikro", today=today)
    assert bool(result.blocking) is required
    assert ("halal_required" in codes(result)) is required


def test_before_the_date_the_seller_is_warned_without_being_blocked():
    result = licences.check(category=FOOD, size="kecil", today=date(2026, 9, 1))
    assert codes(result) == {"halal_soon"} and not result.blocking
    assert "UU 33/2014" in result.findings[0].source


def test_halal_rule_does_not_touch_other_categories_or_medium_businesses():
    after = date(2026, 11, 1)
    assert not licences.check(category="kerajinan", size="mikro", today=after).findings
    assert not licences.check(category=FOOD, size="menengah", today=after).blocking


def test_a_valid_halal_number_passes_and_shows_its_badge():
    result = licences.check(category=FOOD, size="mikro", today=date(2026, 11, 1),
                            halal_number="ID35110000123450824",
                            halal_expires_on=date(2030, 1, 1))
    assert "halal" in result.badges and not result.findings


def test_an_expired_halal_certificate_blocks_food_after_the_date_and_hides_its_badge():
    before = licences.check(category=FOOD, size="mikro", today=date(2026, 10, 10),
                            halal_number="ID123", halal_expires_on=date(2026, 10, 1))
    after = licences.check(category=FOOD, size="mikro", today=date(2026, 10, 20),
                           halal_number="ID123", halal_expires_on=date(2026, 10, 1))
    assert "halal" not in before.badges and not before.blocking
    assert "halal" not in after.badges and {f.code for f in after.blocking} == {"halal_expired"}


def test_an_expired_pirt_hides_its_badge_and_warns_the_seller():
    valid = licences.check(category=FOOD, size="menengah", today=date(2026, 10, 17),
                           pirt_number="2063573010123-26")
    lapsed = licences.check(category=FOOD, size="menengah", today=date(2027, 1, 1),
                            pirt_number="2063573010123-26")
    assert "pirt" in valid.badges and "pirt_expiring" in codes(valid)
    assert "pirt" not in lapsed.badges and "pirt_expired" in codes(lapsed)
    assert not lapsed.blocking
    assert "2026" in next(f.message for f in lapsed.findings if f.code == "pirt_expired")


def test_rules_are_shown_to_the_seller_in_indonesian():
    from django.utils import translation

    with translation.override("id"):
        result = licences.check(category=FOOD, size="mikro", today=date(2026, 10, 18))
    assert "sertifikat halal" in result.findings[0].message.lower()
