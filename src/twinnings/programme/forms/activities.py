"""Forms of the activity pages: the list's filters, an activity, its participant counts and named
participants. Every rule (dates within the term, counts adding up, consent) is the services'."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from twinnings.accounts.models import Organisation
from twinnings.agreements.choices import Area
from twinnings.agreements.forms import DATE
from twinnings.agreements.models import Agreement
from twinnings.places.models import Country, Place
from twinnings.programme.choices import ActivityStatus, ActivityType, AgeBand
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import ActivityData
from twinnings.programme.services.participants import MAX_COUNT, GroupData, PersonData

if TYPE_CHECKING:  # django-stubs' helper types come with the dev tools only (make install EXTRAS=)
    from django_stubs_ext import StrOrPromise

PLACE_NUMBER_HELP = _("Or another place: the number in the address of its page, e.g. 123 in /places/123/.")
INVITED_CHOICES = [("1", _("invited")), ("0", _("local"))]


def _any(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("any")), *choices]


def party_places(agreement: Agreement) -> list[Place]:
    return [party.place for party in agreement.parties.select_related("place__country")]


class PlaceChoiceForm(forms.Form):
    """A place chosen among the parties' towns (`place`) or given by its number (`place_number`)."""

    place_field = "place"

    def set_place_choices(self, places: list[Place], blank: StrOrPromise) -> None:
        field = self.fields[self.place_field]
        field.choices = [("", blank), *((place.pk, place.name) for place in places)]  # type: ignore[attr-defined]

    def chosen_place(self) -> Place | None:
        """The place given by number, else the one chosen; None when neither (or an unknown number)."""
        number = self.cleaned_data.get(f"{self.place_field}_number") or self.cleaned_data.get(self.place_field)
        if not number:
            return None
        place = Place.objects.select_related("country").filter(pk=number).first()
        if place is None:
            self.add_error(f"{self.place_field}_number", _("There is no place with this number."))
        return place


class ActivityFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(ActivityStatus.choices))
    type = forms.ChoiceField(label=_("Type"), required=False, choices=_any(ActivityType.choices))

    def apply(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        if not self.is_valid():
            return activities
        data = self.cleaned_data
        if data["year"]:
            activities = activities.filter(start_date__year__lte=data["year"], end_date__year__gte=data["year"])
        if data["status"]:
            activities = activities.filter(status=data["status"])
        if data["type"]:
            activities = activities.filter(type=data["type"])
        return activities


class ActivityForm(PlaceChoiceForm):
    place_field = "host_place"

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    title = forms.CharField(label=_("Title"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=ActivityType.choices)
    area = forms.ChoiceField(label=_("Area of cooperation"), choices=Area.choices)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    host_place = forms.TypedChoiceField(label=_("Host"), coerce=int, required=False, empty_value=None)
    host_place_number = forms.IntegerField(
        label=_("Another host place"), required=False, min_value=1, max_value=2**62, help_text=PLACE_NUMBER_HELP
    )
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), max_length=20_000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Those associated with the agreement or belonging to a party."),
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_place_choices(party_places(agreement), _("another place (give its number)"))
        self.fields["organisations"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(
                Q(agreements__agreement=agreement) | Q(place__agreement_parties__agreement=agreement)
            )
            .distinct()
            .order_by("name")
        )

    @classmethod
    def for_activity(cls, activity: Activity, data: Any = None) -> ActivityForm:
        names = ["title", "type", "area", "status", "start_date", "end_date", "venue", "description"]
        initial = {name: getattr(activity, name) for name in names}
        parties = set(activity.agreement.parties.values_list("place_id", flat=True))
        host = "host_place" if activity.host_place_id in parties else "host_place_number"
        initial[host] = activity.host_place_id
        initial["organisations"] = list(activity.organisations.values_list("pk", flat=True))
        return cls(data, agreement=activity.agreement, initial={**initial, "revision": activity.revision})

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        host = self.chosen_place()
        if host is None and not data.get("host_place_number"):
            self.add_error("host_place", _("Choose the host among the parties or give another place's number."))
        data["host"] = host
        return data

    def activity_data(self) -> ActivityData:
        data = self.cleaned_data
        return ActivityData(
            area=data["area"],
            type=data["type"],
            title=data["title"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            host_place=data["host"],
            description=data["description"],
            venue=data["venue"],
            status=data["status"],
            organisations=list(data["organisations"]),
        )


def country_of(code: str, place: Place | None) -> Country | None:
    if place is not None:
        return place.country
    return Country.objects.filter(pk=code.strip().upper()).first() if code.strip() else None


class GroupForm(forms.Form):
    """One row of the counts: a town (or a country), invited or local, an age band, how many."""

    label = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)  # a given row's town, shown
    place = forms.IntegerField(
        label=_("Place number"),
        required=False,
        min_value=1,
        max_value=2**62,
        widget=forms.NumberInput(attrs={"placeholder": _("place number")}),
    )
    country = forms.CharField(
        label=_("Country"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"placeholder": _("or country code (FR)"), "size": 4}),
    )
    invited = forms.ChoiceField(label=_("Invited or local"), choices=INVITED_CHOICES)
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN)
    count = forms.IntegerField(label=_("Participants"), required=False, min_value=0, max_value=MAX_COUNT)


