from django import template

from balai.lib import money

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """25000 -> "Rp25.000", the way prices are written in Indonesia."""
    try:
        return money.rupiah(int(value))
    except (TypeError, ValueError):
        return ""
