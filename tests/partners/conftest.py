from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests.workspace import People
from twinnings.partners import conversations, notices, services
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.partners.notices import NoticeTerms


@pytest.fixture(autouse=True)
def model_dir(tmp_path: Path, settings: Settings) -> Iterator[Path]:
    """Each test builds its own model in a temporary var/ and forgets it afterwards."""
    settings.VAR_DIR = tmp_path
    services.forget()
    yield tmp_path / "matching"
    services.forget()


@pytest.fixture
def notice(people: People) -> PartnerNotice:
    """Cologne seeks a French town of 100k–1M for youth exchanges and culture, for a year."""
    return notices.publish(
        people.officer,
        people.home,
        NoticeTerms(
            title="Köln sucht eine Partnerstadt in Frankreich",
            description="Youth exchanges and a joint festival.",
            areas=["education", "culture"],
            countries=["FR"],
            min_population=100_000,
            max_population=1_000_000,
            valid_until=timezone.localdate() + timedelta(days=365),
        ),
    )


@pytest.fixture
def conversation(notice: PartnerNotice, people: People) -> Conversation:
    """Lyon has answered Cologne's notice."""
    return conversations.express_interest(people.partner, notice, people.away, "Lyon would love to take part.")
