"""Reads of the KIM registry, scoped by who is looking (STYLE.md rule 4).

Diskominfo's KIM officers (Role.PETUGAS_KIM) and the administrator keep every KIM; a KIM's
own officer (an Officer row with their account) keeps that KIM only; everyone else reads
the public pages, where members' contacts and the decree files never appear.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from balai.accounts.models import Role
from balai.community_groups import coverage_map as coverage_map_module
from balai.community_groups import scoring
from balai.community_groups.models import (
    Activity,
    Competition,
    Cooperation,
    Forum,
    Kim,
    Officer,
    Post,
    Score,
)
from balai.geo.models import Area

REGISTRY_ROLES = {Role.PETUGAS_KIM, Role.ADMIN}


@dataclass(frozen=True)
class KimScope:
    """What a user may do in the KIM registry."""

    keeps_all: bool = False  # Diskominfo: every KIM, registration, officers, status
    kim_ids: frozenset[int] = frozenset()  # a KIM's officer: these KIM only

    @property
    def is_staff(self) -> bool:
        return self.keeps_all or bool(self.kim_ids)

    def may_edit(self, kim: Kim) -> bool:
        """Profile, posts, activities, members and cooperation of `kim`."""
        return self.keeps_all or kim.pk in self.kim_ids

    def may_register(self) -> bool:
        """Register a KIM, appoint its officers' accounts, change its status."""
        return self.keeps_all


def kim_scope(user) -> KimScope:
    if user is None or not user.is_authenticated:
        return KimScope()
    if user.is_superuser or user.role in REGISTRY_ROLES:
        return KimScope(keeps_all=True)
    ids = Officer.objects.filter(user=user).values_list("kim_id", flat=True)
    return KimScope(kim_ids=frozenset(ids))


def kim_public(slug: str) -> Kim:
    """A KIM's public site, or 404 for a KIM not yet listed."""
    kim = Kim.objects.listed().select_related("kelurahan__parent", "forum").filter(
        slug=slug).first()
    if kim is None:
        raise Http404
    return kim


def kim_for_editing(*, slug: str, user) -> tuple[Kim, KimScope]:
    """A KIM its keeper may change, with their scope; 404 for anyone else (a KIM officer
    learns nothing about another KIM by guessing its address)."""
    scope = kim_scope(user)
    kim = Kim.objects.select_related("kelurahan__parent", "forum").filter(slug=slug).first()
    if kim is None or not scope.may_edit(kim):
        raise Http404
    return kim, scope


def kims_kept_by(user) -> QuerySet[Kim]:
    scope = kim_scope(user)
    kims = Kim.objects.select_related("kelurahan__parent").annotate(
        n_posts=Count("posts", filter=Q(posts__removed_at__isnull=True), distinct=True),
        n_activities=Count("activities", distinct=True)).order_by("name")
    return kims if scope.keeps_all else kims.filter(pk__in=scope.kim_ids)


def forums_public() -> QuerySet[Forum]:
    return Forum.objects.select_related("area").annotate(
        n_kims=Count("members", filter=~Q(members__status=Kim.Status.FORMING,
                                           members__sk_number=""))).order_by("name")


def forum_public(pk: int) -> tuple[Forum, list[Kim], list[Cooperation]]:
    """A Forum KIM's page: its record, its listed KIM, and their cooperation with KIM of
    other regions (three queries)."""
    forum = Forum.objects.select_related("area").filter(pk=pk).first()
    if forum is None:
        raise Http404
    kims = list(Kim.objects.listed().filter(forum=forum).select_related("kelurahan__parent")
                .order_by("kelurahan__parent__name", "name"))
    cooperations = list(Cooperation.objects.filter(kim__in=kims).select_related("kim")
                        .order_by("-started_on"))
    return forum, kims, cooperations


def kim_list_public(*, q: str = "", kecamatan: str = "") -> QuerySet[Kim]:
    kims = Kim.objects.listed().select_related("kelurahan__parent")
    if q:
        kims = kims.filter(Q(name__icontains=q) | Q(kelurahan__name__icontains=q))
    if kecamatan:
        kims = kims.filter(kelurahan__parent__code=kecamatan)
    return kims


def posts_public(kim: Kim, kind: str | None = None) -> QuerySet[Post]:
    posts = kim.posts.published()
    return posts.filter(kind=kind) if kind else posts


def post_public(kim: Kim, slug: str) -> Post:
    post = kim.posts.published().filter(slug=slug).first()
    if post is None:
        raise Http404
    return post


def officers_in_order(officers) -> list[Officer]:
    """Chair, secretary, treasurer, then the section heads, as a structure reads."""
    rank = {value: n for n, value in enumerate(Officer.Position.values)}
    return sorted(officers, key=lambda o: (rank.get(o.position, 99), o.name))


def officers_public(kim: Kim) -> list[Officer]:
    """The structure as the public sees it: names and positions, never a contact."""
    return officers_in_order(kim.officers.only("name", "position", "section", "kim_id"))


def activities_recent(kim: Kim, limit: int = 10) -> QuerySet[Activity]:
    return kim.activities.all()[:limit]


