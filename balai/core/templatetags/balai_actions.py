"""Labels of audit actions in templates, from the apps' action catalogues."""

from django import template

from balai.core.actions import action_label as _action_label

register = template.Library()


@register.simple_tag
def action_label(code: str) -> str:
    return _action_label(code)
