from django import template

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """25000 -> "Rp25.000", the way prices are written in Indonesia."""
    try:
        return "Rp" + f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
