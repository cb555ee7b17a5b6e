"""Cards as a careful editor judges them: precision, wrong share and recall.

Runs the product over the editors' pages (``editor/pages.py``: the 134
extraction pages, the 307 propaganda articles, 924 PolNeAR election-news
articles and the seed), matches every
card it shows to the editors' labels (``editor/labels/``) by its key, and
counts under ``../shared/EDITOR-RUBRIC.md``:

- precision = right / shown, wrong share = wrong / shown,
- recall = right / (right + clear misses no card of that kind covers), where
  a card once judged right that is no longer shown (hidden by the verifier,
  or no longer proposed by a detector) counts as a miss. Each clear case
  counts once: the wordings of one card judged right, and the recorded
  misses its span covers (as a shown card's span covers them), are one
  miss (since the ninth session; before, each counted on its own).

Labels are the panel's majority where a panel of judges has judged
(``editor/panel.py``: a second judge on every item, a third where the first
two split); ``--first-judge`` counts the first judges' labels alone.

Figures are reported on the held-out part only (fixed by hash, never tuned
on), each with a 95 % interval from resampling whole pages
(``editor/bootstrap.py``). A card with no label yet is counted and named: the figures are final
only when that count is 0 (judge them first, see ``editor/labels/README.md``).

    .venv/bin/python backend/eval/eval_editor.py [--part heldout|tuning] [--errors] [--no-verifier] [--first-judge]

``--errors`` lists the wrong cards and the misses, and only for the tuning
part: the held-out part's errors are not for reading.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import sidenote.pipeline.cards as cards_stage
from sidenote.doc import Card, Doc
from sidenote.verifier import Verifier, load_verifier
from sidenote.verifier.encoder import card_text, load_encoder
from sidenote.verifier.model import EncoderLogits
from sidenote_eval.editor.bootstrap import PageCounts, describe, page_bootstrap
from sidenote_eval.editor.cards import analyse, card_record, shown_cards
from sidenote_eval.editor.labels import KINDS, load_card_labels, load_misses, withdrawn_misses
from sidenote_eval.editor.pages import pages
from sidenote_train.train_verifier import encoder_oof, fold_of, fold_verifiers

TARGETS = {"precision": 0.85, "wrong": 0.05, "recall": 0.60}


@dataclass
class Tally:
    shown: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)  # (kind, verdict)
    misses: Counter = field(default_factory=Counter)
    unlabelled: list = field(default_factory=list)
    hidden_right: int = 0
    errors: list = field(default_factory=list)
    pages: list[PageCounts] = field(default_factory=list)  # each page's counts, all kinds

    def add(self, other: Tally) -> None:
        self.shown.update(other.shown)
        self.verdicts.update(other.verdicts)
        self.misses.update(other.misses)
        self.unlabelled += other.unlabelled
        self.hidden_right += other.hidden_right
        self.errors += other.errors
        self.pages += other.pages

    def row(self, kinds: tuple[str, ...]) -> tuple[int, int, int, int, int]:
        shown = sum(self.shown[k] for k in kinds)
        right = sum(self.verdicts[(k, "right")] for k in kinds)
        wrong = sum(self.verdicts[(k, "wrong")] for k in kinds)
        debatable = sum(self.verdicts[(k, "debatable")] for k in kinds)
        misses = sum(self.misses[k] for k in kinds)
        return shown, right, wrong, debatable, misses


def _returning(verifier: Verifier) -> Callable[[], Verifier]:
    """A stand-in for the cached loader that gives this verifier."""
    return lambda: verifier


def tally(part: str, panel: bool = True,
          verifier_for: Callable[[str], Verifier] | None = None) -> dict[str, Tally]:
    """One Tally per corpus (``Page.corpus``: "news", "prop", "polnear",
    "polnear-fresh", "seed"), from one pass over the part's pages.
    ``verifier_for``: the verifier each page's cards go through, by page id
    (out of fold); otherwise the shipped one."""
    labels = load_card_labels(panel)
    right_by_page: dict[str, list[dict]] = {}
    for row in labels.values():
        if row["verdict"] == "right" and "page" in row:
            right_by_page.setdefault(row["page"], []).append(row)
    withdrawn = withdrawn_misses() if panel else set()
    misses_by_page: dict[str, list[dict]] = {}
    for m in load_misses(panel):
        misses_by_page.setdefault(m["page"], []).append(m)
    by_corpus: dict[str, Tally] = {}
    for page in pages(part):
        t = by_corpus.setdefault(page.corpus, Tally())
        before = t.row(KINDS)
        if verifier_for is not None:
            cards_stage.load_verifier = _returning(verifier_for(page.id))  # type: ignore[assignment]
        doc = analyse(page)
        cards = list(shown_cards(page, doc))
        for c in cards:
            t.shown[c.kind] += 1
            label = labels.get(c.key)
            if label is None:
                t.unlabelled.append(c.record)
                continue
            t.verdicts[(c.kind, label["verdict"])] += 1
            if label["verdict"] == "wrong":
                t.errors.append(("wrong", c.record, label.get("why", "")))
        # A card once judged right that is no longer shown (the verifier hid
        # it, or a detector stopped proposing it) is a clear case no card
        # covers: a miss.
        shown_keys = {c.key for c in cards}
        # One clear case however many wordings of its card were judged
        # right (a card reworded by a change is judged again under a new key),
        # and however many of the editors' recorded misses lie in it.
        counted: set[tuple[str, int, int]] = set()
        for row in right_by_page.get(page.id, []):
            if row["key"] in shown_keys or doc.text[row["start"] : row["end"]] != row["anchor"]:
                continue
            if row["key"] in withdrawn:
                continue  # no longer proposed, and the panel found it no clear miss
            case = (row["kind"], row["start"], row["end"])
            if case in counted:
                continue
            if not any(c.kind == row["kind"] and c.start < row["end"] and row["start"] < c.end for c in cards):
                counted.add(case)
                t.misses[row["kind"]] += 1
                t.hidden_right += 1
        for m in misses_by_page.get(page.id, []):
            at = doc.text.find(m["exact"])
            if at < 0:
                continue  # the words are no longer in the article text: no longer a miss to count
            end = at + len(m["exact"])
            if any(kind == m["kind"] and start < end and at < stop for kind, start, stop in counted):
                # the card judged right there, had it been shown, would cover
                # these words as a shown card does: one clear case, counted once
                continue
            if not any(c.kind == m["kind"] and c.start < end and at < c.end for c in cards):
                t.misses[m["kind"]] += 1
                t.errors.append(("miss", m, m.get("why", "")))
        shown, right, wrong, _, misses = (a - b for a, b in zip(t.row(KINDS), before))
        t.pages.append(PageCounts(shown, right, wrong, misses))
    return by_corpus


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def print_table(t: Tally, title: str) -> None:
    print(f"\n{title}")
    print("| kind | shown | right | wrong | debatable | clear misses | precision | wrong share | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, kinds in [(k, (k,)) for k in KINDS] + [("all", KINDS)]:
        shown, right, wrong, debatable, misses = t.row(kinds)
        print(f"| {name} | {shown} | {right} | {wrong} | {debatable} | {misses} | {_ratio(right, shown)} | "
              f"{_ratio(wrong, shown)} | {_ratio(right, right + misses)} |")


def out_of_fold_logits(page_id: str, logits: dict[str, float]) -> EncoderLogits:
    """The encoder logits of a tuning page's cards from the encoder of the
    folds that never saw the page (train_encoder.py's out-of-fold file); a
    card no editor judged was trained on by none, so the shipped encoder
    scores it."""

    def read(doc: Doc, cards: list[Card]) -> list[float]:
        keys = [card_record(page_id, c)["key"] for c in cards]
        missing = [c for c, k in zip(cards, keys) if k not in logits]
        encoder = load_encoder()
        fresh = iter(encoder.logits([card_text(doc, c) for c in missing]) if missing and encoder else [])
        return [logits[k] if k in logits else next(fresh, 0.0) for k in keys]

    return read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("heldout", "tuning"), default="heldout")
    parser.add_argument("--errors", action="store_true", help="list wrong cards and misses (tuning part only)")
    parser.add_argument("--no-verifier", action="store_true", help="show every candidate (the detectors alone)")
    parser.add_argument("--oof", action="store_true",
                        help="tuning part: each page through a verifier trained without its fold's pages")
    parser.add_argument("--first-judge", action="store_true",
                        help="the first judges' labels alone, without the panel's majority (editor/panel.py)")
    args = parser.parse_args()
    if args.no_verifier:
        # an empty model keeps every candidate (a stand-in for the cached loader)
        cards_stage.load_verifier = Verifier  # type: ignore[assignment]
    if args.errors and args.part != "tuning":
        parser.error("--errors reads errors, and only the tuning part's may be read")
    panel = not args.first_judge
    verifier_for = None
    if args.oof:
        if args.part != "tuning" or args.no_verifier:
            parser.error("--oof is for the tuning part, with the verifier")
        by_fold = fold_verifiers(load_verifier())
        held_out_logits = encoder_oof()

        def verifier_for(page_id: str) -> Verifier:
            return replace(by_fold[fold_of(page_id)], encoder_logits=out_of_fold_logits(page_id, held_out_logits))

    tallies = tally(args.part, panel, verifier_for)
    whole = Tally()
    for part_tally in tallies.values():
        whole.add(part_tally)
    by_corpus = []
    for corpus, name in (("news", "mainstream news pages"), ("prop", "propaganda articles"),
                         ("polnear", "election news (PolNeAR)"),
                         ("polnear-fresh", "election news, fresh pages (sixth session)")):
        if corpus not in tallies:
            continue  # (the fresh pages are all held out: no table of zeros on the tuning part)
        part_tally = tallies[corpus]
        print_table(part_tally, f"{args.part} part, {name}")
        by_corpus.append((name, part_tally))
    print_table(whole, f"{args.part} part, all pages")
    print(f"(clear misses include {whole.hidden_right} cards judged right that are no longer shown)")
    if whole.unlabelled:
        print(f"\n{len(whole.unlabelled)} shown cards have no label yet: these figures are not final.")
        for r in whole.unlabelled[:20]:
            print(f"  {r['key']} {r['page']} {r['kind']}: {r['anchor'][:80]!r}")
    if args.errors:
        for what, rec, why in whole.errors:
            if what == "wrong":
                print(f"WRONG {rec['page']} {rec['kind']} [{rec['key']}] {rec['anchor'][:100]!r} :: {why}")
            else:
                print(f"MISS  {rec['page']} {rec['kind']} {rec['exact']!r} :: {why}")
    shown, right, wrong, _, misses = whole.row(KINDS)
    s_shown, s_right, s_wrong, _, _ = whole.row(("single_source",))
    who = " (detectors alone, no verifier)" if args.no_verifier else ""
    who += ", first judges only" if args.first_judge else ""
    who += ", verifier out of fold" if args.oof else ""
    print(f"RESULT\tcards judged by editors ({args.part} part){who}\tprecision / wrong share / recall\t"
          f"{_ratio(right, shown)} / {_ratio(wrong, shown)} / {_ratio(right, right + misses)}"
          f"{' (' + str(len(whole.unlabelled)) + ' unlabelled)' if whole.unlabelled else ''}\t-\t"
          f">= 0.85 / <= 0.05 / >= 0.60")
    print(f"RESULT\tsingle_source cards judged by editors ({args.part} part){who}\tprecision / wrong share\t"
          f"{_ratio(s_right, s_shown)} / {_ratio(s_wrong, s_shown)}\t-\t>= 0.80 / <= 0.05")
    if "polnear-fresh" in tallies:
        earlier = Tally()
        for corpus, part_tally in tallies.items():
            if corpus != "polnear-fresh":
                earlier.add(part_tally)
        by_corpus.append(("pages held out before the sixth session", earlier))
    print(f"95 % interval, pages resampled ({args.part} part, all pages): {describe(page_bootstrap(whole.pages))}")
    for name, part_tally in by_corpus:
        if part_tally.pages:
            print(f"95 % interval, pages resampled ({name}): {describe(page_bootstrap(part_tally.pages))}")
    for name, part_tally in by_corpus:
        shown, right, wrong, _, misses = part_tally.row(KINDS)
        print(f"RESULT\tcards judged by editors ({args.part} part, {name} only){who}\t"
              f"precision / wrong share / recall (cards shown)\t{_ratio(right, shown)} / {_ratio(wrong, shown)} / "
              f"{_ratio(right, right + misses)} ({shown})\t-\t>= 0.85 / <= 0.05 / >= 0.60")


if __name__ == "__main__":
    main()
