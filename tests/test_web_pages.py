"""The web app's pages (issue 15), through the framework's test client: what
each page shows, that every control has a label, that a filled check form
is the action file `lla check` reads, and that bad input is one located
message, never a traceback. tests/test_web_browser.py drives them in a
real browser.
"""
from __future__ import annotations

import html
import re

import pytest
import yaml
from fastapi.testclient import TestClient

from lla_constitution.model import ACTIONS
from lla_constitution.web.app import create_app
from lla_constitution.web.forms import action_form, to_yaml

# Affiliated, as said: a presumed affiliation splits on CAC 2.2 (round 47).
DELEGATES = "how many delegates may an affiliated local group with 150 members send to conference?"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _cards(page: str) -> dict[str, str]:
    """Each answer card's draft -> its text."""
    return {m.group(1): _text(m.group(2)) for m in
            re.finditer(r'<article class="answer[^"]*" data-draft="([^"]+)">(.*?)</article>', page, re.S)}


def test_ask_shows_every_drafts_answer_with_its_clause(client, lla):
    page = client.get("/ask", params={"q": DELEGATES}).text
    cards = _cards(page)
    expected = {a["draft"]: a for a in lla("ask", "--json", DELEGATES).json()}
    assert set(cards) == set(expected)
    for draft, a in expected.items():
        for cite in a.get("because", []):
            assert cite["clause"] in cards[draft]
        assert a["status"].replace("_", " ") in cards[draft]
    assert "3" in cards["cac[4.2=B]"] and "4.2.b.ii" in cards["cac[4.2=B]"]


def test_ask_with_options_chosen_by_the_controls(client):
    page = client.get("/ask", params={"q": DELEGATES, "draft": "cac", "option": ["4.2=B", ""]}).text
    assert list(_cards(page)) == ["cac[4.2=B]"]
    assert '<option value="4.2=B" selected>' in page


def test_ask_a_question_lla_cannot_read(client):
    page = client.get("/ask", params={"q": "how many delegates may a blorp send?"}).text
    assert "question:1:36: error: unexpected character" in html.unescape(page)
    assert "Traceback" not in page


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_has_a_form_whose_controls_are_labelled(client, action):
    page = client.get("/check", params={"action": action}).text
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', page))
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert ids <= labelled, ids - labelled
    for f in action_form(action):
        assert f'name="{f["name"]}"' in page or f.get("fields")


def test_a_filled_check_form_is_the_action_file_lla_checks(client, lla):
    form = {"action": "submit_motion", "f.group.kind": "lla_branch", "f.group.members": "12",
            "f.previous_motions": "0", "f.motions_sent": "1", "draft": ["london", "law-sll"]}
    page = client.post("/check", data=form).text
    shown = html.unescape(re.search(r'<section class="yaml".*?<pre>(.*?)</pre>', page, re.S).group(1))
    assert yaml.safe_load(shown) == {"action": "submit_motion", "group": {"kind": "lla_branch", "members": 12},
                                     "previous_motions": 0, "motions_sent": 1}
    verdicts = lla("check", "--json", "--draft", "london", "--draft", "law-sll", "a.yaml",
                   files={"a.yaml": shown}).json()
    cards = _cards(page)
    assert set(cards) == {v["draft"] for v in verdicts}
    assert "submit a motion: forbidden" in cards["london"] and "2.6" in cards["london"]


def test_to_yaml_keeps_the_forms_types():
    doc = yaml.safe_load(to_yaml("pass_motion", {"f.body": "organising group", "f.votes.for": "12",
                                                 "f.votes.against": "0", "f.full_debate": "true",
                                                 "f.motion_kind": "", "f.nonsense": "x"}))
    assert doc == {"action": "pass_motion", "body": "organising group", "votes": {"for": 12, "against": 0},
                   "full_debate": True}


