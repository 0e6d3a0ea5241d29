from datetime import date, timedelta

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


@pytest.mark.parametrize(("today", "halal_until", "pirt", "expected"), [
    # before the rule: the notice day, then the day the rule binds
    (date(2026, 1, 5), None, "", date(2026, 7, 19)),
    (date(2026, 9, 1), None, "", date(2026, 10, 18)),
    (date(2026, 10, 17), None, "", date(2026, 10, 18)),
    # after it: the day after the halal certificate's last valid day
    (date(2026, 12, 4), date(2027, 3, 31), "", date(2027, 4, 1)),
    # a P-IRT expiring in 2028: its "this year" warning on 1 January 2028
    (date(2026, 12, 4), None, "2063573010123-28", date(2028, 1, 1)),
    # one expiring this year: the badge goes on 1 January next year
    (date(2026, 12, 4), date(2029, 1, 1), "2063573010123-26", date(2027, 1, 1)),
    # nothing dated ahead: an expired certificate, no P-IRT
    (date(2026, 12, 4), date(2026, 11, 30), "", None),
])
def test_the_next_day_a_sellers_badges_may_change(today, halal_until, pirt, expected):
    assert licences.next_change_on(today=today, pirt_number=pirt,
                                   halal_number="ID35110000123450124" if halal_until else "",
                                   halal_expires_on=halal_until) == expected


@pytest.mark.parametrize(("today", "changes"), [
    (date(2026, 1, 5), False), (date(2026, 7, 19), False), (date(2026, 10, 18), True),
    (date(2027, 1, 1), True), (date(2027, 4, 1), True)])
def test_nothing_changes_before_the_next_change_day(today, changes):
    """Between two change days `check` answers alike: the sweep misses nothing."""
    seller = {"pirt_number": "2063573010123-27", "halal_number": "ID1",
              "halal_expires_on": date(2027, 3, 31)}
    change = licences.next_change_on(today=today, **seller)
    before = licences.check(category=FOOD, size="mikro", today=today, **seller)
    day_before = licences.check(category=FOOD, size="mikro", today=change - timedelta(days=1),
                                **seller)
    on_the_day = licences.check(category=FOOD, size="mikro", today=change, **seller)
    assert (before.badges, codes(before)) == (day_before.badges, codes(day_before))
    # a valid halal certificate makes the notice and the rule's first day no change
    assert ((on_the_day.badges, codes(on_the_day)) != (before.badges, codes(before))) is changes


def test_every_text_names_the_days_the_rule_uses():
    """PP 42/2024 Pasal 160(2): the staging runs "sampai dengan 17 Oktober 2026", so the
    halal number is required from the 18th. The seller's messages, the source line and the
    registration form's hint say those days, and no other (the reference's summary says
    "from 17 October"; the code and every text follow the regulation's wording)."""
    import re
    from pathlib import Path

    from django.utils import translation

    binding = licences.HALAL_STAGING_ENDS + timedelta(days=1)
    with translation.override("id"):
        required = licences.check(category=FOOD, size="mikro", today=binding).findings[0]
        soon = licences.check(category=FOOD, size="mikro",
                              today=binding - timedelta(days=30)).findings[0]
        source = str(licences.SOURCE_HALAL)
    assert (binding.day, binding.month) == (18, 10)
    assert "18 Oktober 2026" in required.message and "18 Oktober 2026" in soon.message
    assert "17 Oktober 2026" in source and "berakhir" in source
    catalogue = (Path(licences.__file__).parent / "locale/id/LC_MESSAGES/django.po").read_text()
    days = {int(d) for d in re.findall(r"(\d+) Oktober 2026", catalogue)}
    assert days == {17, 18}
    assert "mulai 18 Oktober 2026" in catalogue.replace("\"\n\"", "")
