"""Journeys through the real pages in headless Chromium, one user (or several) at a time, with
assertions on what they see at each step.

Needs Debian's `chromium` (see tests/web/conftest.py): skipped with a message when it is
missing, a failure under CI=true. Each journey runs against the live test server.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

from django.core import mail
from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect
from pytest_django.fixtures import Settings

from tests.agreements.conftest import approve_all, fresh, sign_all
from tests.factories import TinyGazetteer
from tests.web.conftest import Visitors
from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement, ResourceAllocation
from twinnings.places.models import Place

# Pixels of the place map's overlay canvas: its home marker (white fill) and the orange of the
# lines and partner markers; the orange pixel farthest from home lies on the partner's marker.
MAP_PIXELS = """() => {
  const canvas = document.querySelector(".leaflet-overlay-pane canvas");
  if (!canvas || !canvas.width) return null;
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const box = canvas.getBoundingClientRect(), sx = box.width / canvas.width, sy = box.height / canvas.height;
  let white = [], orange = [];
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    const x = (i / 4) % canvas.width, y = Math.floor(i / 4 / canvas.width);
    if (a > 200 && r > 245 && g > 245 && b > 245) white.push([x, y]);
    else if (a > 100 && r > 200 && g > 130 && g < 200 && b < 110) orange.push([x, y]);
  }
  if (!white.length || !orange.length) return {white: white.length, orange: orange.length};
  const home = white.reduce((s, p) => [s[0] + p[0] / white.length, s[1] + p[1] / white.length], [0, 0]);
  const far = orange.reduce((best, p) =>
    Math.hypot(p[0] - home[0], p[1] - home[1]) > Math.hypot(best[0] - home[0], best[1] - home[1]) ? p : best);
  const d = Math.hypot(far[0] - home[0], far[1] - home[1]);
  const inward = [far[0] - 4 * (far[0] - home[0]) / d, far[1] - 4 * (far[1] - home[1]) / d];
  return {white: white.length, orange: orange.length,
          partner: [box.left + inward[0] * sx, box.top + inward[1] * sy]};
}"""


def map_pixels(page: Page) -> dict[str, object]:
    """Waits until the place map has drawn its markers and lines, then describes them."""
    page.wait_for_function(f"({MAP_PIXELS})()?.partner !== undefined")
    found: dict[str, object] = page.evaluate(MAP_PIXELS)
    return found


def twins_table(page: Page) -> dict[str, str]:
    """The place page's twins: partner name → its country, as the table shows them."""
    rows = page.locator("#twins-title").locator("xpath=ancestor::section").locator("tbody tr")
    return {row.locator("td").nth(0).inner_text().strip(): row.locator("td").nth(1).inner_text() for row in rows.all()}


def test_directory_search_opens_a_place_with_its_map_and_twins(
    visitors: Visitors, tiny_registry: TinyGazetteer
) -> None:
    page = visitors.new("resident")

    # 1. The home page: the headline and the registry's figures.
    page.goto("/")
    expect(page.locator("h1")).to_have_text("The world's twin towns, in the open")
    figure = page.locator(".figures .figure").first
    expect(figure.locator("dt")).to_have_text("Twinnings")
    expect(figure.locator("dd")).to_have_text("5")

    # 2. Typing a prefix offers suggestions; the keyboard picks Kraków.
    search = page.get_by_role("combobox", name="Find a town, city or region")
    search.press_sequentially("krak", delay=30)
    suggestion = page.get_by_role("option").filter(has_text="Kraków")
    expect(suggestion).to_be_visible()
    expect(suggestion).to_contain_text("1 twinning")
    search.press("ArrowDown")
    expect(suggestion).to_have_attribute("aria-selected", "true")
    search.press("Enter")

    # 3. Kraków's page: its map draws the line to its twin, and the twin's marker names it.
    page.wait_for_url(re.compile(r"/places/\d+/"))
    expect(page.locator("h1")).to_have_text("Kraków")
    expect(page.locator(".map.leaflet-container")).to_be_visible()
    pixels = map_pixels(page)
    assert pixels["white"] and pixels["orange"], pixels  # the home marker, the line and the partner's marker
    x, y = pixels["partner"]  # type: ignore[misc]
    page.mouse.move(x, y)
    expect(page.locator(".leaflet-tooltip")).to_contain_text("Frankfurt am Main")

    # 4. The twins table lists the partner; following it opens the partner's page and its twins.
    assert twins_table(page) == {"Frankfurt am Main": "Germany"}
    page.locator("#twins-title").locator("xpath=ancestor::section").get_by_role(
        "link", name="Frankfurt am Main"
    ).click()
    expect(page.locator("h1")).to_have_text("Frankfurt am Main")
    assert set(twins_table(page)) == {"Kraków", "Lyon"}

    # 5. Submitting the header's search with another name of the place lists it among the results.
    header_search = page.get_by_role("combobox", name="Find a town, city or region")
    header_search.fill("Cracow")
    header_search.press("Enter")
    page.wait_for_url(re.compile(r"/search/?\?q=Cracow"))
    result = page.locator("main").get_by_role("link").filter(has_text="Kraków")
    expect(result).to_contain_text("Cracow")
    result.click()
    expect(page.locator("h1")).to_have_text("Kraków")


