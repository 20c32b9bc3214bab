"""Writing agreements: starting one, its terms, its bilingual clauses, and its programme
(responsibilities, commitments, resources, organisations). A stale form is answered 409 with
the user's input kept on the page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinnings.accounts.current import user_of
from twinnings.accounts.models import Organisation
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements import services
from twinnings.agreements.forms import (
    ClauseForm,
    CommitmentForm,
    CreateForm,
    OrganisationLinkForm,
    RemoveForm,
    ResourceForm,
    ResponsibilitiesForm,
    TermsForm,
)
from twinnings.agreements.models import Agreement
from twinnings.agreements.views.common import refused, visible_agreement
from twinnings.core.errors import Refused
from twinnings.places.models import Place


@login_required
def create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    owners = restrict(Place.objects.select_related("country"), user, Action.EDIT)
    form = CreateForm(request.POST or None, owners=owners, initial={"partner": request.GET.get("partner")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.create_agreement(
                user, data["owner"], [data["partner"]], data["title"], data["languages"]
            )
        except Refused as error:
            form.add_error(None, error.message)
        else:
            return redirect(agreement)
    return render(request, "agreements/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    form = TermsForm.for_agreement(agreement, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        revision = data.pop("revision")
        try:
            services.update_terms(user_of(request), agreement, revision, **data)
        except Refused as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(request, _("Saved."))
            return redirect(agreement)
    return render(request, "agreements/edit.html", {"agreement": agreement, "form": form}, status=status)


def _clause_forms(agreement: Agreement) -> list[ClauseForm]:
    forms = []
    for clause in agreement.clauses.all():
        initial = {f"text_{code}": clause.text(code) for code in agreement.languages}
        forms.append(
            ClauseForm(
                languages=agreement.languages,
                initial={**initial, "clause": clause.pk, "revision": agreement.revision},
                prefix=f"c{clause.pk}",
            )
        )
    return forms


@login_required
def clauses(request: HttpRequest, pk: int) -> HttpResponse:
    """The clauses side by side, one column per language; each clause is saved on its own."""
    agreement = visible_agreement(request, pk)
    new = ClauseForm(languages=agreement.languages, initial={"revision": agreement.revision}, prefix="new")
    forms = _clause_forms(agreement)
    status = 200
    if request.method == "POST":
        prefix = request.POST.get("prefix", "new")
        posted = ClauseForm(request.POST, languages=agreement.languages, prefix=prefix)
        if posted.is_valid():
            try:
                services.save_clause(
                    user_of(request),
                    agreement,
                    posted.cleaned_data["revision"],
                    posted.texts(),
                    posted.cleaned_data["clause"],
                )
            except Refused as error:
                posted.add_error(None, error.message)
                status = error.status
            else:
                return redirect("agreements:clauses", pk=agreement.pk)
        if prefix == "new":
            new = posted
        else:
            forms = [posted if f.prefix == prefix else f for f in forms]
        status = status if status != 200 else 400
    return render(
        request, "agreements/clauses.html", {"agreement": agreement, "forms": forms, "new": new}, status=status
    )


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """Each party's responsibilities, commitments, resources and associated organisations."""
    agreement = visible_agreement(request, pk)
    user = user_of(request)
    forms = {
        "responsibilities": ResponsibilitiesForm,
        "commitment": CommitmentForm,
        "resource": ResourceForm,
        "organisation": OrganisationLinkForm,
    }
    kind = request.POST.get("form", "") if request.method == "POST" else ""
    bound = None
    status = 200
    if kind in forms:
        form_class = forms[kind]
        bound = (
            form_class(request.POST, agreement=agreement)
            if kind in ("commitment", "resource")
            else form_class(request.POST)
        )
        if bound.is_valid():
            try:
                _apply(user, agreement, kind, bound.cleaned_data)
            except Refused as error:
                bound.add_error(None, error.message)
                status = error.status
            else:
                return redirect("agreements:programme", pk=agreement.pk)
        status = status if status != 200 else 400
    initial = {"revision": agreement.revision}
    context = {
        "agreement": agreement,
        "parties": agreement.parties.select_related("place"),
        "commitments": agreement.commitments.select_related("party__place"),
        "resources": agreement.resources.select_related("party__place"),
        "organisations": agreement.organisations.select_related("organisation"),
        "commitment_form": bound if kind == "commitment" else CommitmentForm(agreement=agreement, initial=initial),
        "resource_form": bound if kind == "resource" else ResourceForm(agreement=agreement, initial=initial),
        "organisation_form": bound if kind == "organisation" else OrganisationLinkForm(initial=initial),
        "error_form": bound if kind == "responsibilities" else None,
    }
    return render(request, "agreements/programme.html", context, status=status)


def _apply(user: User, agreement: Agreement, kind: str, data: dict[str, Any]) -> None:
    revision: int = data["revision"]
    if kind == "responsibilities":
        services.set_responsibilities(user, agreement, revision, data["party"], data["responsibilities"])
    elif kind == "commitment":
        services.add_commitment(user, agreement, revision, data["party"], data["description"], data["due"])
    elif kind == "resource":
        services.add_resource(
            user, agreement, revision, data["party"], data["year"], data["amount"], data["currency"], data["in_kind"]
        )
    else:
        organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        if organisation is None:
            raise Refused(_("There is no organisation with this number."))
        services.link_organisation(user, agreement, revision, organisation, data["role"])


@require_POST
@login_required
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = visible_agreement(request, pk)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return refused(request, Refused(_("Nothing to remove.")), agreement)
    data = form.cleaned_data
    try:
        if data["kind"] == "clause":
            services.delete_clause(user_of(request), agreement, data["revision"], data["item"])
        else:
            services.remove_item(user_of(request), agreement, data["revision"], data["kind"], data["item"])
    except Refused as error:
        return refused(request, error, agreement)
    page = "agreements:clauses" if data["kind"] == "clause" else "agreements:programme"
    return redirect(page, pk=agreement.pk)
