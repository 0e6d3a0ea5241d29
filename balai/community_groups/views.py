"""KIM pages: the public registry, coverage and each KIM's site; the keepers' pages.

Thin views (STYLE.md rule 6): the selectors scope by the viewer (a KIM officer gets 404 for
another KIM), the services check the rules again and audit.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from balai.community_groups import forms, selectors, services
from balai.community_groups.models import Member, Officer, Post, Score
from balai.core.forms import apply_service_errors
from balai.core.pagination import page_of

# --- public ---------------------------------------------------------------------------


def index(request):
    q = request.GET.get("q", "").strip()[:100]
    kims = selectors.kim_list_public(q=q)
    return render(request, "community_groups/index.html", {
        "forums": selectors.forums_public(),
        "page": page_of(kims, request, 24), "q": q, "query": f"q={q}" if q else ""})


def forum(request, pk: int):
    forum, kims, cooperations = selectors.forum_public(pk)
    return render(request, "community_groups/forum.html", {
        "forum": forum, "kims": kims, "cooperations": cooperations})


def coverage(request):
    groups = selectors.coverage()
    with_kim = sum(len(g.with_kim) for g in groups)
    total = with_kim + sum(len(g.without_kim) for g in groups)
    return render(request, "community_groups/coverage.html", {
        "groups": groups, "with_kim": with_kim, "total": total,
        "map": selectors.coverage_map(groups)})


def site(request, slug: str):
    kim = selectors.kim_public(slug)
    today = timezone.localdate()
    return render(request, "community_groups/site.html", {
        "kim": kim,
        "officers": selectors.officers_public(kim),
        "news": selectors.posts_public(kim, Post.Kind.NEWS)[:5],
        "agenda": selectors.posts_public(kim, Post.Kind.AGENDA)
        .filter(event_on__gte=today).order_by("event_on")[:5],
        "activities": selectors.activities_recent(kim, 6),
        "cooperations": kim.cooperations.all(),
        "member_count": kim.members.count(),
    })


def posts(request, slug: str):
    kim = selectors.kim_public(slug)
    kind = request.GET.get("jenis")
    kind = kind if kind in Post.Kind.values else None
    return render(request, "community_groups/posts.html", {
        "kim": kim, "kind": kind, "page": page_of(selectors.posts_public(kim, kind), request, 10),
        "query": f"jenis={kind}" if kind else ""})


def post(request, slug: str, post_slug: str):
    kim = selectors.kim_public(slug)
    return render(request, "community_groups/post.html", {
        "kim": kim, "post": selectors.post_public(kim, post_slug)})


# --- keepers: Diskominfo (every KIM) and each KIM's officers (their own) -----------------


@login_required
def manage_index(request):
    scope = selectors.kim_scope(request.user)
    if not scope.is_staff:
        raise PermissionDenied
    page = page_of(selectors.kims_kept_by(request.user), request, 50)
    today = timezone.localdate()
    scores = selectors.kim_activity_scores(page.object_list, today)
    for kim in page:
        kim.activity = scores[kim.pk]
    return render(request, "community_groups/manage_index.html", {"scope": scope, "page": page})


@login_required
def manage(request, slug: str):
    kim, scope = selectors.kim_for_editing(slug=slug, user=request.user)
    return render(request, "community_groups/manage.html", {
        "kim": kim, "scope": scope,
        "officers": selectors.officers_in_order(kim.officers.select_related("user")),
        "members": kim.members.all(),
        "activities": kim.activities.all()[:20],
        "posts": kim.posts.all()[:20],
        "cooperations": kim.cooperations.all(),
    })


@login_required
def register(request):
    if not selectors.kim_scope(request.user).may_register():
        raise PermissionDenied
    form = forms.RegistryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            kim = services.kim_register(actor=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(kim)s is registered.") % {"kim": kim})
            return redirect("community_groups:manage", slug=kim.slug)
    return render(request, "community_groups/form.html", {
        "form": form, "title": _("Register a KIM"), "multipart": True})


@login_required
def registry_edit(request, slug: str):
    kim, scope = selectors.kim_for_editing(slug=slug, user=request.user)
    if not scope.may_register():
        raise PermissionDenied
    initial = {f: getattr(kim, f) for f in services.REGISTRY_FIELDS}
    form = forms.RegistryForm(request.POST or None, request.FILES or None, initial=initial,
                              editing=True)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        sk_file = changes.pop("sk_file", None)
        try:
            services.kim_registry_update(kim=kim, actor=request.user, sk_file=sk_file,
                                         **changes)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The registry record is saved."))
            return redirect("community_groups:manage", slug=kim.slug)
    return render(request, "community_groups/form.html", {
        "form": form, "kim": kim, "title": _("Registry record"), "multipart": True})


def _kim_form(request, slug, form_class, service, title, *, success, multipart=False,
              form_kwargs=None):
    """A keeper's form about one KIM: valid data goes to `service(kim=..., actor=...)`."""
    kim, _scope = selectors.kim_for_editing(slug=slug, user=request.user)
    form = form_class(request.POST or None, request.FILES or None, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            service(kim=kim, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("community_groups:manage", slug=kim.slug)
    return render(request, "community_groups/form.html", {
        "form": form, "kim": kim, "title": title, "multipart": multipart})


@login_required
def profile_edit(request, slug: str):
    kim, _scope = selectors.kim_for_editing(slug=slug, user=request.user)
    return _kim_form(request, slug, forms.ProfileForm, services.kim_profile_update,
                     _("Profile of the KIM"), success=_("The profile is saved."),
                     form_kwargs={"instance": kim})


@login_required
def post_new(request, slug: str):
    return _kim_form(request, slug, forms.PostForm, services.post_publish, _("New post"),
                     success=_("The post is published."), multipart=True)


@login_required
def activity_new(request, slug: str):
    return _kim_form(request, slug, forms.ActivityForm, services.activity_record,
                     _("Record an activity"), success=_("The activity is recorded."),
                     multipart=True)


@login_required
def officer_new(request, slug: str):
    return _kim_form(request, slug, forms.OfficerForm, services.officer_add,
                     _("Add an officer"), success=_("The officer is added."))


@login_required
def member_new(request, slug: str):
    return _kim_form(request, slug, forms.MemberForm, services.member_add, _("Add a member"),
                     success=_("The member is added."))


@login_required
def cooperation_new(request, slug: str):
    return _kim_form(request, slug, forms.CooperationForm, services.cooperation_add,
                     _("Record a cooperation"), success=_("The cooperation is recorded."))


@login_required
def post_edit(request, slug: str, pk: int):
    kim, _scope = selectors.kim_for_editing(slug=slug, user=request.user)
    item = get_object_or_404(Post, kim=kim, pk=pk, removed_at__isnull=True)
    initial = {"title": item.title, "body": item.body, "event_on": item.event_on,
               "event_place": item.event_place}
    form = forms.PostForm(request.POST or None, request.FILES or None, initial=initial,
                          editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(post=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The post is saved."))
            return redirect("community_groups:manage", slug=kim.slug)
    return render(request, "community_groups/form.html", {
        "form": form, "kim": kim, "title": _("Change the post"), "multipart": True,
        "remove_url": True, "post": item})


@login_required
@require_POST
def post_remove(request, slug: str, pk: int):
    kim, _scope = selectors.kim_for_editing(slug=slug, user=request.user)
    item = get_object_or_404(Post, kim=kim, pk=pk)
    services.post_remove(post=item, actor=request.user)
    messages.success(request, _("The post is removed from the site."))
    return redirect("community_groups:manage", slug=kim.slug)


def _remove(request, slug, model, pk, service, field, done):
    kim, _scope = selectors.kim_for_editing(slug=slug, user=request.user)
    service(**{field: get_object_or_404(model, kim=kim, pk=pk)}, actor=request.user)
    messages.success(request, done)
    return redirect("community_groups:manage", slug=kim.slug)


@login_required
@require_POST
def officer_remove(request, slug: str, pk: int):
    return _remove(request, slug, Officer, pk, services.officer_remove, "officer",
                   _("The officer is removed."))


@login_required
@require_POST
def member_remove(request, slug: str, pk: int):
    return _remove(request, slug, Member, pk, services.member_remove, "member",
                   _("The member is removed."))


@login_required
def decree_file(request, slug: str):
    kim, _scope = selectors.kim_for_editing(slug=slug, user=request.user)
    if not kim.sk_file:
        raise Http404
    services.kim_decree_opened(kim=kim, actor=request.user)
    return FileResponse(kim.sk_file.open("rb"), content_type="application/pdf",
                        filename=f"SK-{kim.slug}.pdf")





# --- competitions ----------------------------------------------------------------------------


def competitions(request):
    return render(request, "community_groups/competitions.html", {
        "rounds": selectors.competitions_visible(request.user)})


def competition(request, pk: int):
    round_ = selectors.competition_for(pk, request.user)
    criteria, ranked = selectors.competition_results(round_)
    scope = selectors.kim_scope(request.user)
    is_judge = request.user.is_authenticated and round_.judges.filter(
        pk=request.user.pk).exists()
    return render(request, "community_groups/competition.html", {
        "round": round_, "criteria": criteria, "ranked": ranked,
        "may_close": scope.may_register() and round_.status == "scoring",
        "is_judge": is_judge and round_.status == "scoring"})


@login_required
def competition_score(request, pk: int):
    """A judge's score sheet: every entry against every criterion, in one form."""
    round_ = selectors.competition_for(pk, request.user)
    if not round_.judges.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    criteria = list(round_.criteria.all())
    entries = list(round_.entries.all())
    mine = {(s.entry_id, s.criterion_id): s.value for s in Score.objects.filter(
        entry__competition=round_, judge=request.user)}
    errors = []  # (the box's id, the message)
    if request.method == "POST":
        values = {}
        for e in entries:
            for c in criteria:
                raw = request.POST.get(f"s-{e.pk}-{c.pk}", "").strip()[:10]
                if raw == "":
                    continue
                mine[(e.pk, c.pk)] = raw  # shown again as typed, right or wrong
                where = {"entry": e.name, "criterion": c.name, "max": c.max_score}
                if not (raw.isascii() and raw.isdigit()):
                    errors.append((f"s-{e.pk}-{c.pk}", _(
                        "%(entry)s, %(criterion)s: write the score in digits, from 0 to "
                        "%(max)s.") % where))
                elif int(raw) > c.max_score:
                    errors.append((f"s-{e.pk}-{c.pk}", _(
                        "%(entry)s, %(criterion)s: give a score from 0 to %(max)s.")
                        % where))
                else:
                    values[(e.pk, c.pk)] = int(raw)
        if not errors:
            try:
                services.competition_score(competition=round_, values=values,
                                           judge=request.user)
            except ValidationError as exc:
                errors = [("", message) for message in exc.messages]
            else:
                messages.success(request, _("Your scores are saved."))
                return redirect("community_groups:competition", pk=round_.pk)
    wrong = {box for box, _message in errors}
    rows = [(e, [(c, mine.get((e.pk, c.pk), ""), f"s-{e.pk}-{c.pk}" in wrong)
                 for c in criteria]) for e in entries]
    return render(request, "community_groups/competition_score.html", {
        "round": round_, "criteria": criteria, "rows": rows, "errors": errors})


@login_required
@require_POST
def competition_close(request, pk: int):
    round_ = selectors.competition_for(pk, request.user)
    try:
        services.competition_close(competition=round_, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The results are published."))
    return redirect("community_groups:competition", pk=round_.pk)
