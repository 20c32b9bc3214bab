"""The `twinnings` console command: Django management with the project's settings.

Command names may be written with hyphens (`twinnings import-gazetteer`); they are
mapped to Django's module names (`import_gazetteer`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
