from django import template

from balai.lib.money import rupiah, rupiah_short

register = template.Library()
register.filter("rupiah", rupiah)
register.filter("rupiah_short", rupiah_short)
