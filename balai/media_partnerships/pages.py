"""What balai reads in a fetched page: its title, its date and its text, a fingerprint of
the text to find near-identical stories, and whether it plausibly proves the item ordered.
Pure functions (no ORM, no clock)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser

from django.utils.translation import gettext as _

WORD = re.compile(r"[0-9a-zà-ÿ]+", re.IGNORECASE)
DATE_META = ("article:published_time", "og:published_time", "datePublished",
             "pubdate", "publishdate", "date", "dc.date")
# Two stories whose 64-bit fingerprints differ in at most this many bits are the same text:
# unrelated texts differ in about 32 bits (spread about 4), so 8 leaves a wide margin while a
# short story with a new headline and a line of its own (5 bits apart) is still caught.
NEAR_BITS = 8
STOPWORDS = frozenset({"dan", "yang", "di", "ke", "dari", "untuk", "dengan", "pada", "dalam",
                       "ini", "itu", "atau", "akan", "oleh", "the", "of", "and", "a", "to",
                       "in"})


@dataclass
class PageFacts:
    title: str = ""
    published: date | None = None
    text: str = ""
    words: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.og_title, self.dates, self.chunks = "", "", [], []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "noscript", "template"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or ""
            if key == "og:title":
                self.og_title = attrs.get("content") or ""
            elif key in DATE_META and attrs.get("content"):
                self.dates.append(attrs["content"])
        elif tag == "time" and attrs.get("datetime"):
            self.dates.append(attrs["datetime"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template") and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.chunks.append(data)


def _parse_date(value: str) -> date | None:
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    return None


def read_page(html: str) -> PageFacts:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    text = " ".join(" ".join(reader.chunks).split())
    published = next((d for d in map(_parse_date, reader.dates) if d), None)
    title = " ".join((reader.og_title or reader.title).split())
    return PageFacts(title=title[:500], published=published, text=text,
                     words=[w.lower() for w in WORD.findall(text)])


def fingerprint(words: list[str]) -> str:
    """A 64-bit SimHash of the text's word triples, as 16 hex digits ("" for a short text):
    near-identical stories (a changed headline, a different footer) differ in a few bits."""
    if len(words) < 20:
        return ""
    weights = [0] * 64
    for i in range(len(words) - 2):
        digest = int.from_bytes(hashlib.blake2b(" ".join(words[i:i + 3]).encode(),
                                                digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if digest >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return f"{value:016x}"


def near_identical(a: str, b: str) -> bool:
    return bool(a and b) and bin(int(a, 16) ^ int(b, 16)).count("1") <= NEAR_BITS


def plausibility(facts: PageFacts, *, description: str, period_start: date,
                 period_end: date, published_on: date) -> tuple[list[str], list[str]]:
    """(refusals, warnings) for a page offered as proof of an item: a date on the page
    outside the order's period refuses it; a title sharing no word with what was ordered,
    or a date far from the one claimed, is flagged for the officer."""
    refusals, warnings = [], []
    if facts.published is not None:
        if not period_start <= facts.published <= period_end:
            refusals.append(_("The page is dated %(date)s, outside the order's period "
                              "(%(start)s to %(end)s).") % {
                "date": facts.published.isoformat(), "start": period_start.isoformat(),
                "end": period_end.isoformat()})
        elif abs((facts.published - published_on).days) > 3:
            warnings.append(_("The page is dated %(date)s, not %(claimed)s as claimed.") % {
                "date": facts.published.isoformat(), "claimed": published_on.isoformat()})
    else:
        warnings.append(_("The page carries no publication date."))
    ordered = {w.lower() for w in WORD.findall(description)} - STOPWORDS
    titled = {w.lower() for w in WORD.findall(facts.title)} - STOPWORDS
    if not facts.title:
        warnings.append(_("The page has no title."))
    elif ordered and not ordered & titled:
        warnings.append(_("The page's title (%(title)s) shares no word with the item ordered "
                          "(%(item)s).") % {"title": facts.title[:120], "item": description})
    return refusals, warnings
