from datetime import date, timedelta

from balai.community_groups.scoring import Criterion, Score, activity_score, results

CRITERIA = [Criterion(1, 30, 100), Criterion(2, 35, 100), Criterion(3, 35, 10)]


def test_results_weight_the_judges_mean_per_criterion_and_rank_ties_together():
    scores = [Score(10, 1, 1, 80), Score(10, 1, 2, 90), Score(10, 2, 1, 70), Score(10, 3, 1, 9),
              Score(20, 1, 1, 85), Score(20, 2, 1, 70), Score(20, 3, 1, 9),
              Score(30, 1, 1, 50), Score(30, 2, 1, 50), Score(30, 3, 1, 5)]
    ranked = results(CRITERIA, [10, 20, 30], scores)
    assert [(r.entry_id, r.rank) for r in ranked] == [(10, 1), (20, 1), (30, 3)]
    # 85 (mean of 80 and 90) x 0.30 + 70 x 0.35 + 90 (9 of 10) x 0.35
    assert ranked[0].total == round(85 * 0.30 + 70 * 0.35 + 90 * 0.35, 2)
    assert ranked[2].total == 50.0


def test_an_entry_missing_a_criterion_counts_zero_for_it_and_says_so():
    ranked = results(CRITERIA, [10], [Score(10, 1, 1, 100)])
    assert not ranked[0].complete and ranked[0].total == 30.0


def test_activity_score_counts_the_last_year_only_and_rewards_steadiness():
    today = date(2026, 12, 4)
    old = [(today - timedelta(days=400), "diseminasi")]
    assert activity_score(activities=old, posts=[], today=today).score == 0
    steady = [(date(2026, m, 10), "diseminasi") for m in range(1, 12)]
    burst = [(date(2026, 11, d), "diseminasi") for d in range(1, 12)]
    assert (activity_score(activities=steady, posts=[], today=today).score
            > activity_score(activities=burst, posts=[], today=today).score)


def test_activity_score_is_capped_at_100_and_counts_posts():
    today = date(2026, 12, 4)
    many = [(today - timedelta(days=n), "pelatihan") for n in range(60)]
    assert activity_score(activities=many, posts=[], today=today).score == 100
    with_posts = activity_score(activities=[], posts=[today, today], today=today)
    assert (with_posts.posts, with_posts.score) == (2, 2 * 2 + 2)
