"""Scoring rules, pure (no ORM, no clock): a competition round's results from its judges'
scores, and a KIM's activity score from what it recorded.

The Lomba KIM of Kota Malang judges administration, use of media and core activities;
the same round serves any award judged by criteria and judges (KIM Award, KIP, KIMFest
nominations). A criterion's score is the judges' mean, scaled to 0–100 by its maximum and
weighted; ties share a rank.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Criterion:
    id: int
    weight: int  # share of the total, any scale (percentages, usually)
    max_score: int


@dataclass(frozen=True)
class Score:
    entry_id: int
    criterion_id: int
    judge_id: int
    value: int


@dataclass
class Result:
    entry_id: int
    total: float  # 0–100
    rank: int = 0
    by_criterion: dict[int, float] = field(default_factory=dict)  # criterion -> 0–100
    complete: bool = True  # every criterion has at least one judge's score


def results(criteria: list[Criterion], entry_ids: list[int], scores: list[Score]) -> list[Result]:
    """The entries ranked by their weighted total, best first."""
    weights = sum(c.weight for c in criteria) or 1
    given = defaultdict(list)
    for s in scores:
        given[(s.entry_id, s.criterion_id)].append(s.value)
    out = []
    for entry in entry_ids:
        result = Result(entry_id=entry, total=0.0)
        for c in criteria:
            values = given.get((entry, c.id))
            if not values:  # left out of by_criterion: the page shows a dash
                result.complete = False
                continue
            scaled = 100 * (sum(values) / len(values)) / c.max_score
            result.by_criterion[c.id] = round(scaled, 2)
            result.total += scaled * c.weight / weights
        result.total = round(result.total, 2)
        out.append(result)
    out.sort(key=lambda r: (-r.total, r.entry_id))
    for n, r in enumerate(out):
        r.rank = out[n - 1].rank if n and out[n - 1].total == r.total else n + 1
    return out


# Points per recorded activity, by kind: what the Lomba KIM's "core activities" reward
# (spreading information, aspirations, literacy, training) weighs more than a meeting.
ACTIVITY_POINTS = {"diseminasi": 3, "aspirasi": 3, "literasi": 3, "pelatihan": 3,
                   "liputan": 2, "ekonomi": 2, "rapat": 1}
POST_POINTS = 2
ACTIVE_MONTH_POINTS = 2  # each month of the window with anything recorded
WINDOW = timedelta(days=365)
FULL_MARKS = 100


@dataclass(frozen=True)
class ActivityScore:
    score: int  # 0–100
    activities: int
    posts: int
    active_months: int


def activity_score(*, activities: list[tuple[date, str]], posts: list[date],
                   today: date) -> ActivityScore:
    """A KIM's activity over the last year: recorded activities with evidence, posts on
    its site, and how steadily (months with anything), capped at 100."""
    since = today - WINDOW
    acts = [(day, kind) for day, kind in activities if since < day <= today]
    recent_posts = [day for day in posts if since < day <= today]
    months = {(d.year, d.month) for d, _k in acts} | {(d.year, d.month) for d in recent_posts}
    points = (sum(ACTIVITY_POINTS.get(kind, 1) for _d, kind in acts)
              + POST_POINTS * len(recent_posts) + ACTIVE_MONTH_POINTS * len(months))
    return ActivityScore(score=min(FULL_MARKS, points), activities=len(acts),
                         posts=len(recent_posts), active_months=len(months))
