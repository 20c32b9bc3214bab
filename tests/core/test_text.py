import pytest

from twinnings.core.text import MAX_KEY_LENGTH, drop_qualifiers, fold, name_key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Bérat", "berat"),
        ("Łódź", "lodz"),
        ("KÖLN", "koln"),
        ("Straße", "strasse"),
        ("São Paulo", "sao paulo"),
        ("Ærø", "aero"),
        ("Đà Nẵng", "da nang"),
        ("Hà Nội", "ha noi"),
        ("Tōkyō", "tokyo"),
        ("Reykjavík", "reykjavik"),
        ("þórshöfn", "thorshofn"),
        ("İstanbul", "istanbul"),
        ("Diyarbakır", "diyarbakir"),
    ],
)
def test_diacritics_and_special_letters_are_folded_to_plain_letters(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize("letter", ["Þ", "Ð", "Ħ", "Ŀ", "Ł", "Ø", "Æ", "Œ", "Đ"])
def test_capital_special_letters_fold_like_their_lower_case(letter: str) -> None:
    assert name_key(letter + "x") == name_key(letter.lower() + "x")


def test_fold_keeps_punctuation_while_name_key_collapses_it() -> None:
    assert fold("Saint-Étienne") == "saint-etienne"
    assert name_key("Saint-Étienne") == "saint etienne"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("'s-Hertogenbosch", "s hertogenbosch"),
        ("St. Gallen", "st gallen"),
        ("Frankfurt (Oder)", "frankfurt oder"),
        ("Nienburg/Weser", "nienburg weser"),
        ("Tel Aviv–Yafo", "tel aviv yafo"),
        ("Kraków,  Lesser Poland", "krakow lesser poland"),
        ("ʻAlofi", "alofi"),
        ("  Lyon \t", "lyon"),
    ],
)
def test_punctuation_and_spacing_collapse_to_single_spaces(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize("written", ["Москва", "東京", "서울", "القاهرة", "Αθηνα", "תל אביב"])
def test_non_latin_scripts_are_kept_not_transliterated(written: str) -> None:
    key = name_key(written)
    assert key == written.casefold()


def test_greek_and_cyrillic_accents_are_folded() -> None:
    assert name_key("Αθήνα") == "αθηνα"
    assert name_key("Кёльн") == name_key("Кельн")


@pytest.mark.parametrize("written", ["नई दिल्ली", "กรุงเทพมหานคร", "கோயம்புத்தூர்"])
def test_vowel_signs_of_indic_and_thai_scripts_are_kept(written: str) -> None:
    """In these scripts the combining marks are vowels, not accents: dropping them changes the word."""
    assert name_key(written) == written


def test_fullwidth_letters_match_ascii() -> None:
    assert name_key("ＴＯＫＹＯ") == "tokyo"


def test_apostrophe_variants_give_the_same_key() -> None:
    assert {name_key(n) for n in ["L'Aquila", "L’Aquila", "L`Aquila", "Lʼ Aquila"]} == {"l aquila"}


@pytest.mark.parametrize("written", ["", "   ", "...", "()", "–"])
def test_names_without_letters_have_an_empty_key(written: str) -> None:
    assert name_key(written) == ""


def test_keys_are_capped_at_the_column_length() -> None:
    assert len(name_key("x" * 10_000)) == MAX_KEY_LENGTH


@pytest.mark.parametrize("written", ["Łódź", "Frankfurt (Oder)", "東京", "Þórshöfn", "नई दिल्ली", "İstanbul"])
def test_name_key_is_idempotent(written: str) -> None:
    assert name_key(name_key(written)) == name_key(written)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Nienburg (Weser)", "Nienburg"),
        ("Georgia (country)", "Georgia"),
        ("Córdoba [Spain]", "Córdoba"),
        ("Halle (Saale) Stadt", "Halle Stadt"),
        ("Lyon", "Lyon"),
    ],
)
def test_drop_qualifiers_removes_bracketed_parts(written: str, expected: str) -> None:
    assert drop_qualifiers(written) == expected
