"""The web pages in a real headless Chromium (Debian's `chromium` and `chromium-driver`, driven by Selenium) against
`eventwire serve`'s app under uvicorn on a temporary SQLite store. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs Debian's chromium and chromium-driver (.ci/browser.sh installs them)", allow_module_level=True)

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from eventwire.web.app import create_app  # noqa: E402

TOKEN = "browser-test-token"
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"

# written for these tests
ARTICLES = [
    {
        "id": "br-001",
        "date": "2025-04-14",
        "lang": "fr",
        "title": "Paris et Berlin signent un traité",
        "text": "La France et l'Allemagne ont signé mardi un traité sur l'énergie à Berlin. "
        "<script>document.title='pwned'</script> D'après un diplomate, la Pologne aurait critiqué ce traité.",
    },
    {
        "id": "br-002",
        "date": "2025-04-15",
        "lang": "fr",
        "title": "Traité énergétique entre la France et l'Allemagne",
        "text": "L'Allemagne et la France ont signé un traité sur l'énergie, a annoncé le gouvernement français. "
        "La police allemande a arrêté une vingtaine de militants devant la chancellerie.",
    },
    {
        "id": "br-003",
        "date": "2025-05-02",
        "lang": "fr",
        "title": "Moscou expulse un diplomate finlandais",
        "text": "La Russie a expulsé un diplomate finlandais accusé d'espionnage. "
        "La Finlande a condamné cette décision.",
    },
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(base: str, path: str, **params) -> dict:
    query = f"?{urllib.parse.urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{base}{path}{query}", timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("browser") / "browser.db")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, TOKEN), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/stories", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        body = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES).encode()
        request = urllib.request.Request(f"{base}/api/ingest", data=body, method="POST",
                                         headers={"Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(request, timeout=120) as response:
            assert json.load(response)["read"] == len(ARTICLES)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
                "--window-size=1280,1400"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(SHOTS / f"{name}.png"))


def _open(driver, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.TAG_NAME, "main")))


def _rows(driver, table_css: str = "table.events") -> list:
    return driver.find_elements(By.CSS_SELECTOR, f"{table_css} tbody tr")


def _row_cells(row) -> list[str]:
    return [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]


def test_overview_shows_chart_and_counts(base_url, browser):
    _open(browser, base_url + "/")
    assert browser.title == "Overview · eventwire"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"
    cards = {card.text.split(None, 1)[1]: card.find_element(By.TAG_NAME, "b").text
             for card in browser.find_elements(By.CSS_SELECTOR, ".cards .card")}
    total = _get_json(base_url, "/api/events", limit=500)["total"]
    assert cards["articles (3 coded)"] == "3"
    assert cards["events"] == str(total) and total > 0
    assert cards["stories"] == str(len(_get_json(base_url, "/api/stories")["stories"]))
    chart = browser.find_element(By.ID, "chart")
    assert chart.is_displayed() and chart.size["width"] > 300 and chart.size["height"] > 100
    bars = chart.find_elements(By.TAG_NAME, "rect")
    assert bars and all(bar.size["height"] > 0 for bar in bars)
    assert {"2025-04", "2025-05"} <= {label.text for label in chart.find_elements(By.TAG_NAME, "text")}
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Paris et Berlin signent un traité" in main and "Moscou expulse un diplomate finlandais" in main
    _shot(browser, "overview")


def test_events_filter_by_type_narrows_the_table(base_url, browser):
    _open(browser, base_url + "/events")
    total = _get_json(base_url, "/api/events", limit=500)["total"]
    assert len(_rows(browser)) == total
    assert browser.find_element(By.CSS_SELECTOR, "main > p").text.startswith(f"{total} events")
    box = browser.find_element(By.CSS_SELECTOR, "form.filters input[name=type]")
    box.clear()
    box.send_keys("AGREE")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("type=AGREE"))
    agree = _get_json(base_url, "/api/events", type="AGREE")["total"]
    rows = _rows(browser)
    assert 0 < len(rows) == agree < total
    assert all(_row_cells(row)[1] == "AGREE" for row in rows)
    assert browser.find_element(By.CSS_SELECTOR, "main > p").text.startswith(f"{agree} events")
    assert browser.find_element(By.CSS_SELECTOR, "form.filters input[name=type]").get_attribute("value") == "AGREE"
    _shot(browser, "events-filtered")


def test_click_through_to_the_article(base_url, browser):
    _open(browser, base_url + "/events?type=AGREE")
    row = next(r for r in _rows(browser) if _row_cells(r)[6] == "br-002")
    cells = _row_cells(row)
    assert cells[4] == "asserted" and "gouvernement français" in cells[5]
    sentence = cells[7]
    row.find_element(By.LINK_TEXT, "br-002").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/articles/br-002"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Traité énergétique entre la France et l'Allemagne"
    assert browser.title == "Traité énergétique entre la France et l'Allemagne · eventwire"
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text mark")
    assert marks and all(m.is_displayed() for m in marks)
    target = browser.find_element(By.CSS_SELECTOR, "#article-text mark:target")  # the event we clicked
    assert target.text == sentence
    assert "AGREE (asserted)" in target.get_attribute("title")
    background = target.value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    events = [_row_cells(r) for r in browser.find_elements(By.CSS_SELECTOR, "table.events tr") if _row_cells(r)]
    agree = next(cells for cells in events if cells[2] == "AGREE")
    assert agree[6] == "asserted" and agree[7] == "le gouvernement français"
    assert any(cells[7] == "(article)" for cells in events)
    _shot(browser, "article")

    _open(browser, base_url + "/articles/br-001")
    hedged = next(cells for cells in (_row_cells(r) for r in browser.find_elements(By.CSS_SELECTOR, "table.events tr"))
                  if cells and cells[6] == "hedged")
    assert hedged[2] == "ACCUSE" and "POL" in hedged[4]
    cell = browser.find_element(By.CSS_SELECTOR, "table.events td.certainty-hedged")
    assert cell.value_of_css_property("color") != browser.find_element(By.TAG_NAME, "h1").value_of_css_property("color")


def test_script_in_article_text_is_shown_not_run(base_url, browser):
    _open(browser, base_url + "/articles/br-001")
    assert browser.title == "Paris et Berlin signent un traité · eventwire"
    assert browser.execute_script("return document.title") != "pwned"
    assert "<script>document.title='pwned'</script>" in browser.find_element(By.ID, "article-text").text
    assert not browser.find_elements(By.CSS_SELECTOR, "main script")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    _shot(browser, "article-script-as-text")

    _open(browser, base_url + "/events?text=pwned")
    assert browser.title == "Events · eventwire"
    assert any("<script>" in _row_cells(r)[7] for r in _rows(browser))


def test_actor_page(base_url, browser):
    _open(browser, base_url + "/")
    browser.find_element(By.LINK_TEXT, "FRA").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/actors/FRA"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "FRA"
    network = browser.find_element(By.ID, "network")
    assert network.is_displayed()
    assert "DEU" in {label.text for label in network.find_elements(By.TAG_NAME, "text")}
    rows = _rows(browser)
    expected = _get_json(base_url, "/api/actors/FRA")["events"]
    assert rows and len(rows) == len(expected)
    assert all("FRA" in _row_cells(r)[3] for r in rows)
    _shot(browser, "actor")


def test_story_page(base_url, browser):
    _open(browser, base_url + "/")
    browser.find_element(By.LINK_TEXT, "Paris et Berlin signent un traité").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/stories/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Paris et Berlin signent un traité"
    assert "2 articles" in browser.find_element(By.CSS_SELECTOR, "p.muted").text
    titles = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "main table:not(.timeline) a")}
    assert titles == {"Paris et Berlin signent un traité", "Traité énergétique entre la France et l'Allemagne"}
    timeline = [_row_cells(r) for r in browser.find_elements(By.CSS_SELECTOR, "table.timeline tr")]
    timeline = [cells for cells in timeline if cells]
    assert any(cells[1].startswith("AGREE") and cells[3] == "2" for cells in timeline)
    _shot(browser, "story")
