"""Cards on invented hard cases, against the writer's answer key.

``redteam/social`` and ``redteam/loaded`` are 18 invented articles each
(HTML), and ``redteam/election`` and ``redteam/election2`` 20 each in plain
text in the style of 2016 election coverage (``election2`` written around
the shapes of the social quotes editors judged wrong on the tuning pages),
written by helpers who never saw the code, full of the shapes the detectors
must tell apart (a post quoted with no link, with a link to the post, with a
profile link only, a spoken quote from someone who also posts; loaded words
in the outlet's voice and a speaker's, beside decoys: negations, idioms,
words that fit the facts, legal terms). Each writer keyed every case:
``{"page", "exact", "should_flag": true|false|"debatable", "why"}``
(``redteam/README.md``).

A shown card of the set's kind whose anchor overlaps a keyed case's words
is that case's card: right where ``should_flag`` is true, wrong where it is
false; a card on no keyed case is counted apart ("unkeyed", for reading).
Recall is right / (right + keyed cases with no card). Debatable cases are
counted neither way.

These pages are for reading: their errors may be read and built on, so
their figures are diagnostics of clear cases, never held-out figures. The
writers' articles are cleaner than real pages (on them the detectors alone
are right far more often than on the editors' pages), so a high figure
here says little about real pages; a wrong card here is a real defect.

    .venv/bin/python backend/eval/eval_redteam.py [--candidates] [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from sidenote_eval.editor.cards import analyse, shown_cards
from sidenote_eval.editor.pages import Page

HERE = Path(__file__).resolve().parent / "redteam"
SETS = {"social": "unverified_social_quote", "election": "unverified_social_quote",
        "election2": "unverified_social_quote", "loaded": "loaded_framing", "loaded2": "loaded_framing"}


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    missed: int = 0
    debatable_shown: int = 0
    unkeyed: int = 0
    absent: int = 0  # keyed words not in the article text (a headline the text leaves out)
    lines: list[str] = field(default_factory=list)

    @property
    def shown(self) -> int:
        return self.right + self.wrong + self.debatable_shown + self.unkeyed


def read_key(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# "The quotation from Ann Lee uses ...": the speaker a loaded-wording card names.
_NAMED_SPEAKER = re.compile(r"^The quotation from (.+?) uses ")


def _misvoiced(card: dict, voice: str | None) -> bool:
    """A card on a keyed case that gives the words to the wrong voice: the
    outlet's words called a quoted speaker's, or the reverse, or a speaker
    named who is not the key's (``"speaker:Ann Lee"``; the card may leave
    the speaker unnamed, "the person quoted"). Keys without a voice (the
    social-quote sets) are not checked."""
    if not voice or card.get("voice") is None:
        return False
    if voice == "outlet":
        return card["voice"] != "outlet"
    if card["voice"] != "quoted":
        return True
    named = _NAMED_SPEAKER.match(card.get("body", ""))
    if named is None or named.group(1) == "the person quoted":
        return False
    key_words = {w.lower() for w in re.findall(r"[\w'’-]+", voice.removeprefix("speaker:")) if len(w) > 2}
    return not key_words & {w.lower() for w in re.findall(r"[\w'’-]+", named.group(1))}


def score_page(page: Page, kind: str, keys: list[dict], candidates: bool, score: Score) -> None:
    doc = analyse(page)
    cards = [c for c in shown_cards(page, doc, candidates=candidates) if c.kind == kind]
    covered: set[str] = set()
    for case in keys:
        at = doc.text.find(case["exact"])
        if at < 0:
            score.absent += 1
            continue
        end = at + len(case["exact"])
        hits = [c for c in cards if c.start < end and at < c.end]
        covered.update(c.key for c in hits)
        flag = case["should_flag"]
        if flag == "debatable":
            score.debatable_shown += bool(hits)
        elif flag and hits and not any(_misvoiced(c.record, case.get("voice")) for c in hits):
            score.right += 1
        elif flag and hits:
            score.wrong += 1
            for c in hits:
                score.lines.append(f"WRONG {page.id} {c.record['anchor']!r} [{c.record['body'][:90]}] :: "
                                   f"the words are {case['voice']}'s")
        elif flag:
            score.missed += 1
            score.lines.append(f"MISS  {page.id} {case['exact']!r} :: {case['why']}")
        elif hits:
            score.wrong += 1
            for c in hits:
                score.lines.append(f"WRONG {page.id} {c.record['anchor']!r} [{c.record['title']}] :: {case['why']}")
    for c in cards:
        if c.key not in covered:
            score.unkeyed += 1
            score.lines.append(f"UNKEYED {page.id} {c.record['anchor']!r} [{c.record['title']}] {c.record['body']}")


def score_set(name: str, candidates: bool = False, root: Path = HERE) -> Score:
    keys = read_key(root / name / "key.jsonl")
    score = Score()
    for path in sorted([*(root / name).glob("*.html"), *(root / name).glob("*.txt")]):
        # an .html page is analysed as a browser sends it; a .txt page as plain text, as a wire feed gives it
        html = path.suffix == ".html"
        page = Page(id=f"{name}/{path.stem}", kind="html" if html else "text", body=path.read_text(encoding="utf-8"),
                    url=f"https://invented.example/{name}/{path.stem}" if html else None, heldout=False)
        score_page(page, SETS[name], [k for k in keys if k["page"] == path.stem], candidates, score)
    return score


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", action="store_true",
                        help="every card the detectors propose, before the verifier")
    parser.add_argument("--errors", action="store_true", help="list the wrong, missed and unkeyed cards")
    args = parser.parse_args()
    label = "detectors alone, no verifier" if args.candidates else "as shown"
    print("| set | shown | right | wrong | debatable case | unkeyed | missed | precision | wrong share | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in SETS:
        s = score_set(name, args.candidates)
        print(f"| {name} | {s.shown} | {s.right} | {s.wrong} | {s.debatable_shown} | {s.unkeyed} | {s.missed} | "
              f"{_ratio(s.right, s.shown)} | {_ratio(s.wrong, s.shown)} | {_ratio(s.right, s.right + s.missed)} |")
        if args.errors:
            print("\n".join(s.lines))
        print(f"RESULT\t{SETS[name]} cards on invented hard cases ({label})\tprecision / wrong share / recall "
              f"(cards shown)\t{_ratio(s.right, s.shown)} / {_ratio(s.wrong, s.shown)} / "
              f"{_ratio(s.right, s.right + s.missed)} ({s.shown})\t-\t-")


if __name__ == "__main__":
    main()
