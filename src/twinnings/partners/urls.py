from django.urls import path

from twinnings.partners.views import conversations, finder, notices

app_name = "partners"

urlpatterns = [
    path("places/<int:pk>/partners/", finder.find, name="find"),
    path("places/<int:pk>/partners/consortium/", finder.consortium, name="consortium"),
    path("notices/", notices.board, name="board"),
    path("notices/new/", notices.create, name="notice_create"),
    path("notices/mine/", notices.mine, name="mine"),
    path("notices/<int:pk>/", notices.detail, name="notice"),
    path("notices/<int:pk>/edit/", notices.edit, name="notice_edit"),
    path("notices/<int:pk>/withdraw/", notices.withdraw, name="notice_withdraw"),
    path("notices/<int:pk>/interest/", notices.interest, name="interest"),
    path("conversations/", conversations.inbox, name="inbox"),
    path("conversations/<int:pk>/", conversations.conversation, name="conversation"),
    path("conversations/<int:pk>/agreement/", conversations.start_agreement, name="start_agreement"),
]
