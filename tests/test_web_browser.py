"""The web app in a real browser (issue 15): Debian's chromium driven by
playwright (no browser download: `executable_path`), against `lla serve`'s
app on a local port. A person types a question, fills a check form, opens
a compare cell; every page fits a 390 px phone and a desktop at 200% zoom;
printed, the expandable sections are open. The screenshots in the docs
(docs/images/web-*.png) are taken here.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
# Affiliated, as said: a presumed affiliation splits on CAC 2.2 (round 47).
DELEGATES = "how many delegates may an affiliated local group with 150 members send to conference?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from lla_constitution.web.app import create_app

    assert shutil.which("chromium") or Path(CHROMIUM).exists(), \
        "the browser tests need Debian's chromium: apt-get install chromium (the README's test command does)"
    port = _free_port()
    config = uvicorn.Config(create_app(compare_now=True), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _page(browser, width: int, height: int = 900):
    return browser.new_page(viewport={"width": width, "height": height})


def _fits(page) -> bool:
    """No sideways scrolling: the page is no wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_typing_a_question_shows_every_drafts_answer_with_its_clause(server, browser):
    IMAGES.mkdir(parents=True, exist_ok=True)
    for width, name in ((1280, "desktop"), (390, "phone")):
        page = _page(browser, width)
        page.goto(server + "/ask")
        page.get_by_label("Question").fill(DELEGATES)
        page.get_by_role("button", name="Ask").click()
        page.wait_for_selector("article.answer")
        cards = page.locator("article.answer")
        drafts = [cards.nth(i).get_attribute("data-draft") for i in range(cards.count())]
        assert {"cac[4.2=B]", "dulwich", "law-sll", "london", "tees", "merseyside"} <= set(drafts)
        b = page.locator('article[data-draft="cac[4.2=B]"]')
        assert "determined: 3" in b.inner_text() and "4.2.b.ii" in b.inner_text()
        assert _fits(page), f"wider than {width} px"
        if width == 390:  # stacked: each card as wide as the page
            boxes = [cards.nth(i).bounding_box() for i in range(2)]
            assert boxes[1]["y"] > boxes[0]["y"] and boxes[0]["width"] > 300
        else:  # side by side
            boxes = [cards.nth(i).bounding_box() for i in range(2)]
            assert boxes[0]["y"] == boxes[1]["y"]
        page.screenshot(path=str(IMAGES / f"web-ask-{name}.png"), full_page=False)
        page.close()


def test_choosing_an_option_with_the_controls(server, browser):
    page = _page(browser, 1280)
    page.goto(server + "/ask")
    page.get_by_label("Question").fill(DELEGATES)
    page.get_by_label("cac", exact=True).check()
    page.locator("summary", has_text="The composite's options").click()
    page.get_by_label("cac 4.2: How are delegate numbers determined").select_option("4.2=B")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_selector("article.answer")
    assert [page.locator("article.answer").nth(i).get_attribute("data-draft")
            for i in range(page.locator("article.answer").count())] == ["cac[4.2=B]"]
    page.close()


def test_filling_a_check_form(server, browser):
    page = _page(browser, 1280)
    page.goto(server + "/check?action=join")
    page.get_by_label("labour status").select_option("expelled")
    page.get_by_label("witch hunt").select_option("true")
    page.get_by_label("lla supporter").select_option("true")
    page.get_by_label("london", exact=True).check()
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_selector("article.answer")
    text = page.locator('article[data-draft="london"]').inner_text()
    assert text.startswith("london: join:") and "2.3" in text
    yaml_text = page.locator("section.yaml pre").inner_text()
    assert "labour_status: expelled" in yaml_text and "witch_hunt: true" in yaml_text
    page.locator("section.yaml").scroll_into_view_if_needed()
    page.screenshot(path=str(IMAGES / "web-check-desktop.png"), full_page=False)
    page.close()


def test_opening_a_compare_cell(server, browser):
    page = _page(browser, 1280)
    page.goto(server + "/compare?family=fees")
    page.get_by_role("link", name="law-sll: position A on fee").click()
    page.wait_for_selector("section.contrast")
    assert "part" in page.locator("section.contrast h2").first.inner_text()
    assert "The clauses on both sides" in page.content()
    assert page.locator("section.contrast blockquote").count() > 0
    page.screenshot(path=str(IMAGES / "web-compare-cell.png"), full_page=False)
    page.close()


def test_the_whole_comparison_on_a_phone_and_at_200_percent(server, browser):
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + 600  # worked out once, in the background
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(server + "/api/compare") as r:
                if r.status == 200:
                    break
        except urllib.error.HTTPError as err:
            assert err.code == 503, err.read()
        time.sleep(2)
    for width, name in ((390, "phone"), (640, "zoom")):  # 1280 px at 200% zoom is 640 CSS px
        page = _page(browser, width)
        page.goto(server + "/compare")
        assert page.locator("table.matrix").count() == 1
        assert _fits(page), f"the comparison is wider than {width} px"
        assert page.get_by_role("link", name="dulwich: position").first.is_visible()
        if name == "phone":
            page.screenshot(path=str(IMAGES / "web-compare-phone.png"), full_page=False)
        page.close()


@pytest.mark.parametrize("width", [390, 640])  # a phone; a 1280 px window at 200% zoom
@pytest.mark.parametrize("path", ["/ask?q=who+may+join%3F", "/check?action=pass_motion", "/drafts/tees",
                                  "/diff?a=dulwich&b=law-sll&family=fees", "/compare?family=fees",
                                  "/compare/fee"])
def test_every_page_fits_a_phone_and_keyboard_reaches_its_controls(server, browser, path, width):
    page = _page(browser, width)
    page.goto(server + path)
    assert _fits(page), f"{path} is wider than {width} px"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to the content"
    unlabelled = page.evaluate("""[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)""")
    assert unlabelled == []
    page.close()


def test_printed_every_expandable_section_is_open(server, browser):
    page = _page(browser, 1280)
    page.goto(server + "/diff?a=dulwich&b=law-sll&family=fees")
    hidden = page.locator("details ul").first
    assert not hidden.is_visible()
    page.emulate_media(media="print")
    assert hidden.is_visible()
    page.close()


def test_the_static_comparison_page_fits_a_phone_and_prints_open(browser, lla, tmp_path):
    # `lla compare --format html`: the page a committee member is sent.
    lla("compare", "--format", "html", "--family", "fees", "--family", "delegates(conference)",
        "-o", "compare.html")
    page = _page(browser, 390)
    page.goto((tmp_path / "compare.html").as_uri())
    assert _fits(page)
    hidden = page.locator("details p").first
    assert not hidden.is_visible()
    page.emulate_media(media="print")
    assert hidden.is_visible()
    page.close()
