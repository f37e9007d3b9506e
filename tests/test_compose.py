"""Composite menus and amendments from the command line: the menu lists every
option in the source, choices compose, open choices are answered per option,
and bad choices are refused with the valid ones listed."""
from __future__ import annotations

import pytest

# Affiliated, as said: under 2.2 B whether a local group may affiliate is
# unsettled, and a presumed affiliation would split on 2.2 (round 47).
Q600 = "how many delegates may an affiliated local group with 600 members and 600 LLA supporters send to conference?"

# Every choice the CAC composite offers, with its options, as the source has them.
MENU = {
    "rotherham": ["for", "against"],
    "1.2.a.1": ["for", "against"],
    "1.2.a.2": ["for", "against"],
    "1.2.b": ["for", "against"],
    "2.2": ["A", "B", "C", "neither"],
    "3.2": ["A", "B", "C", "D", "E", "neither"],
    "3.2.sub": ["1", "2", "3"],
    "pearson": ["for", "against"],
    "4.2": ["A", "B", "neither"],
    "4.3": ["A", "B"],
}


def test_list_options_lists_every_option_in_the_source(lla):
    r = lla("compose", "cac", "--list-options", "--json")
    assert r.code == 0
    got = {c["choice"]: [o["option"] for o in c["options"]] for c in r.json()}
    assert got == MENU
    sub = next(c for c in r.json() if c["choice"] == "3.2.sub")
    assert sub["requires"] == {"choice": "3.2", "options": ["A", "E"]}
    b = next(o for c in r.json() if c["choice"] == "4.2" for o in c["options"] if o["option"] == "B")
    assert b["from"] == ["dulwich"] and "between 10 and 100 members" in b["text"]


def test_list_options_text(lla):
    r = lla("compose", "cac", "--list-options")
    assert r.code == 0
    assert "3.2.sub  What happens if Option A or E is agreed   (only if 3.2 is A or E)" in r.out
    assert "  4.2=neither" in r.out


def test_compose_puts_the_chosen_options_in(lla):
    r = lla("compose", "cac", "--option", "4.2=B", "--option", "4.3=A", "--json")
    assert r.code == 0
    ids = [c["clause"] for c in r.json()["clauses"]]
    assert any(i.startswith("4.2.b") for i in ids) and not any(i.startswith("4.2.a") for i in ids)
    assert {"choice": "2.2", "options": ["A", "B", "C", "neither"], "decides": True} in r.json()["open"]
    # The aims' choices change the text only: no answer is split by them (round 58).
    assert {"choice": "1.2.b", "options": ["for", "against"], "decides": False} in r.json()["open"]
    text = lla("compose", "cac", "--option", "4.2=B").out
    assert ("not chosen: 1.2.b Spell out a vision of socialism in the aims (options for, against); "
            "its options change the text only, so no answer turns on it") in text
    assert "not chosen: 2.2 Political orientation/eligibility (options A, B, C, neither); " \
           "questions it decides are answered per option" in text


def test_compose_dsl_is_a_valid_rulebook(lla, tmp_path):
    r = lla("compose", "cac", "--option", "4.2=B", "--option", "rotherham=for", "--option", "2.2=A",
            "--option", "3.2=B", "--option", "pearson=against", "--option", "4.3=B", "--dsl")
    assert r.code == 0, r.err
    (tmp_path / "composed.lla").write_text(r.out, encoding="utf-8")
    v = lla("validate", "composed.lla")
    assert v.code == 0, v.err
    # The file answers as the composite does under the same choices.
    d = lla("diff", "composed.lla", "cac:4.2=B,rotherham=for,2.2=A,3.2=B,pearson=against,4.3=B", "--json")
    assert d.code == 0, d.out


def test_compose_dsl_refuses_a_choice_left_open_that_decides_answers(lla):
    # Round 63: open choices were dropped from the file, which then answered
    # "join: allowed" where 2.2's options differ.
    r = lla("compose", "cac", "--option", "4.2=B", "--dsl")
    assert r.code == 2 and r.out == ""
    assert "these decide answers but are not chosen: 2.2 Political orientation/eligibility" in r.err


def test_open_choice_is_answered_per_option(lla):
    r = lla("ask", "--draft", "cac", Q600, "--json")
    got = {a["draft"]: (a["status"], a.get("answer")) for a in r.json()}
    assert got == {"cac[4.2=A]": ("delegated", None), "cac[4.2=B]": ("determined", 4),
                   "cac[4.2=neither]": ("silent", None)}
    assert r.code == 3


