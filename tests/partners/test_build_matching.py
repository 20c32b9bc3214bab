from io import StringIO
from pathlib import Path

from django.core.management import call_command

from tests.factories import TinyGazetteer, make_twinning
from twinnings.partners import services


def test_build_writes_the_model_under_var(tiny_registry: TinyGazetteer, model_dir: Path) -> None:
    out = StringIO()
    call_command("build_matching", stdout=out)
    assert (model_dir / "model.npz").is_file()
    assert "5 twinnings" in out.getvalue()
    model = services.load(model_dir / "model.npz")
    assert model.version == services.data_version()
    assert model.ranker.places.names == services.load_places().names


def test_the_model_is_rebuilt_when_the_registry_changes(tiny_registry: TinyGazetteer, model_dir: Path) -> None:
    first = services.current()
    assert len(first.ranker.stats.graph.edges) == 5
    make_twinning(tiny_registry["tokyo"], tiny_registry["paris"])
    services.forget()  # as after CHECK_EVERY seconds
    second = services.current()
    assert second.version != first.version
    assert len(second.ranker.stats.graph.edges) == 6
    assert services.load(model_dir / "model.npz").version == second.version
