"""Finding the place a command-line user means: an id, or a name with an optional country."""

from __future__ import annotations

from twinnings.core.text import name_key
from twinnings.places.models import Place, PlaceName


class PlaceNotFound(LookupError):
    pass


def find_place(text: str) -> Place:
    """`"123"` (id), `"Lublin"` or `"Lublin, PL"`: the most twinned, then most populous match."""
    text = text.strip()
    if text.isdigit():
        place = Place.objects.select_related("country").filter(pk=int(text)).first()
        if place is None:
            raise PlaceNotFound(f"No place with id {text}")
        return place
    name, _, country = text.rpartition(",") if "," in text else (text, "", "")
    name, country = name.strip(), country.strip().upper()
    ids = PlaceName.objects.filter(key=name_key(name)).values("place_id")
    places = Place.objects.select_related("country").filter(pk__in=ids)
    if country:
        places = places.filter(country_id=country)
    place = places.order_by("-twin_count", "-population", "id").first()
    if place is None:
        raise PlaceNotFound(f"No place named {text!r}")
    return place