def test_a_choice_that_decides_nothing_of_the_answer_is_set_aside(lla):
    # Round 46: 4.2's delegate options are asked (a group's affiliation
    # feeds them) but every one gives 2.2's answer; the answer is printed per
    # 2.2 option only, A and neither (both 2.1.f's welcome) as one. Under `lla check`, 4.2 B's 4.2.b.v cites its own
    # clause, so there the per-combination verdicts stay.
    r = lla("ask", "--draft", "cac", "may a local group affiliate?", "--json")
    assert [a["draft"] for a in r.json()] == ["cac[2.2=A/neither]", "cac[2.2=B]", "cac[2.2=C]"]
    r = lla("check", "a.yaml", "--draft", "cac", "--json", files={"a.yaml": "action: affiliate\ngroup: {kind: union_branch}\n"})
    labels = [v["draft"] for v in r.json()]
    assert "cac[2.2=A/neither,4.2=B]" in labels and "cac[2.2=A/neither,4.2=A/neither]" in labels


def test_chosen_option_gives_one_answer(lla):
    r = lla("ask", "--draft", "cac", "--option", "4.2=B", Q600, "--json")
    assert [(a["draft"], a["answer"]) for a in r.json()] == [("cac[4.2=B]", 4)]
    assert r.code == 0


def test_every_draft_answers(lla):
    r = lla("ask", "--draft", "all", Q600, "--json")
    drafts = [a["draft"] for a in r.json()]
    assert drafts == ["cac[4.2=A]", "cac[4.2=B]", "cac[4.2=neither]", "dulwich", "labour-nec-2021",
                      "launch-2020", "law-sll", "london", "merseyside", "tees"]


def test_sub_option_without_its_parent(lla):
    r = lla("ask", "--draft", "cac", "--option", "3.2.sub=1", Q600)
    assert r.code == 2
    assert r.err == ("--option: error: choice 3.2.sub (What happens if Option A or E is agreed) applies only "
                     "if 3.2 is A or E; 3.2 is not chosen\n"
                     "  expected: --option 3.2=A or --option 3.2=E\n"
                     "  help: choose 3.2 as well, or drop --option 3.2.sub=1\n")


def test_sub_option_with_the_wrong_parent(lla):
    r = lla("compose", "cac", "--option", "3.2=B", "--option", "3.2.sub=2")
    assert r.code == 2
    assert r.err == ("--option: error: choice 3.2.sub (What happens if Option A or E is agreed) applies only "
                     "if 3.2 is A or E; 3.2 is B\n"
                     "  expected: --option 3.2=A or --option 3.2=E\n"
                     "  help: 3.2.sub is voted on only once 3.2 A or E is agreed; drop --option 3.2.sub=2\n")


def test_unknown_option(lla):
    r = lla("compose", "cac", "--option", "4.3=neither")
    assert r.code == 2
    assert r.err == ("--option: error: choice 4.3 (Voting at LLA conference) has no option 'neither'\n"
                     "  expected: one of A, B\n"
                     "  help: write e.g. --option 4.3=A\n")


def test_unknown_choice(lla):
    r = lla("compose", "cac", "--option", "4.4=A")
    assert r.code == 2
    assert r.err.startswith("--option: error: cac has no choice '4.4'\n"
                            "  expected: one of rotherham, 1.2.a.1, 1.2.a.2, 1.2.b, 2.2, 3.2, 3.2.sub, pearson, 4.2, 4.3\n")


def test_option_without_equals(lla):
    r = lla("ask", "--draft", "cac", "--option", "4.2", Q600)
    assert r.code == 2
    assert r.err == ("--option: error: '4.2' is not a choice\n"
                     "  expected: CHOICE=OPTION, e.g. 4.2=B\n"
                     "  help: see the choices with: lla compose cac --list-options\n")


def test_option_needs_a_composite(lla):
    r = lla("ask", "--draft", "london", "--option", "4.2=A", Q600)
    assert r.code == 2
    assert r.err == ("--option: error: --option needs a composite draft, and none was asked\n"
                     "  help: add --draft cac\n")


@pytest.mark.parametrize("spec,err", [
    ("cac:3.2=Z", "cac:3.2=Z: error: choice 3.2 (How is the leadership elected?) has no option 'Z'\n"
                  "  expected: one of A, B, C, D, E, neither\n  help: write e.g. cac:3.2=A\n"),
    ("london+swansex", "london+swansex: error: london has no amendment 'swansex'\n"
                       "  expected: one of keable, swansea\n  help: did you mean 'swansea'?\n"),
    ("london:3.2=A", "london:3.2=A: error: london has no options to choose\n"
                     "  help: options apply to composite drafts such as cac:3.2=A\n"),
])
def test_a_bad_option_in_a_draft_names_the_draft(lla, spec, err):
    """An option or amendment written into --draft is blamed on that spec,
    not on an --option or --amend the user never gave (round 58)."""
    r = lla("ask", "--draft", spec, Q600)
    assert (r.code, r.err, r.out) == (2, err, "")


