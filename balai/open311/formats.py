"""GeoReport v2 documents in XML and JSON from one Python structure.

A document is built once as plain data (dicts, lists, str, numbers, bools, None) and
rendered in the format the path asks for. XML names every list item after the element
in `ITEM_TAGS`; JSON follows the spec's convention (the "Spark" XML-to-JSON mapping): a
root element that only wraps a list (`services`, `service_requests`, `errors`) is
dropped and the list becomes the top-level array.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, time

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
MIME_TYPES = ["text/xml", "application/json"]

# list element -> the name of each item in XML
# Characters XML 1.0 cannot carry at all; a citizen's text may still contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "notes": "note",
    "photos": "photo",
}


def w3c(value: datetime | None) -> str | None:
    """A W3C ISO-8601 datetime that always carries its offset, in the installation's zone."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat(timespec="seconds")


def end_of_office_day(day: date | None) -> str | None:
    """A due date as the end of office hours on that day (deadlines are working days)."""
    if day is None:
        return None
    hours, minutes = (int(x) for x in settings.OFFICE_HOURS_END.split(":"))
    return w3c(timezone.make_aware(datetime.combine(day, time(hours, minutes))))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _build(parent: ET.Element, tag: str, value) -> None:
    element = ET.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ET.Element, tag: str, value) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _build(element, key, child)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        for item in value:
            _build(element, item_tag, item)
    else:
        element.text = _NOT_XML.sub("", _text(value))


def to_xml(root: str, data) -> bytes:
    element = ET.Element(root)
    _fill(element, root, data)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def to_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def render(fmt: str, root: str, data, *, status: int = 200) -> HttpResponse:
    """The document `root` holding `data`, as XML or JSON (a list root becomes the array)."""
    if fmt == "xml":
        return HttpResponse(to_xml(root, data), content_type=XML_TYPE, status=status)
    return HttpResponse(to_json(data), content_type=JSON_TYPE, status=status)


def render_errors(fmt: str, errors: list[tuple[int | str, str]], *, status: int) -> HttpResponse:
    """The spec's error body: `errors` → `error` {code, description}, one or more."""
    return render(fmt, "errors", [{"code": code, "description": str(description)}
                                  for code, description in errors], status=status)
