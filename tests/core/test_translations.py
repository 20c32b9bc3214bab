"""The UI catalogues (fr, de, es, it, pl) are complete, keep their placeholders, and reach the pages."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages import pofile
from babel.messages.catalog import Catalog, Message
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django.fixtures import Settings

from tests.factories import TinyGazetteer

LOCALE_DIR = Path(settings.PACKAGE_DIR) / "locale"
TRANSLATED = ("fr", "de", "es", "it", "pl")

# The home page's headline, as each catalogue words it.
HEADLINES = {
    "fr": "Les villes jumelées du monde, en accès libre",
    "de": "Die Partnerstädte der Welt – offen für alle",
    "es": "Las ciudades hermanadas del mundo, en abierto",
    "it": "Le città gemellate del mondo, a libero accesso",
    "pl": "Miasta partnerskie świata – w otwartym dostępie",
}
# The name each catalogue gives the main navigation's twinnings link.
TWINNINGS = {
    "fr": "Jumelages",
    "de": "Städtepartnerschaften",
    "es": "Hermanamientos",
    "it": "Gemellaggi",
    "pl": "Partnerstwa miast",
}

PLACEHOLDER = re.compile(
    r"%%"  # a literal percent sign
    r"|%(?:\(\w+\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"  # printf style: %(name)s, %s, %(value).2f
    r"|\{\w*(?:![rsa])?(?::[^{}]*)?\}"  # str.format style: {count}, {}
)
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def read_catalogue(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return pofile.read_po(handle, abort_invalid=True)  # language and plural forms from the header


def messages(language: str) -> list[Message]:
    return [message for message in read_catalogue(language) if message.id]


def forms(message: Message) -> tuple[str, ...]:
    strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
    return tuple(str(s or "") for s in strings)


def originals(message: Message) -> tuple[str, ...]:
    ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
    return tuple(str(i) for i in ids)


def tokens(pattern: re.Pattern[str], text: str) -> Counter[str]:
    return Counter(pattern.findall(text))


def test_every_ui_language_but_english_has_a_catalogue() -> None:
    languages = {code for code, _ in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert languages == set(TRANSLATED)
    for language in TRANSLATED:
        assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogues_translate_the_same_messages(language: str) -> None:
    assert {message.id for message in messages(language)} == {message.id for message in messages("fr")}
    assert len(messages(language)) > 100


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language: str) -> None:
    catalogue = read_catalogue(language)
    assert not catalogue.fuzzy, "the header is marked fuzzy"
    assert str(catalogue.locale) == language, "the header's Language"
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    untranslated = [message.id for message in catalogue if message.id and not all(s.strip() for s in forms(message))]
    assert fuzzy == []
    assert untranslated == []
    assert [message.id for message in catalogue.obsolete.values()] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_entries_have_every_form_of_the_language(language: str) -> None:
    catalogue = read_catalogue(language)
    plurals = [message for message in catalogue if message.pluralizable]
    assert plurals, "the catalogue has plural entries"
    for message in plurals:
        assert len(forms(message)) == catalogue.num_plurals, message.id
    assert [(message.id, errors) for message, errors in catalogue.check()] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_markup_are_kept(language: str) -> None:
    for message in messages(language):
        sources = originals(message)
        expected = tokens(PLACEHOLDER, sources[-1])
        assert all(tokens(PLACEHOLDER, source).keys() <= expected.keys() for source in sources), message.id
        for form in forms(message):
            assert tokens(PLACEHOLDER, form) == expected, (message.id, form)
            assert tokens(HTML_TAG, form) == tokens(HTML_TAG, sources[-1]), (message.id, form)


@pytest.fixture
def compiled_locale(tmp_path: Path, settings: Settings) -> Iterator[Path]:
    """The repository's catalogues compiled afresh into a temporary folder that the site then reads."""
    locale_dir = tmp_path / "locale"
    for language in TRANSLATED:
        target = locale_dir / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(LOCALE_DIR / language / "LC_MESSAGES" / "django.po", target / "django.po")
    call_command("compile_translations", "--locale-dir", str(locale_dir), verbosity=0)
    settings.LOCALE_PATHS = [locale_dir]  # resets Django's loaded translations
    cache.clear()
    yield locale_dir
    cache.clear()


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 partnerstwo"),
        (2, "2 partnerstwa"),
        (4, "4 partnerstwa"),
        (5, "5 partnerstw"),
        (12, "12 partnerstw"),
        (22, "22 partnerstwa"),
        (25, "25 partnerstw"),
        (101, "101 partnerstw"),
    ],
)
def test_polish_counts_take_the_form_of_their_number(compiled_locale: Path, count: int, expected: str) -> None:
    with translation.override("pl"):
        text = translation.ngettext("%(counter)s twinning", "%(counter)s twinnings", count)
    assert text % {"counter": count} == expected


@pytest.mark.parametrize(("language", "count", "expected"), [("fr", 0, "0 jumelage"), ("fr", 2, "2 jumelages")])
def test_french_counts_zero_in_the_singular(compiled_locale: Path, language: str, count: int, expected: str) -> None:
    with translation.override(language):
        text = translation.ngettext("%(counter)s twinning", "%(counter)s twinnings", count)
    assert text % {"counter": count} == expected


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("chosen_by", ["accept-language", "cookie"])
def test_home_page_speaks_the_chosen_language(
    client: Client, tiny_registry: TinyGazetteer, compiled_locale: Path, language: str, chosen_by: str
) -> None:
    if chosen_by == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(reverse("places:home"))
    else:
        response = client.get(reverse("places:home"), HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert HEADLINES[language] in html
    assert f">{TWINNINGS[language]}</a>" in html
    assert "The world's twin towns, in the open" not in html
    assert "Skip to content" not in html
    assert "Cologne" in html  # place names are data and stay as they are


def test_english_stays_the_default(client: Client, tiny_registry: TinyGazetteer, compiled_locale: Path) -> None:
    html = client.get(reverse("places:home")).content.decode()
    assert '<html lang="en"' in html
    assert "The world's twin towns, in the open" in html