class BaseGroupFormSet(forms.BaseFormSet):
    """The rows of the counts; those with a number are resolved to places and countries in `groups`."""

    groups: list[GroupData]

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in self.forms if form.cleaned_data.get("count") is not None]
        places = Place.objects.select_related("country").in_bulk([row["place"] for row in rows if row["place"]])
        self.groups = []
        for row in rows:
            place = places.get(row["place"]) if row["place"] else None
            if row["place"] and place is None:
                raise forms.ValidationError(_("There is no place number %(number)s.") % {"number": row["place"]})
            country = country_of(row["country"], place)
            if country is None:
                raise forms.ValidationError(_("Give a place number or a known country code for every row counted."))
            self.groups.append(GroupData(country, row["invited"] == "1", row["count"], place, row["age_band"]))

    def refuse(self, message: str) -> None:
        """Show a refusal of the service above the rows."""
        self.non_form_errors().append(message)


GroupFormSet = cast(
    type[BaseGroupFormSet],
    forms.formset_factory(
        GroupForm,
        formset=BaseGroupFormSet,
        extra=3,
        max_num=200,
        validate_max=True,
        absolute_max=250,
    ),
)


def group_rows(activity: Activity, places: list[Place]) -> list[dict[str, Any]]:
    """Initial rows: every recorded group, then each party's town (invited, or local for the host)."""
    rows = []
    cells = set()
    for group in activity.participant_groups.select_related("place", "country"):
        cells.add((group.place_id, group.invited, group.age_band))
        rows.append(
            {
                "place": group.place_id,
                "country": group.country_id,
                "invited": "1" if group.invited else "0",
                "age_band": group.age_band,
                "count": group.count,
                "label": group.place.name if group.place else group.country.name,
            }
        )
    for place in places:
        invited = place.pk != activity.host_place_id
        if (place.pk, invited, AgeBand.UNKNOWN) not in cells:
            rows.append(
                {
                    "place": place.pk,
                    "country": place.country_id,
                    "invited": "1" if invited else "0",
                    "age_band": AgeBand.UNKNOWN,
                    "count": None,
                    "label": place.name,
                }
            )
    return rows


class TotalForm(forms.Form):
    total = forms.IntegerField(
        label=_("Total stated (optional)"),
        required=False,
        min_value=0,
        max_value=10 * MAX_COUNT,
        help_text=_("When given, the rows must add up to it."),
    )


class ParticipantForm(PlaceChoiceForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.CharField(label=_("Role"), max_length=100, required=False, help_text=_("e.g. pupil, teacher"))
    place = forms.TypedChoiceField(label=_("From"), coerce=int, required=False, empty_value=None)
    place_number = forms.IntegerField(
        label=_("Another town"), required=False, min_value=1, max_value=2**62, help_text=PLACE_NUMBER_HELP
    )
    country = forms.CharField(
        label=_("Country"), required=False, max_length=2, help_text=_("ISO code, when no town is given")
    )
    invited = forms.ChoiceField(label=_("Invited or local"), choices=INVITED_CHOICES)
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN)
    consent = forms.BooleanField(
        label=_("The person (or their guardian) explicitly consented to be listed by name"), required=False
    )
    consent_note = forms.CharField(
        label=_("How consent was given"), max_length=300, required=False, help_text=_("e.g. signed form of 3 May")
    )

    def __init__(self, *args: Any, places: list[Place], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_place_choices(places, _("another town, or only a country"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        place = self.chosen_place()
        country = country_of(data.get("country", ""), place)
        if country is None and not data.get("place_number"):
            self.add_error("country", _("Give the person's town or a known country code."))
        data["place_obj"], data["country_obj"] = place, country
        return data

    def person(self) -> PersonData:
        data = self.cleaned_data
        return PersonData(
            full_name=data["full_name"],
            country=data["country_obj"],
            invited=data["invited"] == "1",
            consent=data["consent"],
            place=data["place_obj"],
            email=data["email"],
            role=data["role"],
            age_band=data["age_band"],
            consent_note=data["consent_note"],
        )


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("The person's email address"))
    confirm = forms.BooleanField(
        label=_("I understand that erasing removes every record of this person and cannot be undone"), required=False
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(label=_("Erase this person's record; the counts stay as they are"))
