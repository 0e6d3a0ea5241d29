from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from balai.publications.models import Publication
from balai.publications.services import publication_save


def post(agency, actor, *, title="Kerja bakti di Sungai Brantas", publish_at=None,
         kind=Publication.Kind.NEWS, body="Warga dan petugas **membersihkan** sungai.",
         **fields) -> Publication:
    publish_at = publish_at or timezone.now() - timedelta(days=1)
    return publication_save(publication=Publication(
        agency=agency, kind=kind, title=title, body=body, publish_at=publish_at, **fields),
        actor=actor)


def event(agency, actor, *, title="Sosialisasi perizinan", day=None, **fields) -> Publication:
    day = day or timezone.localdate() + timedelta(days=3)
    fields.setdefault("start_time", time(9, 0))
    fields.setdefault("end_time", time(11, 30))
    fields.setdefault("place", "Ruang Sidang Balai Kota Malang")
    return post(agency, actor, title=title, kind=Publication.Kind.AGENDA, event_date=day,
                **fields)
