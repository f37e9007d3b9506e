"""The web app's JSON API (issue 15): each endpoint returns exactly what the
matching `lla` command prints with --json, bad input gets HTTP 422 with the
CLI's own located message, and nothing a request sends reads a server file,
runs past its time box or takes unbounded memory.

Data first: CASES pairs each endpoint call with the CLI command it must
equal; BAD pairs bad calls with the exact message the CLI gives.
"""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from lla_constitution.web.app import create_app
from lla_constitution.web.limits import MAX_BODY, TimeBox, run_limited

DELEGATES = "how many delegates may a local group with 150 members send to conference?"
JOIN = "action: join\nperson: {labour_status: member, lla_supporter: true}\n"
REGISTER = "Name,Kind,Members,LLA supporters\nLeeds Left,local group,150,40\n"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


# (method, path, params or JSON body, CLI args, files the CLI reads)
CASES = [
    ("get", "/api/ask", {"question": DELEGATES}, ["ask", "--json", DELEGATES], {}),
    ("get", "/api/ask", {"question": "what fee does a CLP pay?", "draft": ["law-sll", "tees"]},
     ["ask", "--json", "--draft", "law-sll", "--draft", "tees", "what fee does a CLP pay?"], {}),
    ("get", "/api/ask", {"question": "who may join?", "draft": ["cac"], "option": ["2.2=B"]},
     ["ask", "--json", "--draft", "cac", "--option", "2.2=B", "who may join?"], {}),
    ("get", "/api/ask", {"question": "may a supporter join?", "draft": ["london"], "amend": ["swansea"]},
     ["ask", "--json", "--draft", "london", "--amend", "swansea", "may a supporter join?"], {}),
    ("post", "/api/ask", {"question": "how many delegates may Leeds Left send to conference?",
                          "drafts": ["dulwich"], "register": REGISTER, "register_csv": True},
     ["ask", "--json", "--draft", "dulwich", "--register", "r.csv",
      "how many delegates may Leeds Left send to conference?"], {"r.csv": REGISTER}),
    ("post", "/api/check", {"action": JOIN}, ["check", "--json", "a.yaml"], {"a.yaml": JOIN}),
    ("post", "/api/check", {"action": JOIN, "drafts": ["cac"], "options": ["2.2=A"]},
     ["check", "--json", "--draft", "cac", "--option", "2.2=A", "a.yaml"], {"a.yaml": JOIN}),
    ("get", "/api/diff", {"a": "dulwich", "b": "law-sll", "family": ["fees"]},
     ["diff", "--json", "--family", "fees", "dulwich", "law-sll"], {}),
    ("get", "/api/compare", {"family": ["fees"]}, ["compare", "--json", "--family", "fees"], {}),
    ("get", "/api/compare", {"draft": ["dulwich", "tees"], "family": ["delegates(conference)"], "cac": "none"},
     ["compare", "--json", "--family", "delegates(conference)", "--cac", "none", "dulwich", "tees"], {}),
    # Round 48: "all" is every bundled draft, as --draft all is.
    ("get", "/api/ask", {"question": "may a member of Resist join?", "draft": ["all"]},
     ["ask", "--json", "--draft", "all", "may a member of Resist join?"], {}),
    ("get", "/api/drafts", {}, ["drafts", "--json"], {}),
    ("get", "/api/drafts/tees", {"clause": "5.13"}, ["show", "--json", "tees", "5.13"], {}),
    ("get", "/api/lint", {"draft": ["merseyside"]}, ["lint", "--json", "merseyside"], {}),
]


@pytest.mark.parametrize("method, path, args, cli, files", CASES,
                         ids=[f"{c[0]} {c[1]} {json.dumps(c[2])[:50]}" for c in CASES])
def test_an_endpoint_returns_what_the_cli_prints(client, lla, method, path, args, cli, files):
    r = client.get(path, params=args) if method == "get" else client.post(path, json=args)
    ran = lla(*cli, files=files)
    assert r.status_code == 200, r.text
    assert r.json() == ran.json()
    assert r.headers["x-lla-exit"] == str(ran.code)


def _bundled(rid: str) -> str:
    from lla_constitution.loader import data_dir

    return (data_dir("rules") / f"{rid}.lla").read_text(encoding="utf-8")


def test_lint_of_a_rule_file_sent_as_text(client, lla):
    rules = _bundled("tees")
    r = client.post("/api/lint", json={"rules": rules})
    ran = lla("lint", "--json", "rules.lla", files={"rules.lla": rules})
    assert r.status_code == 200
    assert [(f["code"], f["message"]) for f in r.json()] == [(f["code"], f["message"]) for f in ran.json()]
    assert r.headers["x-lla-exit"] == str(ran.code)


def test_a_diff_against_a_rule_file_sent_as_text(client, lla):
    r = client.post("/api/diff", json={"a_rules": _bundled("merseyside"), "b": "merseyside"})
    assert r.status_code == 200, r.text
    assert r.json()["verdicts"]["equivalent"] == r.json()["compared"]  # the same rules: no difference


def test_conference_returns_what_the_cli_prints(client, lla):
    from pathlib import Path

    tallies = (Path(__file__).resolve().parent.parent / "examples" / "conference" / "composite.yaml")
    text = tallies.read_text(encoding="utf-8")
    r = client.post("/api/conference", json={"tallies": text})
    ran = lla("conference", "--json", "t.yaml", files={"t.yaml": text})
    assert r.status_code == 200
    assert r.json() == ran.json()


# ---- bad input: HTTP 422, the CLI's located message ------------------------------------

