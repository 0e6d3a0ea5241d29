"""Pagination for lists that may hold a million rows (DESIGN.md §8).

Django's Paginator counts every matching row; at a million complaints that COUNT alone
costs more than the page. `CappedPaginator` counts at most `cap` rows (a LIMITed
subquery that stops early) and says "10.000+" beyond it. Pages past the cap are not
offered: nobody reads page 401 of a queue, they narrow the filters, and deep OFFSETs are
what make such pages slow. Keyset pagination for clients that walk everything is in the
REST API.
"""

from __future__ import annotations

import math

from django.core.paginator import Paginator
from django.utils.functional import cached_property

DEFAULT_CAP = 10_000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int = DEFAULT_CAP,
                 known_count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        if known_count is not None:  # already counted (capped) for a tab or a badge
            self.__dict__["count"] = known_count

    @cached_property
    def count(self) -> int:
        """Rows up to the cap (cap + 1 means "more than the cap")."""
        if hasattr(self.object_list, "order_by"):
            return capped_count(self.object_list, self.cap)
        return min(len(self.object_list), self.cap + 1)

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, min(self.count, self.cap) - self.orphans)
        return math.ceil(hits / self.per_page)


def page_of(object_list, request, per_page: int = 25, *, cap: int = DEFAULT_CAP,
            known_count: int | None = None):
    """The page the request asks for (?page=), never an error page for a bad number."""
    return CappedPaginator(object_list, per_page, cap=cap, known_count=known_count).get_page(
        request.GET.get("page"))


def capped_count(queryset, cap: int = DEFAULT_CAP) -> int:
    """COUNT that stops at cap + 1 rows: for badges and panels ("10.000+")."""
    return queryset.order_by()[: cap + 1].count()
