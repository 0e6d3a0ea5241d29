"""The agenda as an iCalendar (RFC 5545) feed: times are local (the installation's zone,
e.g. Asia/Jakarta) and each event's UID never changes, so a subscribed calendar updates
an event instead of adding it twice."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from balai.publications.models import Publication


def uid(post: Publication, host: str) -> str:
    return f"agenda-{post.pk}@{host}"


def calendar(posts: Iterable[Publication], *, name: str, host: str,
             url_for) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", "-//balai//agenda OPD//ID")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for post in posts:
        event = Event()
        event.add("uid", uid(post, host))
        event.add("summary", post.title)
        if post.start_time:
            start = datetime.combine(post.event_date, post.start_time, tzinfo=zone)
            event.add("dtstart", start)
            end = (datetime.combine(post.event_date, post.end_time, tzinfo=zone)
                   if post.end_time else start + timedelta(hours=1))
            event.add("dtend", max(end, start))
        else:  # a whole day
            event.add("dtstart", post.event_date)
            event.add("dtend", post.event_date + timedelta(days=1))
        if post.place:
            event.add("location", post.place)
        if post.lat is not None:
            event.add("geo", (float(post.lat), float(post.lng)))
        event.add("description", post.summary or post.body[:500])
        event.add("url", url_for(post))
        event.add("dtstamp", post.corrected_at or post.updated_at)
        event.add("categories", [post.agency.short_name or post.agency.name])
        cal.add_component(event)
    cal.add_missing_timezones()  # the VTIMEZONE each TZID names
    return cal.to_ical()
