"""Open data pages: the public catalogue and dataset pages, downloads, the CKAN action API and
the DCAT catalogue; the walidata's pages (thin views, STYLE.md rule 6)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from balai.agencies.models import Agency
from balai.core.exports import export_response
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of
from balai.open_data import ckan, dcat, forms, selectors, services
from balai.open_data.models import Dataset, Topic

PREVIEW_ROWS = 10


def catalogue(request):
    q, producer, topic = (request.GET.get(k, "").strip() for k in ("q", "opd", "topik"))
    datasets = selectors.search(q=q, producer=producer, topic=topic)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "open_data/catalogue.html", {
        "page": page_of(datasets, request, per_page=20), "q": q, "producer": producer,
        "topic": topic, "topics": Topic.choices, "query": query.urlencode(),
        "producers": Agency.objects.filter(pk__in=selectors.published().values("producer"))
        .order_by("name"),
        "is_officer": selectors.open_data_scope(request.user).is_officer,
    })


def detail(request, slug: str):
    scope = selectors.open_data_scope(request.user)
    dataset = get_object_or_404(Dataset.objects.select_related("producer"), slug=slug)
    if not dataset.is_published and not scope.is_officer:
        raise Http404
    resources = list(dataset.resources.all())
    preview = None
    if resources:
        headers, rows = selectors.resource_table(resources[0])
        preview = {"headers": headers, "rows": rows[:PREVIEW_ROWS], "total": len(rows)}
    return render(request, "open_data/detail.html", {
        "dataset": dataset, "resources": resources, "preview": preview, "scope": scope,
        "api_url": reverse("open_data:ckan_action", args=["package_show"]) + f"?id={slug}",
    })


def download(request, slug: str, resource):
    dataset = get_object_or_404(Dataset, slug=slug, is_published=True)
    item = get_object_or_404(dataset.resources, uuid=resource)
    headers, rows = selectors.resource_table(item)
    response = export_response(item.format.lower(), dataset.slug, dataset.title[:31],
                               headers, rows)
    response["Cache-Control"] = "public, max-age=300"  # public data, unlike the registers
    return response


@csrf_exempt
def ckan_action(request, action: str):
    """CKAN's action API: GET with query parameters or POST with a JSON body (ckanapi)."""
    help_url = request.build_absolute_uri(reverse("open_data:ckan_action", args=[action]))
    handler = ckan.ACTIONS.get(action)
    if handler is None:
        return JsonResponse({"help": help_url, "success": False, "error": {
            "__type": "Not Found Error", "message": "Action not found"}}, status=400)
    params = request.GET.dict()
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            body = request.POST.dict()
        if isinstance(body, dict):
            params.update(body)
    try:
        result = handler(params, request)
    except ckan.NotFound as exc:
        return JsonResponse({"help": help_url, "success": False, "error": {
            "__type": "Not Found Error", "message": str(exc)}}, status=404)
    except ckan.BadRequest as exc:
        return JsonResponse({"help": help_url, "success": False, "error": {
            "__type": "Validation Error", "message": str(exc)}}, status=409)
    response = JsonResponse({"help": help_url, "success": True, "result": result})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def dcat_catalog(request):
    response = JsonResponse(dcat.catalog(request), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json"
    return response


def _officer(request):
    if not selectors.open_data_scope(request.user).is_officer:
        raise PermissionDenied


@login_required
def staff_edit(request, slug: str | None = None):
    _officer(request)
    dataset = get_object_or_404(Dataset, slug=slug) if slug else None
    form = forms.DatasetForm(request.POST or None, request.FILES or None, instance=dataset)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in services.FIELDS if f in form.cleaned_data}
        upload = form.cleaned_data.get("file")
        try:
            with transaction.atomic():  # the metadata and its file, or neither
                saved = services.dataset_save(actor=request.user, dataset=dataset,
                                              slug=form.cleaned_data.get("slug", ""), **values)
                if upload:
                    services.resource_add(dataset=saved, name=upload.name,
                                          filename=upload.name, data=upload.read(),
                                          actor=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Saved: %(title)s.") % {"title": saved.title})
            return redirect("open_data:detail", slug=saved.slug)
    return render(request, "open_data/staff_edit.html", {"form": form, "dataset": dataset},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def staff_publish(request, slug: str):
    _officer(request)
    dataset = get_object_or_404(Dataset, slug=slug)
    try:
        services.dataset_publish(dataset=dataset, actor=request.user,
                                 publish=request.POST.get("publish") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("open_data:detail", slug=slug)
