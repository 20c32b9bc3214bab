"""Account pages: sign-up and email confirmation, the user's offices, members and invitations,
verification requests (staff decide them here or in the admin)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language as django_set_language

from twinnings.accounts import access_tokens, services
from twinnings.accounts.current import user_of
from twinnings.accounts.forms import (
    AccessTokenForm,
    DecisionForm,
    InvitationForm,
    OrganisationForm,
    RoleForm,
    SignUpForm,
    VerificationRequestForm,
)
from twinnings.accounts.models import AccessToken, Invitation, Membership, Organisation, VerificationRequest
from twinnings.accounts.permissions import Action, can, is_staff, restrict
from twinnings.accounts.preferences import remember_language
from twinnings.core.errors import Refused
from twinnings.places.models import Place


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (cookie and redirect); a signed-in user's choice is also kept for
    the emails they receive."""
    response = django_set_language(request)
    if response.status_code < 400:
        remember_language(request.user, request.POST.get("language", ""))
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_up(
                form.cleaned_data["email"], form.cleaned_data["password"], form.cleaned_data["name"], _base_url(request)
            )
        except Refused as error:
            form.add_error("email", error.message)
        else:
            return render(request, "accounts/sign_up_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_up.html", {"form": form})


@require_safe
def confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = get_user_model().objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not services.confirm_email(user, token):
        return render(request, "accounts/confirm_failed.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email address is confirmed. Welcome to Twinnings."))
    return redirect("accounts:home")


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=user_of(request)).select_related(
        "place__country", "organisation__place"
    )
    requests = VerificationRequest.objects.filter(user=user_of(request)).select_related("place__country")
    return render(request, "accounts/home.html", {"memberships": memberships, "verification_requests": requests})


@login_required
def verification_new(request: HttpRequest) -> HttpResponse:
    form = VerificationRequestForm(request.POST or None, initial={"place": request.GET.get("place")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_verification(user_of(request), data["place"], data["position"], data["evidence"])
        except Refused as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your request is sent. Staff will check it and answer by email."))
            return redirect("accounts:home")
    return render(request, "accounts/verification_new.html", {"form": form})


@require_safe
@login_required
def verification_list(request: HttpRequest) -> HttpResponse:
    if not is_staff(request.user):
        raise Http404
    pending = VerificationRequest.objects.filter(status=VerificationRequest.Status.PENDING)
    return render(
        request,
        "accounts/verification_list.html",
        {"requests": pending.select_related("place__country", "user").order_by("created_at"), "form": DecisionForm()},
    )


@require_POST
@login_required
def verification_decide(request: HttpRequest, pk: int) -> HttpResponse:
    verification = get_object_or_404(
        restrict(VerificationRequest.objects.all(), user_of(request), Action.VERIFY), pk=pk
    )
    form = DecisionForm(request.POST)
    if not form.is_valid() or not can(user_of(request), Action.VERIFY, verification):
        raise Http404
    try:
        services.decide_verification(
            user_of(request), verification, form.cleaned_data["decision"] == "approve", form.cleaned_data["note"]
        )
    except Refused as error:
        messages.error(request, error.message)
    return redirect("accounts:verifications")


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, initial={"place": request.GET.get("place")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = services.create_organisation(
            user_of(request), data["place"], data["name"], data["kind"], data["website"]
        )
        return redirect("accounts:organisation_members", pk=organisation.pk)
    return render(request, "accounts/organisation_new.html", {"form": form})


def _office(kind: str, pk: int) -> Place | Organisation:
    if kind == "place":
        return get_object_or_404(Place.objects.select_related("country"), pk=pk)
    return get_object_or_404(Organisation.objects.select_related("place"), pk=pk)


@login_required
def members(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    office = _office(kind, pk)
    if not can(user_of(request), Action.VIEW, office):
        raise Http404
    form = InvitationForm(request.POST or None)
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                user_of(request), office, form.cleaned_data["email"], form.cleaned_data["role"], _base_url(request)
            )
        except Refused as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect(request.path)
    place, organisation = (office, None) if isinstance(office, Place) else (None, office)
    context = {
        "office": office,
        "kind": kind,
        "memberships": Membership.objects.filter(place=place, organisation=organisation).select_related("user"),
        "invitations": Invitation.objects.filter(place=place, organisation=organisation, accepted_at__isnull=True),
        "form": form,
        "role_form": RoleForm(),
        "can_manage": can(user_of(request), Action.MANAGE, office),
    }
    return render(request, "accounts/members.html", context, status=status)


def _members_page(membership: Membership) -> HttpResponse:
    kind = "place" if membership.place_id else "organisation"
    return redirect(f"accounts:{kind}_members", pk=membership.office.pk)


@require_POST
@login_required
def membership_change(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(restrict(Membership.objects.all(), user_of(request), Action.MANAGE), pk=pk)
    form = RoleForm(request.POST)
    try:
        if request.POST.get("remove"):
            services.remove_member(user_of(request), membership)
        elif form.is_valid():
            services.change_role(user_of(request), membership, form.cleaned_data["role"])
    except Refused as error:
        messages.error(request, error.message)
    return _members_page(membership)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.find_invitation(token)
    if found is None:
        return render(request, "accounts/invitation.html", {"invitation": None}, status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.accept_invitation(user_of(request), token)
        except Refused as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You are now a member of %(office)s.") % {"office": membership.office})
            return redirect("accounts:home")
    return render(request, "accounts/invitation.html", {"invitation": found})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """Personal access tokens for the API: a new token's secret is shown once, on this response."""
    user = user_of(request)
    form = AccessTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = access_tokens.create(user, form.cleaned_data["name"], form.cleaned_data["scope"])
        form = AccessTokenForm()
    listed = AccessToken.objects.filter(user=user)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": listed, "secret": secret})


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    access_tokens.revoke(user, get_object_or_404(AccessToken, pk=pk, user=user))
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:tokens")
