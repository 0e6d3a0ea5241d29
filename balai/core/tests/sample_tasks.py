"""A task the worker tests enqueue (django-tasks needs a module-level function)."""

from django.core.cache import cache
from django_tasks import task


@task()
def remember(key: str, value: str) -> str:
    cache.set(key, value)
    return value
