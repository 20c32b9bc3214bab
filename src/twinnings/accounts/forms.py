from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from twinnings.accounts.models import AccessToken, Organisation, Role
from twinnings.places.models import Place


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class PlaceField(forms.ModelChoiceField):
    """A place by its id (the directory's place pages link to the forms that need one)."""

    widget = forms.NumberInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Place.objects.select_related("country"), **kwargs)


class VerificationRequestForm(forms.Form):
    place = PlaceField(
        label=_("Place"), help_text=_("The number in the address of the place's page, e.g. 123 in /places/123/.")
    )
    position = forms.CharField(label=_("Your position"), max_length=200)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("How staff can check that you represent this authority: an official web page, address or phone."),
    )


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    place = PlaceField(label=_("Place"))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("Where the token is used, e.g. council intranet.")
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=AccessToken.Scope.choices)
