from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from twinnings.accounts.forms import PlaceField
from twinnings.agreements.choices import Area, OrganisationRole
from twinnings.agreements.models import Agreement
from twinnings.places.models import Place

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LanguagesField(forms.CharField):
    """ISO 639-1 codes separated by commas or spaces (`de, fr`)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [code for code in text.replace(",", " ").split() if code]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class RevisionForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CreateForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("For"), queryset=Place.objects.none())
    partner = PlaceField(
        label=_("Partner place"),
        help_text=_("Its name in any language, or its number in Twinnings (e.g. 123 in /places/123/)."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    languages = LanguagesField(label=_("Languages"), help_text=_("ISO 639-1 codes, e.g. de, fr"))

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class TermsForm(RevisionForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    areas = forms.MultipleChoiceField(
        label=_("Areas of cooperation"), choices=Area.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    objectives = forms.CharField(label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    languages = LanguagesField(label=_("Languages"), help_text=_("ISO 639-1 codes, e.g. de, fr"))
    start_date = forms.DateField(label=_("Start"), required=False, widget=DATE)
    end_date = forms.DateField(
        label=_("End"), required=False, widget=DATE, help_text=_("Leave empty for an open-ended agreement.")
    )
    review_date = forms.DateField(label=_("Review"), required=False, widget=DATE)
    renewal_terms = forms.CharField(label=_("Renewal terms"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    @classmethod
    def for_agreement(cls, agreement: Agreement, data: Any = None) -> TermsForm:
        initial = {name: getattr(agreement, name) for name in cls.base_fields if name != "revision"}
        return cls(data, initial={**initial, "revision": agreement.revision})


class ClauseForm(RevisionForm):
    """One text per language of the agreement, side by side."""

    clause = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, languages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = languages
        for code in languages:
            self.fields[f"text_{code}"] = forms.CharField(
                label=code, required=False, widget=forms.Textarea(attrs={"rows": 5, "lang": code})
            )

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}", "") for code in self.languages}


class ResponsibilitiesForm(RevisionForm):
    party = forms.IntegerField(widget=forms.HiddenInput)
    responsibilities = forms.CharField(
        label=_("Responsibilities"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PartyChoiceForm(RevisionForm):
    party = forms.TypedChoiceField(label=_("Party"), coerce=int)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p.pk, p.place.name) for p in agreement.parties.select_related("place")]  # type: ignore[attr-defined]


class CommitmentForm(PartyChoiceForm):
    description = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.DateField(label=_("Due"), required=False, widget=DATE)


class ResourceForm(PartyChoiceForm):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    amount = forms.DecimalField(label=_("Amount"), required=False, max_digits=14, decimal_places=2, min_value=0)
    currency = forms.CharField(label=_("Currency"), required=False, max_length=3, help_text=_("ISO 4217, e.g. EUR"))
    in_kind = forms.CharField(label=_("Or in kind"), required=False, max_length=500)


class OrganisationLinkForm(RevisionForm):
    organisation = forms.IntegerField(label=_("Organisation number"), min_value=1)
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationRole.choices)


class RemoveForm(RevisionForm):
    kind = forms.ChoiceField(
        choices=[
            ("commitment", "commitment"),
            ("resource", "resource"),
            ("organisation", "organisation"),
            ("clause", "clause"),
        ]
    )
    item = forms.IntegerField(min_value=1)


class ApprovalForm(forms.Form):
    party = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reference = forms.CharField(label=_("Council resolution"), max_length=200)
    resolution_date = forms.DateField(label=_("Date of the resolution"), widget=DATE)


class SignatureForm(forms.Form):
    party = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    version_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)


class TransitionForm(forms.Form):
    """The details some events need: a reason, a date, a new term."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000)
    on = forms.DateField(label=_("Date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("New end"), required=False, widget=DATE)
    review_date = forms.DateField(label=_("Next review"), required=False, widget=DATE)
