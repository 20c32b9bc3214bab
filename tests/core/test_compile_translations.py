from __future__ import annotations

import gettext
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Twinnings"
msgstr "Jumelages"

msgid "%(count)s twin town"
msgid_plural "%(count)s twin towns"
msgstr[0] "%(count)s ville jumelle"
msgstr[1] "%(count)s villes jumelles"

#, fuzzy
msgid "Sister city"
msgstr "Ville sœur"

msgid "Untranslated"
msgstr ""
"""


def write_po(locale_dir: Path, language: str, text: str = PO) -> Path:
    path = locale_dir / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def compile_in(locale_dir: Path, *args: str) -> str:
    out = StringIO()
    call_command("compile_translations", "--locale-dir", str(locale_dir), *args, stdout=out)
    return out.getvalue()


def load_mo(po_path: Path) -> gettext.GNUTranslations:
    with po_path.with_suffix(".mo").open("rb") as handle:
        return gettext.GNUTranslations(handle)


def test_every_catalogue_is_compiled_next_to_its_po_file(tmp_path: Path) -> None:
    fr = write_po(tmp_path, "fr")
    de = write_po(tmp_path, "de", PO.replace("Jumelages", "Partnerschaften"))
    assert "compiled 2 translation catalogue(s)" in compile_in(tmp_path)
    assert load_mo(fr).gettext("Twinnings") == "Jumelages"
    assert load_mo(de).gettext("Twinnings") == "Partnerschaften"
    assert load_mo(fr).ngettext("%(count)s twin town", "%(count)s twin towns", 3) == "%(count)s villes jumelles"


def test_fuzzy_and_untranslated_entries_fall_back_to_the_source_text(tmp_path: Path) -> None:
    fr = write_po(tmp_path, "fr")
    compile_in(tmp_path)
    assert load_mo(fr).gettext("Sister city") == "Sister city"
    assert load_mo(fr).gettext("Untranslated") == "Untranslated"
    compile_in(tmp_path, "--use-fuzzy")
    assert load_mo(fr).gettext("Sister city") == "Ville sœur"


def test_no_catalogues_is_not_an_error_and_writes_nothing(tmp_path: Path) -> None:
    assert compile_in(tmp_path / "missing") == ""
    assert not (tmp_path / "missing").exists()


def test_a_broken_catalogue_is_reported_with_its_path(tmp_path: Path) -> None:
    write_po(tmp_path, "pl", 'msgid "Twinnings"\nmsgstr "Partnerstwa"\nnot a keyword\n')
    with pytest.raises(CommandError, match=r"pl/LC_MESSAGES/django\.po"):
        compile_in(tmp_path)


def test_a_translation_with_other_placeholders_is_refused(tmp_path: Path) -> None:
    write_po(tmp_path, "fr", 'msgid "%(count)s towns"\nmsgstr "%(nombre)s villes"\n')
    with pytest.raises(CommandError, match="unknown named placeholder 'nombre'"):
        compile_in(tmp_path)
    assert not (tmp_path / "fr" / "LC_MESSAGES" / "django.mo").exists()


def test_a_fuzzy_entry_with_other_placeholders_is_left_out_not_refused(tmp_path: Path) -> None:
    fr = write_po(tmp_path, "fr", '#, fuzzy\nmsgid "%(count)s towns"\nmsgstr "%(nombre)s villes"\n')
    compile_in(tmp_path)
    assert load_mo(fr).gettext("%(count)s towns") == "%(count)s towns"