# ---- Journey 2: from a new account to a signed agreement in the public registry ----------------

PASSWORD = "a long enough passphrase 42"
# Journeys are about pages: a fast hasher keeps them quick (Argon2 is tested in tests/accounts).
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(page: Page, email: str) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text("Your account")


def flash(page: Page) -> Locator:
    return page.locator(".flash-messages")


def sign_up_and_confirm(page: Page, name: str, email: str) -> None:
    """The sign-up form, then the link of the confirmation email (the test server's outbox)."""
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    page.get_by_role("link", name="Create an account").click()
    expect(page.locator("h1")).to_have_text("Create an account")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.locator("h1")).to_have_text("Check your email")
    expect(page.locator("main")).to_contain_text(email)

    assert [message.to for message in mail.outbox] == [[email]]
    link = re.search(r"https?://\S+/account/confirm/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    page.goto(link.group(0))
    expect(page.locator("h1")).to_have_text("Your account")
    expect(flash(page)).to_contain_text("Your email address is confirmed")
    expect(page.locator("main")).to_contain_text("You do not belong to any office yet")


def open_place(page: Page, typed: str, name: str) -> None:
    """The header's search box: type, pick the suggestion."""
    search = page.get_by_role("banner").get_by_role("combobox", name="Find a town, city or region")
    search.fill("")
    search.press_sequentially(typed, delay=20)
    page.get_by_role("option").filter(has_text=name).click()
    expect(page.locator("h1")).to_have_text(name)


def ask_to_represent(page: Page, place: Place) -> None:
    open_place(page, place.name[:4], place.name)
    page.get_by_role("link", name="Represent this place").click()
    expect(page.locator("h1")).to_have_text("Represent a place")
    expect(page.get_by_label("Place")).to_have_value(f"{place.name}, Poland (#{place.pk})")  # from the place's page
    page.get_by_label("Your position").fill("Head of international relations")
    page.get_by_label("Evidence").fill("Listed on the city's website, international relations office.")
    page.get_by_role("button", name="Send the request").click()
    expect(flash(page)).to_contain_text("Your request is sent")
    requests = page.locator("section").filter(has=page.get_by_role("heading", name="Your verification requests"))
    expect(requests).to_contain_text(f"{place.name} (Poland) — pending")


def staff_approves(page: Page, staff_email: str, requester: str, place: Place) -> None:
    log_in(page, staff_email)
    page.get_by_role("link", name="Verification requests to decide").click()
    card = page.locator("article").filter(has_text=requester)
    expect(card.get_by_role("heading")).to_have_text(f"{place.name} (Poland)")
    card.get_by_label("Note").fill("Checked on the city's website")
    card.get_by_role("button", name="Approve").click()
    expect(page.locator("main")).to_contain_text("No request is waiting.")


def draft_and_propose(page: Page, partner: Place, owner: Place) -> str:
    """A new agreement from the workspace, one clause in both languages, proposed; its URL."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workspace").click()
    page.get_by_role("link", name="New agreement").click()
    expect(page.locator("h1")).to_have_text("New agreement")
    choose_place(page.get_by_label("Partner place"), partner)
    page.get_by_label("For").select_option(label=f"{owner.name} ({owner.country_id})")
    page.get_by_label("Title").fill("Kraków–Lyon partnership")
    page.get_by_label("Languages").fill("pl, fr")
    page.get_by_role("button", name="Start the draft").click()
    expect(page.locator("h1")).to_contain_text("Kraków–Lyon partnership")
    expect(page.locator("h1 .status")).to_have_text("draft")

    page.get_by_role("navigation", name="Agreement").get_by_role("link", name="Clauses").click()
    page.get_by_label("Polish").fill("Miasta współpracują w dziedzinie kultury i edukacji.")
    page.get_by_label("French").fill("Les villes coopèrent dans les domaines de la culture et de l'éducation.")
    page.get_by_role("button", name="Add the clause").click()
    expect(page.locator("h2", has_text="§1")).to_be_visible()

    page.get_by_role("navigation", name="Agreement").get_by_role("link", name="Overview").click()
    page.get_by_role("button", name="Propose").click()
    expect(flash(page)).to_contain_text("Done: propose.")
    expect(page.locator("h1 .status")).to_have_text("proposed")
    expect(page.locator("main")).to_contain_text("Version 1")
    return page.url


def choose_place(field: Locator, place: Place) -> None:
    """Types the start of a name and takes the suggestion for `place` from the field's list (a
    native datalist: its popup is outside the page, so the offered value is filled in, as picking does)."""
    field.press_sequentially(place.name[:3], delay=20)
    offered = field.page.locator(f"#{field.get_attribute('list')} option")
    expect(offered.first).to_be_attached()
    values = [option.get_attribute("value") or "" for option in offered.all()]
    mine = [value for value in values if value.endswith(f"(#{place.pk})")]
    assert mine and mine[0].startswith(place.name), values
    field.fill(mine[0])


def party_row(page: Page, place: Place) -> Locator:
    return (
        page.locator("section")
        .filter(has=page.get_by_role("heading", name="Parties"))
        .locator("tbody tr")
        .filter(has=page.get_by_role("link", name=place.name, exact=True))
    )


def record_approval(page: Page, place: Place, reference: str) -> None:
    row = party_row(page, place)
    row.get_by_label("Council resolution").fill(reference)
    row.get_by_label("Date of the resolution").fill(timezone.localdate().isoformat())
    row.get_by_role("button", name="Record the approval").click()
    expect(flash(page)).to_contain_text(f"The approval of {place.name} is recorded.")
    expect(party_row(page, place)).to_contain_text(reference)


def sign(page: Page, place: Place, signer: str) -> None:
    party_row(page, place).get_by_role("button", name="Sign version 1").click()
    expect(flash(page)).to_contain_text(f"Signed for {place.name}.")
    expect(party_row(page, place)).to_contain_text(signer)


def test_a_new_officer_signs_an_agreement_that_reaches_the_public_registry(
    visitors: Visitors, people: People, tiny_registry: TinyGazetteer, settings: Settings
) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER
    krakow, lyon = tiny_registry["krakow"], tiny_registry["lyon"]
    for user in (people.staff, people.partner):
        user.set_password(PASSWORD)
        user.save()
    officer, staff, partner = visitors.new("officer"), visitors.new("staff"), visitors.new("partner")

    # 1. A newcomer creates an account and confirms it from the email, then asks to represent Kraków.
    sign_up_and_confirm(officer, "Anna Nowak", "anna.nowak@krakow.example")
    ask_to_represent(officer, krakow)

    # 2. Staff approve the request on their page; the newcomer is now Kraków's administrator.
    staff_approves(staff, people.staff.email, "anna.nowak@krakow.example", krakow)
    officer.reload()
    offices = officer.locator("section").filter(has=officer.get_by_role("heading", name="Your offices"))
    expect(offices.locator("tbody tr")).to_have_text(re.compile(r"Kraków\s+Poland\s+administrator"))

    # 3. She drafts an agreement with Lyon from Lyon's page, writes its clause in both languages, proposes it.
    agreement_url = draft_and_propose(officer, lyon, krakow)
    record_approval(officer, krakow, "Uchwała nr XII/345/2026")
    expect(officer.locator("h1 .status")).to_have_text("proposed")  # Lyon's council has not approved yet

    # 4. Lyon's officer finds it in the workspace, records Lyon's approval, signs for Lyon.
    log_in(partner, people.partner.email)
    partner.get_by_role("link", name="Your agreements").click()
    partner.get_by_role("link", name="Kraków–Lyon partnership").click()
    assert partner.url == agreement_url
    record_approval(partner, lyon, "Délibération 2026/118")
    expect(partner.locator("h1 .status")).to_have_text("approved")
    sign(partner, lyon, people.partner.get_full_name())
    expect(partner.locator("h1 .status")).to_have_text("approved")  # Kraków has not signed yet

    # 5. Kraków signs: the agreement is signed, and she brings it into force.
    officer.reload()
    sign(officer, krakow, "Anna Nowak")
    expect(officer.locator("h1 .status")).to_have_text("signed")
    officer.get_by_role("button", name="Bring into force").click()
    expect(officer.locator("h1 .status")).to_have_text("active")

    # 6. The public registry shows the twinning, attested as signed on Twinnings.
    public = visitors.new("resident")
    public.goto("/twinnings/")
    public.get_by_label("Source").select_option(label="Signed on Twinnings")
    public.get_by_role("button", name="Filter").click()
    expect(public.get_by_role("status")).to_have_text("1 twinning")
    rows = public.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Kraków")
    expect(rows).to_contain_text("Lyon")
    rows.get_by_role("link", name="Kraków").click()
    assert twins_table(public) == {"Frankfurt am Main": "Germany", "Lyon": "France"}


# ---- Journey 3: running a signed twinning, from an activity held to the annual report ---------


def signed_agreement(people: People, start: date) -> Agreement:
    """Cologne and Lyon's agreement, signed by both (built by the services, not the pages), with
    the money each town allocated for the year of `start`."""
    draft = services.create_agreement(
        people.officer, people.home, [people.away], "Städtepartnerschaft Köln – Lyon", ["de", "fr"]
    )
    services.update_terms(people.officer, draft, draft.revision, areas=["culture", "education"], start_date=start)
    draft.refresh_from_db()
    services.save_clause(
        people.officer, draft, draft.revision, {"de": "Die Städte arbeiten zusammen.", "fr": "Les villes coopèrent."}
    )
    draft.refresh_from_db()
    lifecycle.propose(people.officer, draft, draft.revision)
    signed = sign_all(approve_all(fresh(draft), people), people)
    for position, amount in ((0, 10000), (1, 8000)):
        party = signed.parties.get(position=position)
        ResourceAllocation.objects.create(agreement=signed, party=party, year=start.year, amount=amount, currency="EUR")
    return signed


def programme_tab(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Running the programme").get_by_role("link", name=name).click()


def summary_row(page: Page, heading: str, text: str) -> Locator:
    """A row of the agreement page's programme summary, in the table under `heading`."""
    summary = page.locator("section#programme")
    table = summary.locator("div.section-head", has=page.get_by_role("heading", name=heading)).locator(
        "xpath=following-sibling::div[contains(@class, 'table-wrap')][1]"
    )
    return table.locator("tbody tr").filter(has_text=text)


