"""The field's input with its hint and its error tied to it for screen readers."""

from django import template

register = template.Library()


@register.simple_tag
def field_described_ids(field, hint: str = "") -> str:
    """The ids the input (or the radio fieldset) is described by: hint, then error.

    Django's own aria-describedby names `<id>_helptext` only for a form's help_text; our
    templates also give hints of their own, so the ids are set here for both.
    """
    ids = []
    if hint or field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def field_input(field, described: str):
    """The widget described by `described` (from field_described_ids); aria-invalid comes
    from Django."""
    return field.as_widget(attrs={"aria-describedby": described} if described else None)
