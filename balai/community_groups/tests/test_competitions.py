import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from balai.community_groups import services
from balai.community_groups.models import Competition


@pytest.fixture
def lomba(petugas_kim, kepala_dinas, tlogomas, dinoyo):
    return services.competition_open(
        name="Lomba KIM", year=2026, judges=[petugas_kim, kepala_dinas], actor=petugas_kim,
        criteria=[("Administrasi", 30, 100), ("Pemanfaatan media", 35, 100),
                  ("Kegiatan inti", 35, 100)])


def sheet(lomba, by_kim):
    criteria = list(lomba.criteria.all())
    return {(e.pk, c.pk): by_kim[e.kim.slug][n] for e in lomba.entries.select_related("kim")
            for n, c in enumerate(criteria)}


def test_every_active_kim_enters_and_judges_scores_rank_them(client, lomba, petugas_kim,
                                                              kepala_dinas):
    services.competition_score(competition=lomba, judge=petugas_kim,
                               values=sheet(lomba, {"tlogomas": [80, 90, 70],
                                                    "dinoyo": [90, 60, 60]}))
    services.competition_score(competition=lomba, judge=kepala_dinas,
                               values=sheet(lomba, {"tlogomas": [90, 80, 80],
                                                    "dinoyo": [70, 70, 70]}))
    services.competition_close(competition=lomba, actor=petugas_kim)
    page = client.get(reverse("community_groups:competition", args=[lomba.pk])).content.decode()
    assert page.index("KIM Tlogomas") < page.index("KIM Dinoyo")
    assert "81,50" in page or "81.50" in page  # 85x0.30 + 85x0.35 + 75x0.35


def test_only_the_rounds_judges_score_and_only_within_the_scale(lomba, officer_tlogomas,
                                                                petugas_kim):
    values = sheet(lomba, {"tlogomas": [100, 100, 100], "dinoyo": [0, 0, 0]})
    with pytest.raises(PermissionDenied):
        services.competition_score(competition=lomba, judge=officer_tlogomas, values=values)
    too_high = {key: 101 for key in values}
    with pytest.raises(ValidationError):
        services.competition_score(competition=lomba, judge=petugas_kim, values=too_high)


def test_published_results_are_final(lomba, petugas_kim):
    services.competition_score(competition=lomba, judge=petugas_kim,
                               values=sheet(lomba, {"tlogomas": [50, 50, 50],
                                                    "dinoyo": [60, 60, 60]}))
    services.competition_close(competition=lomba, actor=petugas_kim)
    with pytest.raises(ValidationError):
        services.competition_score(competition=lomba, judge=petugas_kim,
                                   values=sheet(lomba, {"tlogomas": [1, 1, 1],
                                                        "dinoyo": [1, 1, 1]}))


def test_results_stay_private_until_published(client, lomba, petugas_kim, officer_tlogomas):
    url = reverse("community_groups:competition", args=[lomba.pk])
    assert client.get(url).status_code == 404
    client.force_login(officer_tlogomas)  # a KIM's officer is no judge
    assert client.get(url).status_code == 404
    assert client.post(reverse("community_groups:competition_score",
                               args=[lomba.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.competition_close(competition=lomba, actor=officer_tlogomas)
    assert Competition.objects.get().status == "scoring"


def test_a_judge_fills_the_score_sheet_and_a_typo_keeps_the_sheet(client, lomba, kepala_dinas):
    client.force_login(kepala_dinas)
    url = reverse("community_groups:competition_score", args=[lomba.pk])
    entry = lomba.entries.first()
    first, second = lomba.criteria.all()[:2]
    response = client.post(url, {f"s-{entry.pk}-{first.pk}": "75",
                                 f"s-{entry.pk}-{second.pk}": "7x"})
    assert response.status_code == 200 and b'value="75"' in response.content
    response = client.post(url, {f"s-{entry.pk}-{first.pk}": "75",
                                 f"s-{entry.pk}-{second.pk}": "70"})
    assert response.status_code == 302
    assert entry.scores.filter(judge=kepala_dinas).count() == 2


def test_results_are_not_published_while_a_score_is_missing(client, lomba, petugas_kim):
    """An unscored criterion would count as 0 in the total: the round stays open, the
    officer is told how many scores are missing, and the page shows a dash meanwhile."""
    values = sheet(lomba, {"tlogomas": [80, 90, 70], "dinoyo": [90, 60, 60]})
    dinoyo_last = max(values)  # one score left out
    services.competition_score(competition=lomba, judge=petugas_kim,
                               values={k: v for k, v in values.items() if k != dinoyo_last})
    with pytest.raises(ValidationError, match="1"):
        services.competition_close(competition=lomba, actor=petugas_kim)
    client.force_login(petugas_kim)
    url = reverse("community_groups:competition", args=[lomba.pk])
    response = client.post(reverse("community_groups:competition_close", args=[lomba.pk]),
                           follow=True)
    assert Competition.objects.get().status == "scoring"
    page = response.content.decode()
    assert "—" in page and 'role="alert"' in page
    services.competition_score(competition=lomba, judge=petugas_kim,
                               values={dinoyo_last: 60})
    services.competition_close(competition=lomba, actor=petugas_kim)
    assert "—" not in client.get(url).content.decode().split("<tbody>")[1]


def test_the_score_sheet_keeps_every_typo_and_names_each_wrong_box(client, lomba,
                                                                   kepala_dinas):
    client.force_login(kepala_dinas)
    url = reverse("community_groups:competition_score", args=[lomba.pk])
    entry = lomba.entries.first()
    first, second, third = lomba.criteria.all()
    response = client.post(url, {f"s-{entry.pk}-{first.pk}": "75",
                                 f"s-{entry.pk}-{second.pk}": "7x",
                                 f"s-{entry.pk}-{third.pk}": "150"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="75"' in page and 'value="7x"' in page and 'value="150"' in page
    assert f'href="#s-{entry.pk}-{second.pk}"' in page
    assert f'href="#s-{entry.pk}-{third.pk}"' in page
    assert page.count('aria-invalid="true"') == 2
    assert not entry.scores.exists()  # nothing saved while a box is wrong