@pytest.mark.parametrize("said", ["none", "None", "[]"])
def test_a_forms_none_is_an_empty_list(said):
    # Round 55: the hint said "[] for none", and '[]' became a name.
    doc = yaml.safe_load(to_yaml("join", {"f.person.member_of": said}))
    assert doc == {"action": "join", "person": {"member_of": []}}
    field = next(f for f in action_form("join") if f["name"] == "f.person")
    hint = next(f for f in field["fields"] if f["name"] == "f.person.member_of")["help"]
    assert "none for none" in hint and "[]" not in hint


def test_a_check_form_with_a_bad_value_says_where(client):
    page = client.post("/check", data={"action": "join", "f.person.labour_status": "membr"}).text
    assert "action.yaml:3:18: error" in html.unescape(page) or "labour_status" in html.unescape(page)
    assert "Traceback" not in page


def test_the_drafts_and_a_draft_text_beside_its_rules(client):
    page = client.get("/drafts").text
    for rid in ("cac", "dulwich", "law-sll", "london", "tees", "merseyside"):
        assert f'href="/drafts/{rid}"' in page
    page = html.unescape(client.get("/drafts/tees").text)
    assert "Where, short of a Special Conference, a full debate is required" in page
    assert "pass_motion(working_group) = delegated to membership when full_debate" in page
    assert "Lint findings (" in page


def test_diff_shows_each_difference_with_a_witness_and_clauses(client, lla):
    page = html.unescape(client.get("/diff", params={"a": "dulwich", "b": "law-sll", "family": "fees"}).text)
    assert "dulwich (A) against law-sll (B)" in page
    assert "Witness:" in page and "2.b" in page
    assert "Individual supporters are requested to pay a minimum of £10/year" in page


def test_diff_sides_picked_with_the_controls(client):
    page = html.unescape(client.get("/diff", params={"a_draft": "cac", "a_option": ["4.2=B", ""],
                                                     "b_draft": "london+swansea", "family": "delegates(conference)"}).text)
    assert "(A) against london+swansea (B)" in page and "cac" in page.split("(A) against")[0][-30:]
    assert '<option value="4.2=B" selected>' in page


def test_a_compare_cell_opens_the_difference_with_clauses_on_both_sides(client):
    page = html.unescape(client.get("/compare", params={"family": "fees"}).text)
    assert 'href="/compare/fee"' in page
    page = html.unescape(client.get("/compare/fee").text)
    assert "A and B part" in page
    assert "The clauses on both sides" in page and "Witness:" in page


def test_an_unknown_draft_page_is_a_located_message(client):
    r = client.get("/drafts/nosuch")
    assert r.status_code == 422
    assert "unknown draft 'nosuch'" in html.unescape(r.text)


def test_a_witness_is_a_link_to_ask_or_an_action_file_not_a_cli_command(client):
    page = html.unescape(client.get("/diff", params={"a": "dulwich", "b": "law-sll", "family": "fees"}).text)
    assert 'Ask it: “what fee does an individual supporter pay?”' in page
    assert "lla check witness.yaml" not in page
    page = html.unescape(client.get("/diff", params={"a": "london", "b": "tees", "family": "join"}).text)
    assert "The case as an action file" in page and "action: join" in page


def test_the_api_page_and_an_unknown_page(client):
    page = html.unescape(client.get("/api").text)
    assert "GET /api/ask" in page and "POST /api/check" in page and "/openapi.json" in page
    r = client.get("/no-such-page")
    assert r.status_code == 404 and "no page at /no-such-page" in html.unescape(r.text)
    assert client.get("/api/no-such-thing").json()["message"] == "no page at /api/no-such-thing"


def test_each_question_form_is_its_own_suggestion(client):
    page = client.get("/ask").text
    assert '<option value="who may join?">' in page and "   /   " not in page


def test_one_clause_of_a_draft(client):
    page = html.unescape(client.get("/drafts/tees", params={"clause": "5.13"}).text)
    assert "Where, short of a Special Conference" in page and "The Steering Committee decides on the ratio" not in page
    r = client.get("/drafts/tees", params={"clause": "9.9"})
    assert r.status_code == 422 and "tees has no clause '9.9'" in html.unescape(r.text)


