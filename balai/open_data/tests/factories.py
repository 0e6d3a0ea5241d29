"""Datasets as the walidata makes them, through the services."""

from __future__ import annotations

import csv
import io

from balai.open_data import services
from balai.open_data.models import Frequency, Topic


def csv_bytes(headers, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


POSYANDU = csv_bytes(["kode_kelurahan", "kelurahan", "jumlah_posyandu"],
                     [["35.73.02.1004", "Kiduldalem", 6], ["35.73.05.1001", "Tlogomas", 9]])


def dataset(actor, producer, *, slug="jumlah-posyandu", title="Jumlah posyandu per kelurahan",
            data: bytes | None = POSYANDU, publish=True, tags="posyandu, kesehatan",
            topic=Topic.HEALTH):
    made = services.dataset_save(
        actor=actor, slug=slug, title=title, description="Posyandu aktif per kelurahan.",
        producer=producer, topic=topic, frequency=Frequency.YEARLY, period="2025",
        unit="posyandu", reference_codes="Kode wilayah Kepmendagri", tags=tags)
    if data is not None:
        services.resource_add(dataset=made, name=f"{title} (CSV)", filename=f"{slug}.csv",
                              data=data, actor=actor)
    if publish:
        services.dataset_publish(dataset=made, actor=actor)
    return made
