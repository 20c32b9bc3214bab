from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from twinnings.accounts.models import AccessToken, Organisation, Role
from twinnings.core.text import name_key
from twinnings.places.models import Place
from twinnings.places.services import search as search_places


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class LoginForm(AuthenticationForm):
    """Accounts are named by their email address (stored in lower case at sign-up)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        # AuthenticationForm sets max_length after the field is made, which adds no validator: a longer
        # name would reach authenticate() and the lockout records (a column of 255 characters).
        self.fields["username"].validators.append(MaxLengthValidator(self.username_field.max_length or 150))

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        return username.strip().lower()


class PlaceField(forms.Field):
    """A place by its name in any language or script, or by its id (also as "Lyon, France (#123)",
    what the suggestions put in the box). A name that fits several places is refused with the
    candidates and their ids, so the form works without JavaScript."""

    widget = forms.TextInput(
        attrs={"data-place-picker": "", "autocomplete": "off", "spellcheck": "false", "maxlength": "200"}
    )
    default_error_messages = {
        "too_long": _("A place name has at most 200 characters."),
        "unknown_id": _("No place has the id %(id)s."),
        "not_found": _("No place found for “%(query)s”."),
        "ambiguous": _("Several places fit “%(query)s”: %(candidates)s. Type the number of the one you mean."),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and value.isascii() and value.isdecimal() and len(value) < 19:
            value = Place.objects.select_related("country").filter(pk=int(value)).first() or value
        if isinstance(value, Place):
            return place_label(value)
        return value

    def to_python(self, value: Any) -> Place | None:
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > 200:
            raise forms.ValidationError(self.error_messages["too_long"])
        number = PLACE_ID.search(text)
        if number:
            digits = number.group(1) or number.group(2)
            found = Place.objects.select_related("country").filter(pk=int(digits)).first()
            if found is None:
                raise forms.ValidationError(self.error_messages["unknown_id"], params={"id": digits})
            return found
        candidates = search_places(text, limit=6)
        exact = [p for p in candidates if name_key(getattr(p, "matched_name", p.name)) == name_key(text)]
        if len(exact) == 1 or len(candidates) == 1:
            return (exact or candidates)[0]
        if not candidates:
            raise forms.ValidationError(self.error_messages["not_found"], params={"query": text})
        listed = "; ".join(place_label(p) for p in (exact or candidates))
        raise forms.ValidationError(self.error_messages["ambiguous"], params={"query": text, "candidates": listed})


PLACE_ID = re.compile(r"^\s*#?(\d{1,18})\s*$|\(#(\d{1,18})\)\s*$")


def place_label(place: Place) -> str:
    return f"{place.name}, {place.country.name} (#{place.pk})"


class VerificationRequestForm(forms.Form):
    place = PlaceField(
        label=_("Place"),
        help_text=_("Its name in any language, or its number in Twinnings (e.g. 123 in /places/123/)."),
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
