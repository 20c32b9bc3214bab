from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "twinnings.audit"
    verbose_name = "Audit log"
