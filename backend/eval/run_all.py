"""`make eval`: every quality figure, beside the published figure for the same data.

Runs each evaluation script in turn (their own output is shown as it comes),
then prints one table built from the ``RESULT`` lines they print:

    RESULT<TAB>judgment<TAB>metric<TAB>ours<TAB>field<TAB>target

Prints; never asserts. Evaluation is not a test: `make test` does not run it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCRIPTS: tuple[tuple[str, ...], ...] = (
    ("eval_extraction.py",),
    ("eval_checkworthy.py",),
    ("eval_propaganda.py",),
    ("eval_attribution.py",),
    ("eval_attribution_nn.py",),
    ("eval_card_rate.py",),
    ("eval_editor.py",),
    # the same cards counted with the first judges' labels alone, beside the panel's
    ("eval_editor.py", "--first-judge"),
    ("eval_sentences_quotes.py",),
    # invented hard cases, against their writers' answer key (a diagnostic)
    ("eval_redteam.py",),
)


def main() -> None:
    rows: list[list[str]] = []
    started = time.time()
    for script, *args in SCRIPTS:
        print(f"\n=== {' '.join([script, *args])} ===", flush=True)
        proc = subprocess.Popen(
            [sys.executable, str(HERE / script), *args], stdout=subprocess.PIPE, text=True, cwd=HERE
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            print(line, end="", flush=True)
            if line.startswith("RESULT\t"):
                rows.append(line.rstrip("\n").split("\t")[1:])
        if proc.wait() != 0:
            rows.append([script, "(the script failed)", "-", "-", "-"])
    print(f"\n=== Summary ({time.strftime('%Y-%m-%d')}, {time.time() - started:.0f} s) ===\n")
    print("| judgment | metric | Sidenote | the field | target |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row + ["-"] * (5 - len(row))) + " |")


if __name__ == "__main__":
    main()
