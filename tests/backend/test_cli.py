"""The ``sidenote`` command (sidenote/cli.py): the API's answer without a
server, readable or as JSON; URLs fetched as safely as linked pages.

Most cases call ``main`` in this process; the installed ``.venv/bin/sidenote``
is run as a subprocess too, the way a person runs it from a fresh clone."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_contract import assert_valid
from local_servers import LocalServer, page

from sidenote import create_app
from sidenote.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "fixtures" / "seed-article.html"
# Installed by `make test` / `make run` (pip install -e backend), beside this Python.
SIDENOTE = Path(sys.executable).parent / "sidenote"

QUOTE = "We will never raise taxes on working families"


def api_answer(body: dict, **config: object) -> bytes:
    app = create_app({"TESTING": True, "REDIS_URL": None, "RATE_LIMIT": 0, **config})
    r = app.test_client().post("/api/v1/analyze", json=body)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_data()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def article(url: str) -> str:
    return (
        "<html><head><title>Budget row deepens</title></head><body><article><h1>Budget row deepens</h1>"
        "<p>The finance ministry defended the plan on Tuesday.</p>"
        f"<p>\u201c{QUOTE},\u201d the ministry said in <a href=\"{url}\">a statement</a>.</p>"
        "</article></body></html>"
    )


@pytest.fixture
def server() -> Iterator[LocalServer]:
    s = LocalServer()
    yield s
    s.close()


# --- as the API answers --------------------------------------------------------------


def test_json_is_exactly_what_analyze_answers(capsys, seed_html):
    code, out, err = run(capsys, "analyze", "--json", str(SEED))
    assert (code, err) == (0, "")
    assert out.encode("utf-8") == api_answer({"html": seed_html}) + b"\n"
    assert_valid("AnalyzeResponse", json.loads(out))


def test_the_installed_command_gives_the_seeds_cards_from_a_fresh_clone():
    # The check a newcomer makes: `.venv/bin/sidenote analyze --json ../shared/fixtures/seed-article.html`.
    assert SIDENOTE.is_file(), "make test installs the sidenote command (pip install -e backend)"
    done = subprocess.run(
        [str(SIDENOTE), "analyze", "--json", "../shared/fixtures/seed-article.html"],
        cwd=REPO, capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    answer = json.loads(done.stdout)
    assert answer == json.loads(api_answer({"html": SEED.read_text(encoding="utf-8")}))
    assert {c["kind"] for c in answer["cards"]} == {"single_source", "unverified_social_quote", "loaded_framing"}
    assert any(c["kind"] == "loaded_framing" and "rebels" in c["anchor"]["exact"] for c in answer["cards"])


def test_standard_input_as_plain_text_through_the_installed_command():
    text = "City council approves new budget\n\nThe council voted 7-2 on Tuesday, the mayor's office said."
    done = subprocess.run(
        [str(SIDENOTE), "analyze", "--text", "--json", "-"], input=text.encode(), capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout) == json.loads(api_answer({"text": text}))


def test_readable_output_groups_the_cards_by_kind_with_their_words(capsys):
    code, out, _ = run(capsys, "analyze", str(SEED))
    assert code == 0
    answer = json.loads(api_answer({"html": SEED.read_text(encoding="utf-8")}))
    lines = out.splitlines()
    assert lines[0].startswith("US Bombs Syrian Army Units")
    assert " ".join(out.split()).count(answer["summary"]["headline"]) == 1
    counts = answer["summary"]["counts"]
    headings = [
        f"Key claims resting on a single source ({counts['single_source']})",
        f"Social-media quotes the page does not link to ({counts['unverified_social_quote']})",
        f"Loaded wording ({counts['loaded_framing']})",
    ]
    positions = [lines.index(h) for h in headings]
    assert positions == sorted(positions)
    for card in answer["cards"]:
        assert f"  {card['id']:<4} [{card['severity']}" in out
    # The anchored words are shown (the start of a long anchor, then "…").
    assert "     > Syrian army units celebrate a victory over ISIS" in out
    assert "“rebels” (scare quotes)" in out


def test_url_option_names_a_files_page(capsys, tmp_path):
    f = tmp_path / "story.html"
    f.write_text(article("/statements/budget"), encoding="utf-8")
    code, out, _ = run(capsys, "analyze", "--json", "--url", "https://paper.example/2024/05/budget-row", str(f))
    answer = json.loads(out)
    assert code == 0 and answer["article"]["url"] == "https://paper.example/2024/05/budget-row"
    hrefs = [link["href"] for b in answer["article"]["blocks"] for link in b["links"]]
    assert hrefs == ["https://paper.example/statements/budget"]


# --- fetching a URL, as safely as a linked page ------------------------------------------


def test_a_url_is_fetched_when_allowed_and_redirects_are_followed(capsys, monkeypatch, server):
    story = server.route("/2024/05/budget-row", article("/statement").encode())
    server.route("/old-address", status=301, headers={"Location": story})
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", server.hostport)
    code, out, err = run(capsys, "analyze", "--json", server.url("/old-address"))
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert answer["article"]["url"] == story  # where the page was, for its relative links
    assert answer["article"]["title"] == "Budget row deepens"
    assert server.requests[0][1]["user-agent"].startswith("Sidenote/1")


def test_a_local_address_is_refused_and_never_contacted(capsys, monkeypatch, server):
    monkeypatch.delenv("SIDENOTE_FETCH_ALLOW", raising=False)
    url = server.route("/internal", article("/x").encode())
    code, out, err = run(capsys, "analyze", url)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"sidenote: {url} is not a public http(s) address")
    assert server.connections == 0


def test_a_redirect_to_a_local_address_is_refused(capsys, monkeypatch, server):
    other = LocalServer()  # not allowed
    try:
        target = other.route("/internal", article("/x").encode())
        server.route("/moved", status=302, headers={"Location": target})
        monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", server.hostport)
        code, _, err = run(capsys, "analyze", server.url("/moved"))
        assert code == 1 and "is not a public http(s) address" in err
        assert other.connections == 0
    finally:
        other.close()


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ({"status": 404}, "answered HTTP 404"),
        ({"content_type": "application/pdf"}, "is not an HTML page"),
    ],
)
def test_a_failed_fetch_is_one_line(capsys, monkeypatch, server, route, message):
    url = server.route("/page", b"%PDF-1.7", **route)
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", server.hostport)
    code, out, err = run(capsys, "analyze", url)
    assert (code, out) == (1, "")
    assert err == f"sidenote: {url} {message}\n"


def test_follow_links_works_as_the_apis(capsys, monkeypatch, server, tmp_path):
    statement = server.route("/statement", page("We will cut taxes for small firms.", title="Statement"))
    html = article(statement)
    f = tmp_path / "story.html"
    f.write_text(html, encoding="utf-8")
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", server.hostport)
    code, out, _ = run(capsys, "analyze", "--json", "--follow-links", "--url", "https://paper.example/a", str(f))
    assert code == 0
    answer = json.loads(out)
    assert answer["links"] == [{"url": statement, "status": "ok", "http_status": 200, "title": "Statement"}]
    assert [c["kind"] for c in answer["cards"]].count("quote_not_in_source") == 1
    api = api_answer(
        {"url": "https://paper.example/a", "html": html, "follow_links": True}, FETCH_ALLOW=server.hostport
    )
    assert answer == json.loads(api)
    assert_valid("AnalyzeResponse", answer)

    code, out, _ = run(capsys, "analyze", "--follow-links", "--url", "https://paper.example/a", str(f))
    assert "Quotations not on the page they link to (1)" in out
    assert f"Links followed (1)\n  ok 200           {statement}  Statement" in out


def test_without_follow_links_nothing_is_fetched(capsys, monkeypatch, server, tmp_path):
    f = tmp_path / "story.html"
    f.write_text(article(server.route("/statement", page(QUOTE))), encoding="utf-8")
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", server.hostport)
    code, out, _ = run(capsys, "analyze", "--json", str(f))
    assert code == 0 and "links" not in json.loads(out)
    assert server.connections == 0


# --- bad input and usage ----------------------------------------------------------


def test_bad_input_exits_1_with_one_line(capsys, tmp_path):
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    cases = [
        ([str(tmp_path / "missing.html")], f"sidenote: {tmp_path / 'missing.html'}: no such file\n"),
        ([str(tmp_path)], f"sidenote: {tmp_path}: is a folder, not a file\n"),
        (["--text", str(tmp_path / "latin1.txt")], f"sidenote: {tmp_path / 'latin1.txt'} is not UTF-8 text (byte 3)\n"),
        (
            ["ftp://example.org/story"],
            "sidenote: ftp://example.org/story: only http and https addresses can be fetched\n",
        ),
    ]
    for args, message in cases:
        code, out, err = run(capsys, "analyze", *args)
        assert (code, out, err) == (1, "", message), args


def test_a_malformed_allow_list_is_bad_input(capsys, monkeypatch):
    monkeypatch.setenv("SIDENOTE_FETCH_ALLOW", "not a pair")
    code, _, err = run(capsys, "analyze", "https://example.org/story")
    assert code == 1 and err.startswith("sidenote: SIDENOTE_FETCH_ALLOW: 'not a pair' is not a host:port pair")


def test_an_empty_page_is_not_an_error(capsys, tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    code, out, _ = run(capsys, "analyze", str(tmp_path / "empty.html"))
    assert code == 0 and "No article text found on this page." in out


@pytest.mark.parametrize(
    "args",
    [
        [],  # no command
        ["analyze"],  # no source
        ["analyze", "--bogus", "x.html"],
        ["summarise", "x.html"],
        ["analyze", "--text", "https://example.org/story"],
        ["analyze", "--url", "https://a.example/", "https://example.org/story"],
    ],
)
def test_usage_errors_exit_2(capsys, args):
    code: int | str | None
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: sidenote")


def test_usage_error_from_the_installed_command():
    done = subprocess.run([str(SIDENOTE), "analyze"], capture_output=True, timeout=60)
    assert done.returncode == 2 and b"the following arguments are required: FILE|URL|-" in done.stderr
