"""Fills a scratch database for the backup tests, in its own process:
`TWINNINGS_DATABASE_URL=… TWINNINGS_ATTACHMENTS_DIR=… python -m tests.core.backup_fill`.

Migrates, then adds the tiny gazetteer with twinnings, the demo workspace (users, memberships,
agreements through their lifecycle, history, audit) and two attachment files.
"""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.factories import make_place, make_tiny_gazetteer, make_twinning

    call_command("migrate", verbosity=0)
    g = make_tiny_gazetteer()
    make_twinning(g["cologne"], g["liverpool"])
    make_twinning(g["cologne"], g["lyon"], sources=("wikipedia-2026", "wikidata-2017"))
    make_twinning(g["krakow"], g["frankfurt"])
    make_place("Köln", "DE", geonames_id=2886242, latitude=50.93, longitude=6.95)
    make_place("Lyon", "FR", geonames_id=2996944, latitude=45.75, longitude=4.85)
    make_place("Volgograd", "RU", geonames_id=472757, latitude=48.7, longitude=44.5)
    call_command("demo", verbosity=0, stdout=StringIO())
    folder = Path(settings.ATTACHMENTS_DIR) / "agreements" / "1"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "minutes.pdf").write_bytes(b"%PDF-1.4 council minutes\n")
    (folder / "photo.png").write_bytes(bytes(range(256)))


if __name__ == "__main__":
    main()