def test_a_sub_option_in_a_draft_may_take_its_parent_from_option(lla):
    r = lla("ask", "--draft", "cac:3.2.sub=1", "--option", "3.2=A", Q600, "--json")
    assert r.code in (0, 3) and all(a["draft"].startswith("cac[3.2=A,3.2.sub=1,") for a in r.json())


def test_compose_needs_a_composite(lla):
    r = lla("compose", "dulwich", "--list-options")
    assert r.code == 2
    assert "dulwich is not a composite: it has no options" in r.err


# ---- amendments ----------------------------------------------------------

def test_amend_lists_the_amendments(lla):
    r = lla("amend", "london")
    assert r.code == 0
    assert "keable: London LLA and Stan Keable et al" in r.out
    assert "    replace 2.3 with 2.3.swansea" in r.out


def test_amend_shows_the_changed_clauses(lla):
    r = lla("amend", "london", "swansea", "--json")
    assert r.code == 0
    assert r.json()["removed"] == ["2.3"]
    assert [c["clause"] for c in r.json()["changed"]] == ["2.3.swansea"]


def test_amend_changes_the_answer(lla):
    join = "action: join\nperson: {labour_status: non_member}\n"
    plain = lla("check", "--draft", "london", "j.yaml", "--json", files={"j.yaml": join})
    amended = lla("check", "--draft", "london", "--amend", "swansea", "j.yaml", "--json", files={"j.yaml": join})
    assert plain.json()[0]["verdict"] == "ambiguous"  # 'we expect ... to be in the Labour Party'
    assert amended.json()[0]["draft"] == "london+swansea"
    assert amended.json()[0]["verdict"] != plain.json()[0]["verdict"] or \
        amended.json()[0]["because"] != plain.json()[0]["because"]


def test_unknown_amendment(lla):
    r = lla("ask", "--draft", "london", "--amend", "keeble", Q600)
    assert r.code == 2
    assert r.err == ("--amend: error: no draft asked has an amendment 'keeble'\n"
                     "  expected: one of keable, swansea\n"
                     "  help: did you mean 'keable'?\n")


def test_menu_amendment_is_voted_as_a_choice(lla):
    r = lla("compose", "cac", "--option", "rotherham=for", "--json")
    texts = " ".join(c["text"] for c in r.json()["clauses"])
    assert "Principles" in texts and "opposes all forms of persecution" in texts


def test_cross_rulebook_join_cites_both(lla):
    action = ("action: join\nperson: {labour_status: member, member_of: [Socialist Appeal], "
              "date: 2021-08-01, witch_hunt: true, other_party: false}\n")
    # Under Dulwich the person's Labour status decides: still a member (1.0,
    # allowed), or once auto-excluded, the witch-hunt expelled are for the
    # Officers Group (5.2); so the NEC's clauses are cited with the draft's.
    r = lla("check", "--draft", "dulwich", "sa.yaml", "--json", files={"sa.yaml": action})
    v = r.json()[0]
    assert v["verdict"] == "ambiguous"
    assert {(c.get("draft"), c["clause"]) for c in v["because"]} >= {
        ("labour-nec-2021", "ban.socialist_appeal"), (None, "1.0"), (None, "5.2")}
    assert any("carried 20 to 12" in reason for reason in v["reasons"])
    # LAW/SLL welcomes both a member and one expelled in the witch-hunt: the
    # NEC's decision changes nothing, so only 2.a is cited.
    r = lla("check", "--draft", "law-sll", "sa.yaml", "--json", files={"sa.yaml": action})
    v = r.json()[0]
    assert v["verdict"] == "allowed"
    assert {(c.get("draft"), c["clause"]) for c in v["because"]} == {(None, "2.a")}


def test_answers_alike_under_the_options_asked_keep_their_label(lla):
    """Round 60: asked under options of 3.2 that answer alike, the answer
    was labelled plain 'cac', as if 3.2 E (whose 3.2.e forbids an OG of
    six) answered so too."""
    r = lla("ask", "--draft", "cac:3.2=D", "--draft", "cac:3.2=neither", "may the organising group have 6 members?",
            "--json")
    assert [a["draft"] for a in r.json()] == ["cac[3.2=D/neither]"]

