"""Labels of audit actions in templates, from the apps' action catalogues."""

from datetime import date

from django import template

from balai.core.actions import action_label as _action_label

register = template.Library()


@register.simple_tag
def action_label(code: str) -> str:
    return _action_label(code)


@register.filter
def isodate(value):
    """A date kept in an audit entry's data (JSON holds it as "YYYY-MM-DD") as a date, so
    the `date` filter can print it; anything else is returned as it came."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value
