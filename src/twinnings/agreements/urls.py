from django.urls import path

from twinnings.agreements.views import documents, editing, lifecycle, pages

app_name = "agreements"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("agreements/new/", editing.create, name="create"),
    path("agreements/<int:pk>/", pages.detail, name="detail"),
    path("agreements/<int:pk>/edit/", editing.edit, name="edit"),
    path("agreements/<int:pk>/clauses/", editing.clauses, name="clauses"),
    path("agreements/<int:pk>/programme/", editing.programme, name="programme"),
    path("agreements/<int:pk>/remove/", editing.remove, name="remove"),
    path("agreements/<int:pk>/events/<slug:event>/", lifecycle.transition, name="transition"),
    path("agreements/<int:pk>/approve/", lifecycle.approve, name="approve"),
    path("agreements/<int:pk>/sign/", lifecycle.sign, name="sign"),
    path("agreements/<int:pk>/history/", pages.history, name="history"),
    path("agreements/<int:pk>/versions/<int:number>/", pages.version, name="version"),
    path("agreements/<int:pk>/compare/", pages.compare, name="compare"),
    path("agreements/<int:pk>/versions/<int:number>/pdf/", documents.pdf, name="pdf"),
    path("agreements/<int:pk>/attachments/", documents.upload, name="attach"),
    path("agreements/<int:pk>/attachments/<int:attachment_id>/", documents.download, name="attachment"),
]
