"""SQL queries per workspace page, for the owner's administrator, on a busy agreement with two and
with six parties, clauses, organisations, activities, budget lines and indicators (the agreement
built by tests/programme/busy.py, the pages and budgets of tests/*/test_page_queries.py). Each
page also lists the statements it sent more than once.

Runs in a throw-away test database (in memory for SQLite; `test_…` on PostgreSQL when
TWINNINGS_DATABASE_URL names a server). Prints the counts; asserts nothing (the tests do).

    env -u TWINNINGS_DATABASE_URL .venv/bin/python bench/bench_page_queries.py [--repeats]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", action="store_true", help="print the statements sent more than once")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twinnings.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        report(options.repeats)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def report(repeats: bool) -> None:
    from django.urls import reverse
    from tests.agreements.test_page_queries import PAGES as AGREEMENT_PAGES
    from tests.factories import make_tiny_gazetteer
    from tests.programme.busy import busy_agreement, page_queries
    from tests.programme.clients import client_for
    from tests.programme.test_page_queries import PAGES as PROGRAMME_PAGES
    from tests.workspace import People, make_user, make_verified_officer

    g = make_tiny_gazetteer()
    people = People(
        officer=make_verified_officer(g["cologne"], "officer@koeln.example"),
        partner=make_verified_officer(g["lyon"], "partner@lyon.example"),
        outsider=make_verified_officer(g["paris"], "outsider@paris.example"),
        staff=make_user("staff@twinnings.example", staff=True),
        home=g["cologne"],
        away=g["lyon"],
        elsewhere=g["paris"],
    )
    small, small_activities = busy_agreement(people, g, 2)
    busy, busy_activities = busy_agreement(people, g, 6)
    client = client_for(people, "officer")
    pages = {
        **{name: (url(small), url(busy)) for name, (url, _) in AGREEMENT_PAGES.items()},
        **{
            name: (url(small, small_activities[0]), url(busy, busy_activities[0]))
            for name, (url, _) in PROGRAMME_PAGES.items()
        },
    }
    single = {
        "dashboard": reverse("agreements:dashboard"),
        "place dashboard": reverse("programme:place-dashboard", args=[people.home.pk]),
        "place calendar": reverse("programme:place-calendar", args=[people.home.pk]),
    }
    print(f"{'page':<18}{'n=2':>6}{'n=6':>6}")
    for name, (few_url, many_url) in pages.items():
        few, many = page_queries(client, few_url), page_queries(client, many_url)
        print(f"{name:<18}{len(few):>6}{len(many):>6}")
        if repeats:
            print_repeats(many)
    for name, url in single.items():
        queries = page_queries(client, url)
        print(f"{name:<18}{'':>6}{len(queries):>6}")
        if repeats:
            print_repeats(queries)


def print_repeats(queries: list[str]) -> None:
    for sql, count in Counter(queries).most_common():
        if count > 1:
            print(f"    x{count} {sql[:150]}")


if __name__ == "__main__":
    main()
