"""The Cologne–Lyon agreement in force, with a student exchange held in Lyon."""

from __future__ import annotations

from datetime import date

import pytest

from tests.agreements.conftest import active, approved, draft, proposed  # noqa: F401 (fixtures)
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import ActivityData, create_activity


def exchange_data(people: People, **changes: object) -> ActivityData:
    data = ActivityData(
        area="education",
        type="student_exchange",
        title="Pupils of Köln in Lyon",
        start_date=date(2026, 6, 8),
        end_date=date(2026, 6, 15),
        host_place=people.away,
        venue="Lycée Ampère",
        status="held",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


@pytest.fixture
def exchange(active: Agreement, people: People) -> Activity:  # noqa: F811
    return create_activity(people.officer, active, exchange_data(people))


from tests.programme.reporting import programme  # noqa: E402, F401 (fixture of the report tests)
