"""Forms of notices and conversations. They parse what the browser sends; the services check the
values (codes, lengths, dates, sizes) and refuse with a reason shown on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from twinnings.agreements.choices import Area
from twinnings.partners.models import PartnerNotice
from twinnings.partners.notices import MAX_TEXT, MAX_TITLE, NoticeTerms
from twinnings.places.models import Place

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CodesField(forms.CharField):
    """Codes separated by commas or spaces (`FR, PL`)."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [code for code in text.replace(",", " ").split() if code]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(str(v) for v in value) if isinstance(value, list) else value


def offer_places(field: forms.Field, places: Any) -> None:
    """The offices a user may act for; the only one is chosen already."""
    field.queryset = places  # type: ignore[attr-defined]
    only = list(places[:2])
    if len(only) == 1:
        field.initial = only[0].pk


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), widget=forms.TextInput(attrs={"maxlength": MAX_TITLE}))
    areas = forms.MultipleChoiceField(
        label=_("Areas of cooperation"), choices=Area.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("What you seek"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT}),
        help_text=_("Your plans and the partner you hope for, in your words."),
    )
    countries = CodesField(
        label=_("Countries"), required=False, help_text=_("ISO codes, e.g. FR, PL; empty: any country")
    )
    regions = CodesField(
        label=_("Regions"),
        required=False,
        help_text=_("Numbers of region pages, e.g. 123 in /places/123/; a place in one of them fits too"),
    )
    languages = CodesField(
        label=_("Languages"), required=False, help_text=_("ISO 639 codes, e.g. fr, pl; empty: any language")
    )
    min_population = forms.IntegerField(label=_("Minimum population"), required=False)
    max_population = forms.IntegerField(label=_("Maximum population"), required=False)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE, help_text=_("At most two years from today"))

    @classmethod
    def for_notice(cls, notice: PartnerNotice, data: Any = None) -> NoticeForm:
        fields = ["title", "areas", "description", "countries", "regions", "languages"]
        initial = {name: getattr(notice, name) for name in fields}
        initial |= {
            "min_population": notice.min_population,
            "max_population": notice.max_population,
            "valid_until": notice.valid_until,
        }
        return cls(data, initial=initial)

    def terms(self) -> NoticeTerms:
        """The cleaned values; a region that is not a number reaches the service as such and is refused there."""
        data = dict(self.cleaned_data)
        data.pop("place", None)
        return NoticeTerms(**data)


class NewNoticeForm(NoticeForm):
    place = forms.ModelChoiceField(label=_("For"), queryset=Place.objects.none())

    field_order = ["place"]

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_places(self.fields["place"], places)


class InterestForm(forms.Form):
    place = forms.ModelChoiceField(label=_("On behalf of"), queryset=Place.objects.none())
    text = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT}),
        help_text=_("Who you are, what you would do together; the notice's office answers in Twinnings."),
    )

    def __init__(self, *args: Any, places: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_places(self.fields["place"], places)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT}))
