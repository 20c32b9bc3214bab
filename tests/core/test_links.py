from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from twinnings.core.links import reverse_one


@pytest.mark.parametrize(
    ("viewname", "value"), [("places:detail", 1), ("places:detail", 123456789), ("places:country", "FR")]
)
def test_links_are_those_reverse_gives(viewname: str, value: int | str) -> None:
    assert reverse_one(viewname, value) == reverse(viewname, args=[value])


def test_links_follow_the_script_prefix() -> None:
    set_script_prefix("/directory/")
    try:
        assert reverse_one("places:detail", 7) == "/directory/places/7/" == reverse("places:detail", args=[7])
    finally:
        clear_script_prefix()
    assert reverse_one("places:detail", 7) == "/places/7/"


def test_values_that_need_escaping_go_through_reverse() -> None:
    assert reverse_one("places:country", "a b") == reverse("places:country", args=["a b"]) == "/countries/a%20b/"
    with pytest.raises(NoReverseMatch):
        reverse_one("places:detail", None)
