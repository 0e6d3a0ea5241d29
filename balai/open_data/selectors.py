"""Reads of the open data portal: who may change it, the published datasets and a search over
them, the table of a resource (STYLE.md rule 4)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from balai.accounts.models import Role
from balai.core.imports import read_table
from balai.open_data.models import Dataset, Resource


@dataclass(frozen=True)
class OpenDataScope:
    is_officer: bool = False


def open_data_scope(user) -> OpenDataScope:
    if not getattr(user, "is_authenticated", False):
        return OpenDataScope()
    return OpenDataScope(is_officer=user.is_superuser or user.role in (Role.WALIDATA,
                                                                       Role.ADMIN))


def published() -> QuerySet[Dataset]:
    return (Dataset.objects.filter(is_published=True).select_related("producer", "created_by")
            .prefetch_related("resources"))


def search(*, q: str = "", producer: str = "", topic: str = "") -> QuerySet[Dataset]:
    datasets = published()
    for word in q.split():
        datasets = datasets.filter(Q(title__icontains=word) | Q(description__icontains=word)
                                   | Q(tags__icontains=word) | Q(slug__icontains=word))
    if producer:
        datasets = datasets.filter(producer__code=producer)
    if topic:
        datasets = datasets.filter(topic=topic)
    return datasets.order_by("title")


def resource_table(resource: Resource) -> tuple[list[str], list[list]]:
    """The resource's columns and rows: computed now for a computed dataset, read from the
    stored file otherwise."""
    from balai.open_data import builtin  # noqa: PLC0415

    if resource.dataset.builtin:
        return builtin.BY_KEY[resource.dataset.builtin].table()
    with resource.file.open("rb") as fh:
        table = [row for row in read_table(resource.file.name, fh.read()) if any(row)]
    return table[0], table[1:]
