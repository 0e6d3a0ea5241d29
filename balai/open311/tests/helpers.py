"""Contract helpers: both formats back to one Python shape to compare them."""

import xml.etree.ElementTree as ET

from balai.open311.formats import ITEM_TAGS, _text

LISTS = set(ITEM_TAGS)


def xml_to_data(element):
    """XML back to the JSON shape: list elements become lists, leaves become text."""
    children = list(element)
    if element.tag in LISTS:
        return [xml_to_data(child) for child in children]
    if not children:
        return element.text or ""
    return {child.tag: xml_to_data(child) for child in children}


def as_text(data):
    """JSON values as XML writes them (true/false, empty for null, str of numbers)."""
    if isinstance(data, dict):
        return {k: as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_text(v) for v in data]
    return _text(data)


def both(client, url_without_suffix, **params):
    """GET the JSON and the XML form; assert they say the same; return (json, xml root)."""
    rj = client.get(f"{url_without_suffix}.json", params)
    rx = client.get(f"{url_without_suffix}.xml", params)
    assert rj.status_code == rx.status_code, (rj.content, rx.content)
    assert rj["Content-Type"] == "application/json; charset=utf-8"
    assert rx["Content-Type"] == "text/xml; charset=utf-8"
    data = rj.json()
    root = ET.fromstring(rx.content)  # noqa: S314 (our own response)
    assert xml_to_data(root) == as_text(data)
    return rj.status_code, data, root
