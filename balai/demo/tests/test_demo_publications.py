from django.urls import reverse
from django.utils import timezone

from balai.agencies.models import Agency
from balai.demo.publications import SCHEDULED, SILENT, STALE
from balai.publications import score
from balai.publications.models import Publication, PublicationVersion, ScoreSnapshot


def test_demo_publications_tell_their_story(demo_city, client):
    now, today = timezone.now(), timezone.localdate()
    assert 250 <= Publication.objects.count() <= 350
    public = Publication.objects.public(now)
    # Written ahead: three news items not yet public, on no page.
    ahead = Publication.objects.filter(publish_at__gt=now)
    assert sorted(ahead.values_list("agency__code", flat=True)) == sorted(SCHEDULED)
    news_page = client.get(reverse("publications:news")).content.decode()
    assert not [p.title for p in ahead if p.title in news_page]
    # Quiet OPDs: nothing in the last three months; one never published.
    for code in STALE:
        last = public.filter(agency__code=code).order_by("-publish_at").first()
        assert last is not None and (today - timezone.localdate(last.publish_at)).days > 90
    assert not Publication.objects.filter(agency__code__in=SILENT).exists()
    # Two corrections, the original wording kept.
    corrected = Publication.objects.exclude(corrected_at=None)
    assert corrected.count() == 2
    assert PublicationVersion.objects.filter(publication__in=corrected).count() == 2
    # An agenda both ways, on working days.
    agenda = public.filter(kind="agenda")
    assert agenda.filter(event_date__gte=today).exists()
    assert agenda.filter(event_date__lt=today).exists()
    # The score: four months kept for every OPD; the quiet ones fail 'activity news'.
    months = sorted(set(ScoreSnapshot.objects.values_list("month", flat=True)))
    assert len(months) == 4 and months[-1] == score.month_start(today)
    opds = Agency.objects.filter(is_active=True, is_external=False).count()
    latest = {s.agency.code: s for s in ScoreSnapshot.objects.filter(month=months[-1])
              .select_related("agency")}
    assert len(latest) == opds
    news_item = {code: next(i for i in s.items if i["code"] == "berita")["passed"]
                 for code, s in latest.items()}
    assert not any(news_item[c] for c in STALE + SILENT)
    assert sum(news_item.values()) >= opds // 2
    # The editor reviewed last month's sites: the reviewer items count from then on (some
    # met, none by the quiet OPDs); the month before had no review.
    def reviewed(month):
        return {(s.agency.code, i["code"]): i["passed"]
                for s in ScoreSnapshot.objects.filter(month=month).select_related("agency")
                for i in s.items if i["how"] == "penilai"}
    before, last = reviewed(months[-3]), reviewed(months[-2])
    assert not any(before.values())
    assert sum(last.values()) > len(last) // 2
    assert not [key for key, passed in last.items() if passed and key[0] in STALE + SILENT]
    page = client.get(reverse("publications:ranking")).content.decode()
    assert page.index(latest["dishub"].agency.name) < page.index(
        latest[SILENT[0]].agency.name)
