"""The fixed lists of agreements: lifecycle statuses, areas of cooperation, organisation roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PROPOSED = "proposed", _("proposed")
    NEGOTIATING = "negotiating", _("negotiating")
    APPROVED = "approved", _("approved")
    SIGNED = "signed", _("signed")
    ACTIVE = "active", _("active")
    REVIEW_DUE = "review_due", _("review due")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")


IN_FORCE = frozenset({Status.ACTIVE, Status.REVIEW_DUE, Status.SUSPENDED})
SIGNED_OR_LATER = frozenset({Status.SIGNED, Status.ACTIVE, Status.REVIEW_DUE, Status.SUSPENDED, Status.ENDED})


class Area(models.TextChoices):
    CULTURE = "culture", _("culture & heritage")
    ECONOMY = "economy", _("economy & trade")
    TOURISM = "tourism", _("tourism")
    EDUCATION = "education", _("education & youth")
    RESEARCH = "research", _("universities & research")
    ENVIRONMENT = "environment", _("environment & climate")
    SPORT = "sport", _("sport")
    HEALTH = "health", _("health & social care")
    GOVERNANCE = "governance", _("governance & public administration")
    CIVIL_SOCIETY = "civil_society", _("civil society & volunteering")
    HUMANITARIAN = "humanitarian", _("humanitarian aid & reconstruction")


class OrganisationRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", _("partner")
    SUPPORTER = "supporter", _("supporter")
