from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from twinnings.accounts import services
from twinnings.accounts.current import user_of
from twinnings.accounts.models import Invitation, Membership, Organisation, VerificationRequest
from twinnings.core.errors import Refused


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "place"]
    list_filter = ["kind"]
    search_fields = ["name"]
    raw_id_fields = ["place"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "place", "organisation", "created_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "place", "organisation"]
    search_fields = ["user__email", "place__name", "organisation__name"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "place", "organisation", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash", "invited_by", "accepted_by", "accepted_at"]
    raw_id_fields = ["place", "organisation"]


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    """Staff approve or reject with the actions, so the decision is audited like on the staff page."""

    list_display = ["place", "user", "position", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    readonly_fields = ["place", "user", "position", "evidence", "status", "decided_by", "decided_at"]
    actions = ["approve", "reject"]

    def _decide(self, request: HttpRequest, queryset: QuerySet[VerificationRequest], approve: bool) -> None:
        for verification in queryset:
            try:
                services.decide_verification(user_of(request), verification, approve)
            except Refused as error:
                self.message_user(request, f"{verification}: {error.message}", messages.ERROR)

    @admin.action(description="Approve the selected requests")
    def approve(self, request: HttpRequest, queryset: QuerySet[VerificationRequest]) -> None:
        self._decide(request, queryset, True)

    @admin.action(description="Reject the selected requests")
    def reject(self, request: HttpRequest, queryset: QuerySet[VerificationRequest]) -> None:
        self._decide(request, queryset, False)
