from django.contrib import admin

from twinnings.agreements.models import Agreement, AgreementVersion, Approval, Party, Signature


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    raw_id_fields = ["place"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """Read mostly: changes go through the workspace, whose services check the rules and audit them."""

    list_display = ["title", "owner", "status", "amendment_stage", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["owner", "current_version", "signed_version", "created_by"]
    readonly_fields = ["status", "amendment_stage", "revision", "current_version", "signed_version", "published_at"]
    inlines = [PartyInline]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "hash", "created_at"]
    readonly_fields = ["agreement", "number", "content", "hash", "created_by", "created_at"]


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ["version", "party", "resolution_reference", "resolution_date"]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["version", "party", "signer_name", "signed_at", "version_hash"]
