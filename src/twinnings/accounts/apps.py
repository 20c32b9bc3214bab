from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "twinnings.accounts"
    verbose_name = "Accounts and organisations"
