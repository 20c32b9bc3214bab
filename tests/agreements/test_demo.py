from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_place
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement
from twinnings.registry.models import Twinning

pytestmark = pytest.mark.django_db


def demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_loads_once_and_prints_logins() -> None:
    make_place("Köln", "DE", geonames_id=2886242, latitude=50.93, longitude=6.95)
    make_place("Lyon", "FR", geonames_id=2996944, latitude=45.75, longitude=4.85)
    make_place("Volgograd", "RU", geonames_id=472757, latitude=48.7, longitude=44.5)
    first = demo()
    assert "koeln@demo.twinnings.example" in first and "twinnings-demo" in first
    main, suspended = Agreement.objects.order_by("pk")
    assert (main.status, main.amendment_stage) == (Status.ACTIVE, Status.NEGOTIATING)
    assert main.versions.count() == 2 and main.signed_version is not None
    assert suspended.status == Status.SUSPENDED
    assert sorted(Twinning.objects.values_list("status", flat=True)) == ["active", "suspended"]
    assert "nothing changed" in demo()
    assert Agreement.objects.count() == 2


def test_the_demo_needs_the_gazetteer() -> None:
    with pytest.raises(CommandError, match="run `twinnings bootstrap` first"):
        demo()