BAD = [
    ("get", "/api/ask", {"question": "how many delegates may a blorp send?"},
     ["ask", "how many delegates may a blorp send?"], {}),
    ("get", "/api/ask", {"question": "what fee does a CLP pay?", "draft": ["nosuch"]},
     None, {}),
    ("post", "/api/check", {"action": "action: jion\n"}, ["check", "a.yaml"], {"a.yaml": "action: jion\n"}),
    ("get", "/api/diff", {"a": "dulwich", "b": "law-sll", "family": ["feez"]},
     ["diff", "--family", "feez", "dulwich", "law-sll"], {}),
    ("post", "/api/conference", {"tallies": "cac_motion: {for: 80}\nsections: [1]\n"}, None, {}),
    ("post", "/api/lint", {"rules": "rulebook x\nclause 1 lines 1..1\n  fee = ten\nend\n"}, None, {}),
]


@pytest.mark.parametrize("method, path, args, cli, files", BAD, ids=[json.dumps(c[2])[:60] for c in BAD])
def test_bad_input_gets_422_with_the_clis_message(client, lla, method, path, args, cli, files):
    r = client.get(path, params=args) if method == "get" else client.post(path, json=args)
    assert r.status_code == 422
    assert r.headers["x-lla-exit"] == "2"  # the CLI's exit for bad input (round 48: no header)
    body = r.json()
    assert {"error", "message", "rendered"} <= set(body)
    assert "Traceback" not in body["rendered"]
    if cli is not None:
        ran = lla(*cli, files=files)
        # The same message, located the same way (the file's name is the server's own).
        # An option's error names the request's field, not the CLI's "--" option (round 68).
        cli_err = ran.err.rstrip("\n")
        if cli_err.startswith("--"):
            cli_err = cli_err[2:]
        assert body["rendered"].replace("action.yaml", "a.yaml") == cli_err


@pytest.mark.parametrize("spec", ["/etc/passwd", "../rules/dulwich.lla", "rules/dulwich.lla", "dulwich/../x",
                                  "C:\\x.lla", "~/x.lla"])
def test_a_request_cannot_name_a_file_on_the_server(client, spec):
    for r in (client.get("/api/ask", params={"question": "what fee does a CLP pay?", "draft": spec}),
              client.get("/api/diff", params={"a": spec, "b": "dulwich"}),
              client.get(f"/api/drafts/{spec}"),
              client.get("/api/lint", params={"draft": spec})):
        assert r.status_code in (404, 422), (spec, r.status_code, r.text[:200])
        if r.status_code == 422:
            assert r.json()["message"].startswith("unknown draft")


def test_a_request_too_big_is_refused(client):
    r = client.post("/api/check", content=b"x" * (MAX_BODY + 1), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "more than the server reads" in r.json()["message"]


def test_a_request_past_its_time_box_stops_with_a_message():
    slow = TestClient(create_app(seconds=0.01))
    r = slow.get("/api/compare", params={"family": ["submit_motion(conference)"]})
    assert r.status_code == 422
    assert "longer than the 0.01 seconds" in r.json()["message"]
    assert r.json()["help"].startswith("narrow it")


def refuse():
    from lla_constitution.errors import InputError

    raise InputError("no such thing", path="x", help="try another")


def test_run_limited_kills_a_runaway_and_passes_lla_errors_back():
    import time

    from lla_constitution.errors import InputError

    with pytest.raises(TimeBox):
        run_limited(time.sleep, 5, seconds=0.5)
    with pytest.raises(InputError) as err:
        run_limited(refuse, seconds=20)
    assert err.value.render() == "x: error: no such thing\n  help: try another"


def test_the_api_has_openapi_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/ask", "/api/check", "/api/compare", "/api/diff", "/api/drafts", "/api/lint",
            "/api/conference"} <= set(spec["paths"])
    assert "AnswerOut" in json.dumps(spec)
    assert client.get("/docs").status_code == 200


# ---- fuzz: whatever a request sends, a reply (200, or 422 with a message), never a 500 --------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(st.characters(min_codepoint=1, max_codepoint=0x2FFF, blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=_TEXT, draft=st.lists(st.sampled_from(["dulwich", "cac:4.2=B", "nosuch", "../x", "", "cac:9=Z"]),
                                      max_size=2))
def test_fuzz_ask(client, question, draft):
    r = client.get("/api/ask", params={"question": question, "draft": draft})
    assert r.status_code in (200, 422), r.text[:300]
    if r.status_code == 422:
        assert r.json()["rendered"] and "Traceback" not in r.json()["rendered"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(action=st.one_of(_TEXT, st.sampled_from(["action: join\n", "action: pass_motion\nvotes: {for: -1}\n",
                                                "[1, 2", "action: submit_motion\ngroup: {kind: lla_branch}\n"])))
def test_fuzz_check(client, action):
    r = client.post("/api/check", json={"action": action})
    assert r.status_code in (200, 422), r.text[:300]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rules=_TEXT)
def test_fuzz_lint_and_diff_of_rule_text(client, rules):
    for r in (client.post("/api/lint", json={"rules": rules}),
              client.post("/api/diff", json={"a_rules": rules, "b": "merseyside", "family": ["join"]})):
        assert r.status_code in (200, 422), r.text[:300]


def test_an_api_error_names_the_requests_field(client):
    # Round 67: the location was the CLI's option ("--draft"), not the field.
    r = client.post("/api/conference", json={"draft": "launch-2020", "tallies": "cac_motion: {for: 80}\n"})
    assert r.status_code == 422 and r.json().get("location") == "draft", r.json()
    assert r.json()["rendered"].startswith("draft: error:"), r.json()
