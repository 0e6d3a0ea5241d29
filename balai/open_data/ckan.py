"""The datasets as CKAN's action API gives them (API version 3), so that the national
portal's harvester and existing CKAN clients read balai unchanged: package_list,
package_show, package_search, organization_list, organization_show, status_show.

Only what a CKAN client reads is produced; every dataset here is public and active.
Organisations are the producing agencies.
"""

from __future__ import annotations

import uuid
from datetime import UTC

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from balai.agencies.models import Agency
from balai.open_data import selectors
from balai.open_data.models import Dataset, Resource

LICENSES = {"CC-BY-4.0": ("cc-by", "Creative Commons Attribution 4.0",
                          "https://creativecommons.org/licenses/by/4.0/")}
MIMETYPES = {"CSV": "text/csv",
             "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
MAX_ROWS = 1000


class NotFound(Exception):
    pass


class BadRequest(Exception):
    pass


def _stamp(value) -> str | None:
    """CKAN writes times in UTC without a zone: 2026-01-31T08:15:00.000000."""
    if value is None:
        return None
    return timezone.localtime(value, UTC).replace(tzinfo=None).isoformat(
        timespec="microseconds")


def organization_dict(agency: Agency) -> dict:
    return {"id": f"agency-{agency.pk}", "name": agency.code, "title": agency.name,
            "display_name": agency.name, "description": "", "type": "organization",
            "is_organization": True, "state": "active", "approval_status": "approved",
            "image_url": ""}


def resource_dict(resource: Resource, dataset: Dataset, request, position: int) -> dict:
    url = request.build_absolute_uri(reverse("open_data:download", args=[
        dataset.slug, resource.uuid]))
    modified = dataset.data_updated_at or dataset.updated_at
    if dataset.builtin:
        modified = timezone.now()
    return {"id": str(resource.uuid), "package_id": str(dataset.uuid), "name": resource.name,
            "description": "", "format": resource.format, "url": url,
            "mimetype": MIMETYPES[resource.format], "size": resource.size or None,
            "hash": f"sha256:{resource.sha256}" if resource.sha256 else "",
            "created": _stamp(resource.created_at), "last_modified": _stamp(modified),
            "metadata_modified": _stamp(modified), "position": position, "state": "active",
            "url_type": None, "datastore_active": False}


def package_dict(dataset: Dataset, request) -> dict:
    license_id, license_title, license_url = LICENSES.get(
        dataset.license, (dataset.license, dataset.license, ""))
    resources = [resource_dict(r, dataset, request, i)
                 for i, r in enumerate(dataset.resources.all())]
    tags = [{"name": t, "display_name": t, "state": "active"} for t in dataset.tag_list]
    modified = timezone.now() if dataset.builtin else (dataset.data_updated_at
                                                       or dataset.updated_at)
    page = request.build_absolute_uri(reverse("open_data:detail", args=[dataset.slug]))
    walidata = dataset.created_by.get_full_name() if dataset.created_by else ""
    extras = {"produsen_data": dataset.producer.name, "walidata": walidata or "Walidata",
              "periode": dataset.period, "frekuensi": dataset.get_frequency_display(),
              "satuan": dataset.unit, "kode_referensi": dataset.reference_codes,
              "topik": dataset.get_topic_display()}
    return {
        "id": str(dataset.uuid), "name": dataset.slug, "title": dataset.title,
        "notes": dataset.description, "type": "dataset", "state": "active", "private": False,
        "license_id": license_id, "license_title": license_title, "license_url": license_url,
        "url": page, "version": None, "author": dataset.producer.name, "author_email": None,
        "maintainer": walidata or "Walidata", "maintainer_email": None, "isopen": True,
        "metadata_created": _stamp(dataset.created_at), "metadata_modified": _stamp(modified),
        "owner_org": f"agency-{dataset.producer_id}",
        "organization": organization_dict(dataset.producer),
        "tags": tags, "num_tags": len(tags), "groups": [],
        "resources": resources, "num_resources": len(resources),
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v],
    }


def _int(params: dict, name: str, default: int, *, low: int = 0, high: int = MAX_ROWS) -> int:
    try:
        value = int(params.get(name, default))
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"{name}: not an integer") from exc
    return max(low, min(high, value))


def _dataset(params: dict) -> Dataset:
    ident = str(params.get("id") or params.get("name_or_id") or "")
    try:
        match = Q(uuid=uuid.UUID(ident)) | Q(slug=ident)
    except ValueError:
        match = Q(slug=ident)
    dataset = selectors.published().filter(match).first()
    if dataset is None:
        raise NotFound("Dataset not found")
    return dataset


def package_list(params, request):
    names = list(selectors.published().order_by("slug").values_list("slug", flat=True))
    offset = _int(params, "offset", 0, high=10**9)
    if "limit" in params:
        return names[offset:offset + _int(params, "limit", len(names), high=10**9)]
    return names[offset:]


def package_show(params, request):
    return package_dict(_dataset(params), request)


def package_search(params, request):
    """q (words in title, description, keywords), fq (organization:<name>, tags:<tag>,
    res_format:<fmt>), rows (≤ 1000), start, sort ('metadata_modified desc', 'title_string
    asc', 'name asc')."""
    datasets = selectors.search(q=str(params.get("q", "")).replace("*:*", ""))
    for clause in str(params.get("fq", "")).split():
        key, _, value = clause.partition(":")
        value = value.strip('"')
        if key in ("organization", "owner_org"):
            datasets = datasets.filter(producer__code=value) if key == "organization" else \
                datasets.filter(producer_id=value.removeprefix("agency-"))
        elif key == "tags":
            datasets = datasets.filter(tags__icontains=value)
        elif key == "res_format":
            datasets = datasets.filter(resources__format=value.upper()).distinct()
    sort = str(params.get("sort", "score desc, metadata_modified desc"))
    if sort.startswith(("title", "name")):
        order = "slug" if sort.startswith("name") else "title"
        datasets = datasets.order_by(f"-{order}" if "desc" in sort else order)
    else:
        datasets = datasets.order_by("-updated_at", "slug")
    rows, start = _int(params, "rows", 10), _int(params, "start", 0, high=10**9)
    count = datasets.count()
    results = [package_dict(d, request) for d in datasets[start:start + rows]]
    return {"count": count, "results": results, "sort": sort, "facets": {},
            "search_facets": {}}


def _organizations():
    producers = set(selectors.published().values_list("producer_id", flat=True))
    return list(Agency.objects.filter(pk__in=producers).order_by("code"))


def organization_list(params, request):
    organizations = _organizations()
    if str(params.get("all_fields", "")).lower() in ("true", "1"):
        counts = {}
        for producer_id in selectors.published().values_list("producer_id", flat=True):
            counts[producer_id] = counts.get(producer_id, 0) + 1
        return [{**organization_dict(a), "package_count": counts.get(a.pk, 0)}
                for a in organizations]
    return [a.code for a in organizations]


def organization_show(params, request):
    ident = str(params.get("id", ""))
    for agency in _organizations():
        if ident in (agency.code, f"agency-{agency.pk}"):
            result = organization_dict(agency)
            result["package_count"] = selectors.published().filter(producer=agency).count()
            return result
    raise NotFound("Organization not found")


def status_show(params, request):
    return {"site_title": "balai", "site_url": request.build_absolute_uri("/"),
            "ckan_version": "2.10.4", "api_version": 3, "extensions": []}


ACTIONS = {f.__name__: f for f in (package_list, package_show, package_search,
                                   organization_list, organization_show, status_show)}
