"""Template context shared by every page of the directory."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info


def site(request: HttpRequest) -> dict[str, object]:
    """The site's name and the UI languages, each named in its own language (for the switcher)."""
    return {
        "site_name": "Twinnings",
        "ui_languages": [(code, get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES],
    }
