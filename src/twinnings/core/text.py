"""Name normalisation shared by search and entity resolution (pure, no Django)."""

import re
import unicodedata

_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "ß": "ss",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
        "ŀ": "l",
        "’": "'",
        "‘": "'",
        "`": "'",
        "ʻ": "'",
        "ʼ": "'",
    }
)
_PARENS = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*")
# Combining marks are dropped, except in scripts where they carry meaning beyond accents.
_KEEP_MARKS = (
    "DEVANAGARI",
    "BENGALI",
    "TAMIL",
    "TELUGU",
    "KANNADA",
    "MALAYALAM",
    "THAI",
    "GURMUKHI",
    "GUJARATI",
    "SINHALA",
    "KHMER",
    "MYANMAR",
    "TIBETAN",
    "ORIYA",
    "LAO",
)

MAX_KEY_LENGTH = 200


def _strip_mark(ch: str) -> bool:
    if not unicodedata.combining(ch):
        return False
    name = unicodedata.name(ch, "")
    return not any(script in name for script in _KEEP_MARKS)


def fold(text: str) -> str:
    """Casefold and strip diacritics: 'Bérat' -> 'berat', 'Łódź' -> 'lodz'."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    text = "".join(ch for ch in text if not _strip_mark(ch))
    return unicodedata.normalize("NFC", text)


def name_key(text: str) -> str:
    """The comparison key of a place name: folded, punctuation collapsed to single spaces."""
    chars = [ch if ch.isalnum() or unicodedata.category(ch)[0] == "M" else " " for ch in fold(text)]
    return " ".join("".join(chars).split())[:MAX_KEY_LENGTH]


def drop_qualifiers(text: str) -> str:
    """Remove parenthesised qualifiers: 'Nienburg (Weser)' -> 'Nienburg'."""
    return _PARENS.sub(" ", text).strip()
