"""Figures for the sentences and quotes stages (prints, never asserts).

Sentences: boundary precision/recall against the one-sentence-per-line
layout of the propaganda corpus (lines of a paragraph joined with a space),
counting only boundaries after terminal punctuation on both sides.
Quotes: against PolNeAR attribution Content spans: how many direct quotes
overlap credited content, how many scare quotes are themselves credited
content, and how many quoted Content spans a direct quote covers.
Usage: .venv/bin/python backend/eval/eval_sentences_quotes.py [DATASETS_DIR]
"""
from __future__ import annotations

import glob
import sys
import time
from pathlib import Path

from sidenote.pipeline.quotes import find_quotes
from sidenote.pipeline.sentences import split_text
from sidenote_eval.common import DATASETS

DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else DATASETS


def sentences_eval() -> None:
    tp = fp = fn = 0
    n_text = 0
    for path in sorted((DATA / "propaganda" / "articles").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        paras = [p for p in raw.split("\n\n") if p.strip()]
        for para in paras:
            lines = [line.strip() for line in para.split("\n") if line.strip()]
            text = " ".join(lines)
            gold, pos = set(), 0
            for line in lines[:-1]:
                pos += len(line)
                # Lines of the corpus that end without a stop are page
                # furniture (lists, bylines, tweets); only real ends count.
                if line.rstrip("\"'”’)]").endswith((".", "!", "?", "…")):
                    gold.add(pos)
                pos += 1
            pred = {e for s, e in split_text(text)[:-1] if text[:e].rstrip("\"'”’)]").endswith((".", "!", "?", "…"))}
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
            n_text += 1
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"sentences (propaganda, {n_text} paragraphs): boundary P={p:.3f} R={r:.3f} F1={2*p*r/(p+r):.3f} "
          f"(tp={tp} fp={fp} fn={fn})")


def load_contents(ann_glob: str) -> list[tuple[int, int]]:
    out = []
    for ann in glob.glob(ann_glob):
        for line in open(ann, encoding="utf-8"):
            parts = line.split("\t")
            if len(parts) >= 2 and parts[1].startswith("Content "):
                segs = parts[1].split(" ", 1)[1]
                for seg in segs.split(";"):
                    a, b = seg.split()
                    out.append((int(a), int(b)))
    return out


def quotes_eval(split: str) -> None:
    counts = {"direct": [0, 0], "scare": [0, 0], "title": [0, 0]}
    quoted_content = covered = credited_scare = 0
    total_t = total_chars = 0.0
    for path in sorted((DATA / "attribution" / split / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        contents = load_contents(str(DATA / "attribution" / split / "attributions" / (path.stem + "_*.ann")))
        t0 = time.perf_counter()
        qs = find_quotes(text)
        total_t += time.perf_counter() - t0
        total_chars += len(text)
        for q in qs:
            inside = any(a <= q.start and q.end <= b for a, b in contents)
            if q.kind == "scare" and any(
                a <= q.outer_start + 1 and q.outer_end - 1 <= b and q.end - q.start >= 0.7 * (b - a)
                for a, b in contents
            ):
                credited_scare += 1
            counts[q.kind][0] += 1
            counts[q.kind][1] += inside
        directs = [q for q in qs if q.kind == "direct"]
        for a, b in contents:
            seg = text[a:b].strip()
            if len(seg) > 2 and seg[0] in "\"“'‘" and seg[-1] in "\"”'’":
                quoted_content += 1
                covered += any(q.start < b and a < q.end for q in directs)
    for kind, (n, n_inside) in counts.items():
        print(f"quotes ({split}): {kind:6} n={n:5d}  inside an annotated Content span: {n_inside / max(n, 1):.3f}")
    print(f"quotes ({split}): scare quotes that are (>=70% of) a whole annotated Content span "
          f"(credited words, so a wrong 'scare'): {credited_scare}/{counts['scare'][0]}")
    print(f"quotes ({split}): quoted Content spans overlapped by a direct quote: {covered}/{quoted_content} "
          f"= {covered / max(quoted_content, 1):.3f}")
    print(f"quotes ({split}): {1000 * total_t:.1f} ms for {total_chars / 1e6:.2f} M chars")


def speed() -> None:
    """Both stages on 1,000-word stretches of real articles (paragraphs kept),
    best of 5 x 10 runs each, in CPU time, as the pipeline would call them (per block)."""
    from sidenote.doc import Article, Block, Doc
    from sidenote.pipeline.quotes import find, text_blocks
    from sidenote.pipeline.sentences import split

    docs = []
    for path in sorted((DATA / "attribution" / "train" / "text").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        words = raw.split(" ")
        if len(words) < 1000:
            continue
        text = " ".join(words[:1000])
        blocks = tuple(Block("paragraph", s, e) for s, e in text_blocks(text))
        docs.append(Doc(article=Article(text=text, blocks=blocks)))
        if len(docs) == 50:
            break
    times = []
    for doc in docs:
        best = min(_timed(lambda doc=doc: find(split(doc))) for _ in range(5))
        times.append(best)
    times.sort()
    print(f"speed: sentences+quotes on {len(docs)} real 1,000-word texts: "
          f"median {1000 * times[len(times) // 2]:.3f} ms, max {1000 * times[-1]:.3f} ms")


def _timed(fn) -> float:
    # CPU time of this process, so other jobs on a shared machine do not count.
    t0 = time.process_time()
    for _ in range(10):
        fn()
    return (time.process_time() - t0) / 10


if __name__ == "__main__":
    sentences_eval()
    quotes_eval("train")
    quotes_eval("dev")
    speed()
