import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import TinyGazetteer


def test_recommend_by_name_prints_json(tiny_registry: TinyGazetteer) -> None:
    out = StringIO()
    call_command("recommend", "Köln", "--json", "--limit", "3", stdout=out)
    body = json.loads(out.getvalue())
    assert body["place"]["name"] == "Cologne"
    assert len(body["recommendations"]) == 3
    assert all(item["reasons"] for item in body["recommendations"])


def test_recommend_by_id_and_country(tiny_registry: TinyGazetteer) -> None:
    out = StringIO()
    call_command("recommend", str(tiny_registry["perth_au"].pk), "--country", "GB", stdout=out)
    assert "Partners for Perth (AU)" in out.getvalue()
    assert "(GB)" in out.getvalue()
    out = StringIO()
    call_command("recommend", "Perth, GB", stdout=out)
    assert "Partners for Perth (GB)" in out.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Atlantis"], "No place named"),
        (["99999999"], "No place with id"),
        (["Lyon", "--min-population", "10", "--max-population", "1"], "larger than the maximum"),
    ],
)
def test_bad_input_is_a_clear_error(tiny_registry: TinyGazetteer, args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("recommend", *args, stdout=StringIO())