def downloaded(page: Page, link: Locator) -> bytes:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def test_an_officer_runs_a_signed_twinning_and_downloads_its_annual_report(
    visitors: Visitors, people: People, settings: Settings
) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER
    people.officer.set_password(PASSWORD)
    people.officer.save()
    held_on = timezone.localdate() - timedelta(days=3)
    year = held_on.year
    agreement = signed_agreement(people, date(year, 1, 1))
    page = visitors.new("officer")
    log_in(page, people.officer.email)

    # 1. Cologne's officer opens the signed agreement from the workspace and sets a target: 100 participants.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Workspace").click()
    page.get_by_role("link", name="Städtepartnerschaft Köln – Lyon").click()
    expect(page.locator("h1 .status")).to_have_text("signed")
    expect(page.locator("section#programme")).to_contain_text("No activity planned or confirmed.")
    page.locator("section#programme").get_by_role("link", name="The indicators").click()
    page.get_by_label("Year").fill(str(year))
    page.get_by_label("Indicator", exact=True).select_option("participants")
    page.get_by_label("Target").fill("100")
    page.get_by_role("button", name="Save the indicator").click()
    expect(flash(page)).to_contain_text("Saved.")
    row = page.locator(f"#year-{year} tbody tr").filter(has_text="Participants")
    expect(row.locator("td")).to_have_text(["100", "0", "0 %", "counted from the activities held", re.compile("Edit")])

    # 2. She records the student exchange held in Lyon a few days ago, with the pupils of both towns.
    programme_tab(page, "Activities")
    page.get_by_role("link", name="Plan an activity").click()
    page.get_by_label("Title").fill("Pupils of Köln in Lyon")
    page.get_by_label("Type").select_option("student_exchange")
    page.get_by_label("Area of cooperation").select_option("education")
    page.get_by_label("Status").select_option("held")
    page.get_by_label("Start").fill(held_on.isoformat())
    page.get_by_label("End").fill(held_on.isoformat())
    page.get_by_label("Host", exact=True).select_option(label="Lyon")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main h2").first).to_contain_text("Pupils of Köln in Lyon")
    counts = page.locator("form").filter(has=page.get_by_role("heading", name="Set the counts"))
    counts.locator("tbody tr").filter(has_text="Cologne").get_by_label("Participants").fill("30")
    counts.locator("tbody tr").filter(has_text="Lyon").get_by_label("Participants").fill("25")
    counts.get_by_role("button", name="Save the counts").click()
    expect(flash(page)).to_contain_text("The counts were saved.")
    expect(page.locator("#counts")).to_contain_text("30 invited and 25 local: 55 in all.")

    # 3. She adds the coach to Lyon to the budget: the line takes Cologne's currency, and the table follows.
    programme_tab(page, "Budget")
    form = page.locator("form#add-line")
    form.get_by_label("Party").select_option(label="Cologne")
    form.get_by_label("Year").fill(str(year))
    form.get_by_label("Category or description").fill("Travel: coach Köln–Lyon")
    form.get_by_label("Planned").fill("4000")
    form.get_by_label("Spent").fill("3650.50")
    form.get_by_label("Activity").select_option(label=f"{held_on:%Y-%m-%d} Pupils of Köln in Lyon")
    form.get_by_role("button", name="Add the line").click()
    expect(flash(page)).to_contain_text("Saved.")
    lines = page.locator("#lines tbody tr")
    expect(lines).to_have_count(1)
    expect(lines.first).to_contain_text("Travel: coach Köln–Lyon")
    expect(lines.first).to_contain_text("EUR")
    cologne = page.locator("table.budget-table tbody tr").filter(has_text="Cologne")
    expect(cologne.locator("td")).to_have_text(
        [str(year), "EUR", "10,000.00", "4,000.00", "3,650.50", "6,349.50", "37 %"]
    )

    # 4. The agreement's page sums it up: the budget table and the participants counted against the target.
    page.get_by_role("navigation", name="Agreement").get_by_role("link", name="Overview").click()
    budget_row = summary_row(page, "Budget: allocated, planned and spent", "Cologne")
    expect(budget_row.locator("td")).to_have_text(
        [str(year), "EUR", "10,000.00", "4,000.00", "3,650.50", "6,349.50", "37 %"]
    )
    lyon_row = summary_row(page, "Budget: allocated, planned and spent", "Lyon")
    expect(lyon_row.locator("td")).to_have_text([str(year), "EUR", "8,000.00", "0.00", "0.00", "8,000.00", "0 %"])
    participants = summary_row(page, "Indicators against targets", "Participants")
    expect(participants.locator("td")).to_have_text(
        [str(year), "100", "55", "55 %", "counted from the activities held"]
    )

    # 5. The challenges panel of the two towns: languages, time, travel and public holidays.
    page.locator("section").filter(has=page.get_by_role("heading", name="Working together")).get_by_role(
        "link", name="Cologne and Lyon"
    ).click()
    expect(page.locator("h1")).to_have_text("Working together: Cologne and Lyon")
    for heading in ("Languages", "Time", "Travel", "Public holidays"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    page.go_back()

    # 6. The year's annual report: the page, then its PDF and its XLSX workbook.
    reports = page.locator("section").filter(has=page.get_by_role("heading", name="Reports and grant readiness"))
    reports.get_by_role("link", name=str(year), exact=True).click()
    expect(page.get_by_role("heading", name=f"Annual report {year}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Pupils of Köln in Lyon")
    pdf = downloaded(page, page.get_by_role("link", name="PDF", exact=True))
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000, (pdf[:20], len(pdf))
    xlsx = downloaded(page, page.get_by_role("link", name="Excel workbook (XLSX)"))
    workbook = load_workbook(BytesIO(xlsx), read_only=True)
    cells = {str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {"Pupils of Köln in Lyon", "Cologne", "Lyon", "EUR", "3650.5"} <= cells, sorted(cells)
    assert agreement.activities.get().participant_groups.count() == 2

    # 7. She subscribes to the agreement's calendar: the private address serves the activity to a
    # calendar program, which has no session of hers.
    page.get_by_role("navigation", name="Agreement").get_by_role("link", name="Calendar").click()
    page.get_by_role("button", name="Make a private address").click()
    address = page.locator("code.hash").inner_text().strip()
    assert re.fullmatch(r"https?://\S+/workspace/calendar/\S+\.ics", address), address
    feed = visitors.new("calendar program").request.get(address)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar"), feed.headers
    assert "BEGIN:VCALENDAR" in feed.text() and "SUMMARY:Pupils of Köln in Lyon" in feed.text()


# ---- Journey 4: the language switcher ---------------------------------------------------------

NAVIGATION = ["Directory", "Twinnings", "Countries", "Partners", "Insights", "API", "Log in"]


def in_language(code: str, *texts: str) -> list[str]:
    """The texts as the compiled catalogue of `code` translates them, each different from English."""
    with translation.override(code):
        translated = [translation.gettext(text) for text in texts]
    untranslated = [text for text, done in zip(texts, translated) if done == text and text != "API"]
    assert not untranslated, f"no {code} translation of {untranslated}: run `twinnings compile-translations`"
    return translated


def switch_language(page: Page, code: str) -> None:
    """Picks the language in the header's switcher (it submits itself); the same page comes back."""
    url = page.url
    page.get_by_label(re.compile(r"^(Language|Langue|Język)$")).select_option(code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    assert page.url == url


def test_the_language_switcher_translates_pages_and_the_choice_persists(
    visitors: Visitors, tiny_registry: TinyGazetteer
) -> None:
    page = visitors.new("resident")
    main_nav = page.locator("#site-nav")  # its accessible name is translated too
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("The world's twin towns, in the open")
    expect(main_nav.get_by_role("link")).to_have_text(NAVIGATION)

    # 1. French: the headline, the navigation and the search box's label change.
    switch_language(page, "fr")
    headline, *navigation = in_language("fr", "The world's twin towns, in the open", *NAVIGATION)
    expect(page.locator("h1")).to_have_text(headline)
    expect(main_nav.get_by_role("link")).to_have_text(navigation)
    expect(page.get_by_label(in_language("fr", "Find a town, city or region")[0])).to_be_visible()

    # 2. The choice holds on the next pages: the countries, then a place.
    main_nav.get_by_role("link", name=navigation[2]).click()
    expect(page.locator("h1")).to_have_text(navigation[2])
    page.goto(tiny_registry["cologne"].get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#twins-title")).to_have_text(in_language("fr", "Twins")[0])

    # 3. Polish, chosen on the place's page, holds on the registry's list and back home.
    switch_language(page, "pl")
    expect(page.locator("#twins-title")).to_have_text(in_language("pl", "Twins")[0])
    navigation = in_language("pl", *NAVIGATION)
    expect(main_nav.get_by_role("link")).to_have_text(navigation)
    main_nav.get_by_role("link", name=navigation[1]).click()
    expect(page.locator("h1")).to_have_text(navigation[1])
    page.locator("a.brand").click()
    expect(page.locator("h1")).to_have_text(in_language("pl", "The world's twin towns, in the open")[0])

    # 4. Back to English.
    switch_language(page, "en")
    expect(main_nav.get_by_role("link")).to_have_text(NAVIGATION)