def test_a_difference_is_said_in_words(client):
    # The verdict and what each side answers in words, not identifiers.
    page = html.unescape(client.get("/diff", params={"a": "law-sll", "b": "london",
                                                     "family": "appeal(officers_group)"}).text)
    assert "apart both ways or in kind" in page and "incomparable" not in page
    assert "→ delegated to Organising Group" in page and "organising_group" not in page.split("<pre>")[0]
    assert "kind of case) and a witness" in page and "in every case" in page


def test_a_witness_with_no_facts_says_any_case(client):
    page = html.unescape(client.get("/diff", params={"a": "law-sll", "b": "london",
                                                     "family": "delegates(conference)"}).text)
    assert "Witness: any case: the question as asked below" in page
    assert "Witness: </p>" not in page


def test_messages_name_the_pages_controls_not_the_command_lines_flags(client):
    # The pages have controls, not flags (web/wording.py); the API keeps
    # the command line's words.
    page = html.unescape(client.get("/ask", params={"q": "may a local group affiliate to the moon?"}).text)
    assert "the suggestions under the question box list every form" in page
    assert "lla ask --help" not in page
    page = html.unescape(client.get("/ask", params={"q": DELEGATES, "draft": "cac",
                                                     "option": ["3.2.sub=1", "3.2=B"]}).text)
    assert "options: error: choice 3.2.sub" in page and "option 3.2 = A or option 3.2 = E" in page
    assert "--option" not in page
    page = client.get("/ask", params={"q": "is a motion carried at conference by 60 votes to 30?",
                                      "draft": "dulwich"}).text
    assert 'check it on the <a href="/check?action=pass_motion">Check page</a> with each tally' in page


def test_a_check_some_drafts_cannot_count_says_which_tally_each_needs(client):
    form = {"action": "pass_motion", "f.body": "conference", "f.votes.for": "60", "f.votes.against": "30",
            "draft": ["dulwich", "london"]}
    page = client.post("/check", data=form)
    assert page.status_code == 200
    cards = _cards(page.text)
    assert "ambiguous" in cards["dulwich"] and "not checked: fill in the 'individuals' box" in cards["dulwich"]
    assert "carried" in cards["london"]


def test_a_drafts_rules_are_also_said_in_words(client):
    page = html.unescape(client.get("/drafts/tees", params={"clause": "3.4"}).text)
    assert "The rules in words" in page
    assert "How often the Steering Committee is elected: twice a year." in page
    assert "Reading “'bi-annual' means every two years”, which stands because" in page


def test_a_composites_page_shows_its_options_and_amendments_clauses(client):
    # The CAC's menus were missing from its page: only the common ground showed.
    page = html.unescape(client.get("/drafts/cac").text)
    assert "Choice 3.2:" in page and "Option E" in page and "[Brighton LLA]" in page
    assert 'id="c-4.2.b.ii"' in page
    page = html.unescape(client.get("/drafts/london").text)
    assert "Amendment swansea" in page


def test_the_conditions_checked_are_sentences_and_cited_clauses_are_links(client):
    page = html.unescape(client.get("/ask", params={"q": "may a suspended Labour member in no other party join?",
                                                    "draft": "law-sll"}).text)
    assert "held: 2.a: Who may join: allowed when suspended from the Labour Party and not in another party." in page
    assert "<a href='/drafts/law-sll#c-2.a'>2.a</a>" in page
    page = html.unescape(client.get("/ask", params={"q": DELEGATES, "draft": "cac", "option": ["4.2=B", ""]}).text)
    assert "href='/drafts/cac#c-4.2.b" in page


def test_the_check_forms_choices_are_in_words(client):
    page = html.unescape(client.get("/check", params={"action": "join"}).text)
    assert '<option value="non_member" >not in the Labour Party</option>' in page
