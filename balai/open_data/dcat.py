"""The catalogue in DCAT (W3C Data Catalog Vocabulary) as JSON-LD, the form data portals and
the European/Indonesian harvesters read besides CKAN's API."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from balai.open_data import selectors
from balai.open_data.ckan import MIMETYPES

CONTEXT = {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
           "foaf": "http://xmlns.com/foaf/0.1/", "xsd": "http://www.w3.org/2001/XMLSchema#"}


def catalog(request) -> dict:
    inst = settings.BALAI_INSTALLATION
    datasets = []
    for dataset in selectors.published():
        page = request.build_absolute_uri(reverse("open_data:detail", args=[dataset.slug]))
        modified = timezone.now() if dataset.builtin else (dataset.data_updated_at
                                                           or dataset.updated_at)
        datasets.append({
            "@id": page, "@type": "dcat:Dataset", "dct:identifier": str(dataset.uuid),
            "dct:title": dataset.title, "dct:description": dataset.description,
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": dataset.producer.name},
            "dct:issued": {"@value": timezone.localtime(
                dataset.published_at or dataset.created_at).isoformat(),
                "@type": "xsd:dateTime"},
            "dct:modified": {"@value": timezone.localtime(modified).isoformat(),
                             "@type": "xsd:dateTime"},
            "dcat:keyword": dataset.tag_list, "dcat:theme": dataset.get_topic_display(),
            "dct:accrualPeriodicity": dataset.get_frequency_display(),
            "dct:temporal": dataset.period, "dct:license": dataset.license,
            "dcat:landingPage": page,
            "dcat:distribution": [{
                "@type": "dcat:Distribution", "dct:title": r.name, "dct:format": r.format,
                "dcat:mediaType": MIMETYPES[r.format],
                "dcat:downloadURL": request.build_absolute_uri(reverse(
                    "open_data:download", args=[dataset.slug, r.uuid])),
            } for r in dataset.resources.all()],
        })
    return {"@context": CONTEXT, "@id": request.build_absolute_uri(reverse("open_data:dcat")),
            "@type": "dcat:Catalog",
            "dct:title": f"Data terbuka {inst['pemda_name']}",
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": inst["pemda_name"]},
            "dcat:dataset": datasets}
