"""Compile the UI translations (`locale/*/LC_MESSAGES/django.po` -> `.mo`) with Babel.

Django's `compilemessages` needs GNU gettext's `msgfmt`; Babel is already a dependency, so
installing Twinnings needs no system package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages import mofile, pofile
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class CatalogueError(Exception):
    pass


def catalogues(locale_dir: Path) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path: Path, *, use_fuzzy: bool = False) -> Path:
    """Write the `.mo` next to `po_path`; untranslated and (unless asked) fuzzy entries are left out.

    A translation whose placeholders differ from the original's is an error here rather than a
    `KeyError` when the page is rendered.
    """
    locale = po_path.parent.parent.name
    with po_path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=locale, abort_invalid=True)
    problems = [
        f"line {message.lineno}: {error}"
        for message, errors in catalog.check()
        if use_fuzzy or not message.fuzzy
        for error in errors
    ]
    if problems:
        raise CatalogueError("; ".join(problems))
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as handle:
        mofile.write_mo(handle, catalog, use_fuzzy=use_fuzzy)
    return mo_path


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/django.po of Twinnings to .mo (Babel, no gettext needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale-dir", default=str(settings.PACKAGE_DIR / "locale"), help="Default: the package's locale folder."
        )
        parser.add_argument("--use-fuzzy", action="store_true", help="Also compile entries marked fuzzy.")

    def handle(self, *args: Any, **options: Any) -> None:
        paths = catalogues(Path(options["locale_dir"]))
        for po_path in paths:
            try:
                mo_path = compile_catalogue(po_path, use_fuzzy=options["use_fuzzy"])
            except (CatalogueError, pofile.PoFileError, OSError) as error:
                raise CommandError(f"{po_path}: {error}") from error
            if options["verbosity"] >= 2:
                self.stdout.write(f"compiled {mo_path}")
        if options["verbosity"] >= 1 and paths:
            self.stdout.write(f"compiled {len(paths)} translation catalogue(s)")
