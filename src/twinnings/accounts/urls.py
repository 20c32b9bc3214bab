from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from twinnings.accounts import views
from twinnings.accounts.forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("confirm/<str:uidb64>/<str:token>/", views.confirm, name="confirm"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="accounts/email/password_reset.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("", views.home, name="home"),
    path("verification/", views.verification_new, name="verification_new"),
    path("verifications/", views.verification_list, name="verifications"),
    path("verifications/<int:pk>/decide/", views.verification_decide, name="verification_decide"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("places/<int:pk>/members/", views.members, {"kind": "place"}, name="place_members"),
    path("organisations/<int:pk>/members/", views.members, {"kind": "organisation"}, name="organisation_members"),
    path("memberships/<int:pk>/", views.membership_change, name="membership_change"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
