"""Forms of the budget and indicator pages: a budget line, an indicator's target and actual value.
Amounts are parsed as numbers only; whether they may be negative, carry more than two decimals or
be in that currency is the services' to say."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from twinnings.agreements.models import Agreement
from twinnings.programme.choices import COUNTED, IndicatorKind
from twinnings.programme.models import BudgetLine, Indicator
from twinnings.programme.services.budget import BudgetLineData
from twinnings.programme.services.indicators import IndicatorData


def amount_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DecimalField:
    """A number; the browser is told money has two decimals and is not negative, the service checks it."""
    widget = forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"})
    return forms.DecimalField(label=label, required=required, help_text=help_text, widget=widget)


class BudgetLineForm(forms.Form):
    party = forms.TypedChoiceField(label=_("Party"), coerce=int)
    year = forms.IntegerField(label=_("Year"), min_value=1000, max_value=9999)
    description = forms.CharField(
        label=_("Category or description"), max_length=200, help_text=_("e.g. Travel: coach Köln–Lyon")
    )
    planned = amount_field(_("Planned"), required=False)
    spent = amount_field(_("Spent"), required=False)
    currency = forms.CharField(
        label=_("Currency"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
        help_text=_("Leave empty for the currency the party allocated for that year."),
    )
    activity = forms.TypedChoiceField(label=_("Activity"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = {party.pk: party for party in agreement.parties.select_related("place")}
        self.activities = {activity.pk: activity for activity in agreement.activities.order_by("start_date", "pk")}
        self.fields["party"].choices = [(pk, party.place.name) for pk, party in self.parties.items()]  # type: ignore[attr-defined]
        self.fields["activity"].choices = [  # type: ignore[attr-defined]
            ("", _("none")),
            *((pk, f"{a.start_date:%Y-%m-%d} {a.title}") for pk, a in self.activities.items()),
        ]

    @classmethod
    def for_line(cls, line: BudgetLine, data: Any = None) -> BudgetLineForm:
        initial = {name: getattr(line, name) for name in ("year", "description", "planned", "spent", "currency")}
        initial.update(party=line.party_id, activity=line.activity_id)
        return cls(data, agreement=line.agreement, initial=initial)

    def line_data(self) -> BudgetLineData:
        data = self.cleaned_data
        activity = self.activities.get(data["activity"]) if data["activity"] else None
        return BudgetLineData(
            party=self.parties[data["party"]],
            year=data["year"],
            description=data["description"],
            planned=0 if data["planned"] is None else data["planned"],
            spent=0 if data["spent"] is None else data["spent"],
            currency=data["currency"],
            activity=activity,
        )


class IndicatorForm(forms.Form):
    """A new indicator (or new values of one already set for the year), or, with `indicator`, an
    existing one's values: its kind and year stay, and a counted one has no actual value to type."""

    year = forms.IntegerField(label=_("Year"), min_value=1000, max_value=9999)
    kind = forms.ChoiceField(label=_("Indicator"), choices=IndicatorKind.choices)
    name = forms.CharField(
        label=_("Name"), max_length=100, required=False, help_text=_("For an indicator of your own (other).")
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=30,
        required=False,
        help_text=_("The currency (e.g. EUR) of a trade or investment value; else optional, e.g. hectares."),
    )
    target = amount_field(_("Target"))
    actual = amount_field(
        _("Actual"),
        required=False,
        help_text=_("Leave empty for participants, students exchanged and events held: they are counted."),
    )

    def __init__(self, *args: Any, indicator: Indicator | None = None, **kwargs: Any) -> None:
        self.indicator = indicator
        if indicator is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(indicator, name) for name in ("name", "unit", "target", "actual")},
            )
        super().__init__(*args, **kwargs)
        if indicator is not None:
            del self.fields["year"], self.fields["kind"]
            if indicator.kind != IndicatorKind.CUSTOM:
                del self.fields["name"]
            if indicator.kind in COUNTED:
                del self.fields["actual"]

    def indicator_data(self) -> IndicatorData:
        data = self.cleaned_data
        kind = self.indicator.kind if self.indicator is not None else data["kind"]
        return IndicatorData(
            kind=kind,
            target=data["target"],
            actual=data.get("actual"),
            name=data.get("name", ""),
            unit=data["unit"],
        )