@dataclass(frozen=True)
class KecamatanCoverage:
    kecamatan: Area
    with_kim: list[tuple[Area, list[Kim]]]
    without_kim: list[Area]

    @property
    def total(self) -> int:
        return len(self.with_kim) + len(self.without_kim)

    @property
    def share(self) -> int:
        return round(100 * len(self.with_kim) / self.total) if self.total else 0


def coverage() -> list[KecamatanCoverage]:
    """Each kecamatan's kelurahan/desa with and without a listed KIM (two queries)."""
    kims = defaultdict(list)
    for kim in Kim.objects.listed().only("name", "slug", "status", "kelurahan_id"):
        kims[kim.kelurahan_id].append(kim)
    villages = Area.objects.filter(level__in=[Area.Level.KELURAHAN, Area.Level.DESA]) \
        .select_related("parent").only("name", "code", "geometry", "parent__name",
                                       "parent__code") \
        .order_by("parent__name", "name")
    grouped: dict[int, KecamatanCoverage] = {}
    for village in villages:
        if village.parent is None:
            continue
        group = grouped.setdefault(village.parent_id, KecamatanCoverage(village.parent, [], []))
        if kims.get(village.pk):
            group.with_kim.append((village, kims[village.pk]))
        else:
            group.without_kim.append(village)
    return list(grouped.values())


def coverage_map(groups: list[KecamatanCoverage]) -> coverage_map_module.Map | None:
    """The map of `coverage()`: every kelurahan/desa, filled by whether it has a KIM."""
    areas = [(v.code, v.name, v.geometry, True) for g in groups for v, _k in g.with_kim]
    areas += [(v.code, v.name, v.geometry, False) for g in groups for v in g.without_kim]
    return coverage_map_module.draw(areas)


def kelurahan_choices() -> QuerySet[Area]:
    """The installation's kelurahan and desa (under BALAI_INSTALLATION's territory code):
    what a KIM, a seller or a listing may name as theirs."""
    areas = Area.objects.filter(level__in=[Area.Level.KELURAHAN, Area.Level.DESA])
    territory = settings.BALAI_INSTALLATION.get("territory_code", "")
    if territory:
        areas = areas.filter(code__startswith=f"{territory}.")
    return areas.select_related("parent").order_by("parent__name", "name")


def kims_for_choice() -> QuerySet[Kim]:
    """The KIM a seller may name as theirs (listed ones), for other apps' forms."""
    return Kim.objects.listed().only("name", "slug").order_by("name")


def kim_activity_score(kim: Kim, today) -> scoring.ActivityScore:
    """The KIM's activity score over the last year (community_groups.scoring)."""
    return kim_activity_scores([kim], today)[kim.pk]


def kim_activity_scores(kims, today) -> dict[int, scoring.ActivityScore]:
    """The activity scores of several KIM (a list page) in two queries, not two per KIM."""
    from datetime import timedelta  # noqa: PLC0415

    from django.utils import timezone  # noqa: PLC0415

    from balai.lib.dates import days_range  # noqa: PLC0415

    ids = [kim.pk for kim in kims]
    since = today - scoring.WINDOW
    activities, posts = defaultdict(list), defaultdict(list)
    for kim_id, held_on, kind in Activity.objects.filter(
            kim_id__in=ids, held_on__gt=since).values_list("kim_id", "held_on", "kind"):
        activities[kim_id].append((held_on, kind))
    after, _end = days_range(since + timedelta(days=1), None, timezone.get_current_timezone())
    for kim_id, at in Post.objects.published().filter(
            kim_id__in=ids, published_at__gte=after).values_list("kim_id", "published_at"):
        posts[kim_id].append(timezone.localdate(at))
    return {pk: scoring.activity_score(activities=activities[pk], posts=posts[pk], today=today)
            for pk in ids}


def competitions_visible(user) -> QuerySet[Competition]:
    """Published rounds for everyone; rounds being scored for Diskominfo and their judges."""
    rounds = Competition.objects.all()
    if kim_scope(user).keeps_all:
        return rounds
    if user is not None and user.is_authenticated:
        return rounds.filter(Q(status=Competition.Status.CLOSED) | Q(judges=user)).distinct()
    return rounds.filter(status=Competition.Status.CLOSED)


def competition_for(pk: int, user) -> Competition:
    round_ = competitions_visible(user).filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


@dataclass(frozen=True)
class RankedEntry:
    entry: object
    result: scoring.Result
    cells: tuple  # (criterion, its 0–100 score or None while nobody scored it)


def competition_results(competition: Competition) -> tuple[list, list[RankedEntry]]:
    """The criteria and the ranked entries of a round (three queries)."""
    criteria = list(competition.criteria.all())
    entries = {e.pk: e for e in competition.entries.select_related("kim")}
    scores = [scoring.Score(*row) for row in Score.objects.filter(
        entry__competition=competition).values_list("entry_id", "criterion_id", "judge_id",
                                                    "value")]
    ranked = scoring.results(
        [scoring.Criterion(c.pk, c.weight, c.max_score) for c in criteria], list(entries),
        scores)
    return criteria, [RankedEntry(entries[r.entry_id], r, tuple(
        (c, r.by_criterion.get(c.pk)) for c in criteria)) for r in ranked]
