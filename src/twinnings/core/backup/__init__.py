"""Backups of the whole site (database and attachments) and their restore: see services.py."""

from twinnings.core.backup.manifest import BackupError, Manifest
from twinnings.core.backup.services import Restored, create_backup, database_for, read_manifest, restore_backup

__all__ = ["BackupError", "Manifest", "Restored", "create_backup", "database_for", "read_manifest", "restore_backup"]
