import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import TinyGazetteer


def test_evaluate_prints_every_method_in_the_json_shape(tiny_registry: TinyGazetteer) -> None:
    out = StringIO()
    call_command("evaluate", "--fraction", "0.5", "--json", "--bootstrap", "10", stdout=out)
    body = json.loads(out.getvalue())
    assert set(body) == {"split", "methods"}
    assert body["split"] == "random"
    assert "twinnings" in body["methods"] and "personalised_pagerank" in body["methods"]
    assert set(body["methods"]["gravity"]) == {"hits@1", "hits@10", "hits@50", "mrr"}


def test_evaluate_prints_a_table_with_intervals(tiny_registry: TinyGazetteer) -> None:
    out = StringIO()
    call_command(
        "evaluate", "--split", "cold", "--fraction", "0.3", "--methods", "twinnings,distance", "--bootstrap", "10",
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    text = out.getvalue()
    assert "split: cold" in text
    assert "twinnings" in text and "distance" in text and "[" in text


def test_evaluate_a_holdout_file(tiny_registry: TinyGazetteer, tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("name_a,country_a,name_b,country_b\nLyon,FR,Kraków,PL\nAtlantis,XX,Lyon,FR\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("evaluate", "--holdout", str(path), "--json", "--bootstrap", "10", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["split"] == "holdout"
    assert "pairs.csv:3" in err.getvalue()


def test_evaluate_refuses_a_bad_holdout_header(tiny_registry: TinyGazetteer, tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="expected the header"):
        call_command("evaluate", "--holdout", str(path), stdout=StringIO())
