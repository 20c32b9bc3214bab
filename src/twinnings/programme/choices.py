"""The fixed lists of a twinning's programme: activity types and statuses, age bands, indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityType(models.TextChoices):
    CULTURAL_EVENT = "cultural_event", _("cultural event")
    FESTIVAL = "festival", _("festival")
    STUDENT_EXCHANGE = "student_exchange", _("student exchange")
    SCHOOL_PARTNERSHIP = "school_partnership", _("school partnership")
    TRADE_MISSION = "trade_mission", _("trade mission")
    INVESTMENT_PROJECT = "investment_project", _("investment project")
    DELEGATION_VISIT = "delegation_visit", _("delegation visit")
    ENVIRONMENTAL_PROJECT = "environmental_project", _("environmental project")
    SPORT_EVENT = "sport_event", _("sport event")
    CONFERENCE = "conference", _("conference")
    VOLUNTEERING = "volunteering", _("volunteering")
    HUMANITARIAN_AID = "humanitarian_aid", _("humanitarian aid")
    OTHER = "other", _("other")


# Exchanges of pupils and students: their invited participants count as "students exchanged".
STUDENT_TYPES = frozenset({ActivityType.STUDENT_EXCHANGE, ActivityType.SCHOOL_PARTNERSHIP})


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CONFIRMED = "confirmed", _("confirmed")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("under 18")
    FROM_18_TO_30 = "18_30", _("18–30")
    FROM_31_TO_64 = "31_64", _("31–64")
    FROM_65 = "65_plus", _("65 and over")
    UNKNOWN = "unknown", _("age not recorded")


class IndicatorKind(models.TextChoices):
    PARTICIPANTS = "participants", _("participants")
    STUDENTS_EXCHANGED = "students_exchanged", _("students exchanged")
    EVENTS_HELD = "events_held", _("events held")
    VISITORS = "visitors", _("visitors")
    JOBS_CREATED = "jobs_created", _("jobs created")
    TRADE_VALUE = "trade_value", _("trade value")
    INVESTMENT_VALUE = "investment_value", _("investment value")
    TREES_PLANTED = "trees_planted", _("trees planted")
    CUSTOM = "custom", _("other (named)")


# Indicators whose actual value is counted from the activities held, never typed in.
COUNTED = frozenset({IndicatorKind.PARTICIPANTS, IndicatorKind.STUDENTS_EXCHANGED, IndicatorKind.EVENTS_HELD})
# Indicators measured in money: they carry a currency.
MONETARY = frozenset({IndicatorKind.TRADE_VALUE, IndicatorKind.INVESTMENT_VALUE})
