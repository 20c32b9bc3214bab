from django.contrib import admin

from twinnings.partners.models import Conversation, Message, PartnerNotice


@admin.register(PartnerNotice)
class PartnerNoticeAdmin(admin.ModelAdmin):
    """Read mostly: offices publish, edit and withdraw notices on the site, whose services audit them."""

    list_display = ["title", "place", "status", "valid_until", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "place__name"]
    raw_id_fields = ["place", "created_by"]
    readonly_fields = ["status", "withdrawn_at"]


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    raw_id_fields = ["place", "author"]
    readonly_fields = ["created_at"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ["notice", "place", "agreement", "last_message_at"]
    raw_id_fields = ["notice", "place", "agreement", "started_by"]
    inlines = [MessageInline]
