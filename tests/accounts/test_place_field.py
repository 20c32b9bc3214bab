"""Place fields take a name in any language or script, or an id; ambiguity lists the candidates."""

from __future__ import annotations

import pytest
from django import forms

from tests.factories import TinyGazetteer, make_place
from twinnings.accounts.forms import PlaceField, place_label


@pytest.fixture
def field() -> PlaceField:
    return PlaceField(label="Place")


@pytest.mark.parametrize("typed", ["{id}", " #{id} ", "Lyon, France (#{id})", "Lyon", "lyon", "Lyons"])
def test_a_place_by_id_label_or_name(field: PlaceField, tiny_gazetteer: TinyGazetteer, typed: str) -> None:
    lyon = tiny_gazetteer["lyon"]
    assert field.clean(typed.format(id=lyon.pk)) == lyon


def test_a_name_in_another_script(field: PlaceField, tiny_gazetteer: TinyGazetteer) -> None:
    assert field.clean("Кёльн") == tiny_gazetteer["cologne"]


def test_an_ambiguous_name_lists_the_candidates_with_their_ids(
    field: PlaceField, tiny_gazetteer: TinyGazetteer
) -> None:
    other = make_place("Lyon", "US", latitude=41.0, longitude=-75.0, population=900)
    with pytest.raises(forms.ValidationError) as error:
        field.clean("Lyon")
    message = error.value.messages[0]
    assert place_label(tiny_gazetteer["lyon"]) in message and f"(#{other.pk})" in message
    assert field.clean(f"#{other.pk}") == other


@pytest.mark.parametrize(
    ("typed", "message"), [("99999999", "No place has the id 99999999"), ("Xyzzyville", "No place found")]
)
def test_unknown_places_are_clear_errors(
    field: PlaceField, tiny_gazetteer: TinyGazetteer, typed: str, message: str
) -> None:
    with pytest.raises(forms.ValidationError, match=message):
        field.clean(typed)


def test_the_label_of_a_chosen_place_is_shown_back(field: PlaceField, tiny_gazetteer: TinyGazetteer) -> None:
    lyon = tiny_gazetteer["lyon"]
    assert field.prepare_value(lyon) == f"Lyon, France (#{lyon.pk})"
