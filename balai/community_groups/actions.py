"""Every audit action of the KIM registry and sites, named once (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("community_groups", [
    Action("community_groups.registered", _("KIM registered")),
    Action("community_groups.updated", _("KIM record changed")),
    Action("community_groups.status_changed", _("KIM status changed")),
    Action("community_groups.officer_added", _("Officer added")),
    Action("community_groups.officer_removed", _("Officer removed")),
    Action("community_groups.member_added", _("Member added")),
    Action("community_groups.member_removed", _("Member removed")),
    Action("community_groups.cooperation_added", _("Cooperation recorded")),
    Action("community_groups.activity_recorded", _("Activity recorded")),
    Action("community_groups.post_published", _("Post published")),
    Action("community_groups.post_updated", _("Post changed")),
    Action("community_groups.post_removed", _("Post removed")),
    Action("community_groups.decree_viewed", _("Decree file opened")),
    Action("community_groups.competition_created", _("Competition opened")),
    Action("community_groups.scores_recorded", _("Scores recorded by a judge")),
    Action("community_groups.competition_closed", _("Competition results published")),
])
