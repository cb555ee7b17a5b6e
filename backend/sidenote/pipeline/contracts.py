"""What each stage reads from the frozen :class:`Doc` and what it fills.

Like spaCy's ``requires``/``assigns``: every stage named in
``pipeline.STAGES`` has a :class:`Contract` in ``pipeline.CONTRACTS``, and
:func:`check` makes sure, when ``sidenote.pipeline`` is imported and again
before each run, that everything a stage reads was filled before it: by
extraction (``Doc.article``) or by an earlier stage. A stage whose needs
are not met, a stage with no contract or a field ``Doc`` does not have
stops the start-up with a :class:`ContractError` that names the stage and
says what to change.

The names are ``Doc`` field names. A stage may fill a field an earlier
stage filled too (attribution sets ``Quote.source`` on ``Doc.quotes``; the
cards stage flags ``Doc.claims``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache

from ..doc import Doc

#: What extraction fills: every stage may read it.
EXTRACTED: frozenset[str] = frozenset({"article"})


@dataclass(frozen=True)
class Contract:
    requires: tuple[str, ...]  # Doc fields the stage reads
    assigns: tuple[str, ...]  # Doc fields the stage fills (or refills)


class ContractError(RuntimeError):
    """The stages, in their order, do not fit their contracts: a
    programming error, raised at start-up, never for a page."""


_DOC_FIELDS = frozenset(f.name for f in fields(Doc))


def check(stages: Iterable[tuple[str, Callable[[Doc], Doc]]], contracts: Mapping[str, Contract]) -> None:
    """Raise :class:`ContractError` unless every stage's ``requires`` is
    filled by extraction or by a stage before it."""
    _check(tuple(name for name, _ in stages), tuple(sorted(contracts.items())))


@lru_cache(maxsize=8)
def _check(names: tuple[str, ...], contracts: tuple[tuple[str, Contract], ...]) -> None:
    # (cached: run() checks the stages before every page, for nothing once they fit)
    by_name = dict(contracts)
    filled = set(EXTRACTED)  # the Doc fields filled so far
    for name in names:
        contract = by_name.get(name)
        if contract is None:
            raise ContractError(
                f"The pipeline stage '{name}' declares no contract: add "
                f"CONTRACTS['{name}'] = Contract(requires=(...), assigns=(...)) in "
                "sidenote/pipeline/__init__.py, naming the Doc fields it reads and fills."
            )
        unknown = [f for f in contract.requires + contract.assigns if f not in _DOC_FIELDS]
        if unknown:
            raise ContractError(
                f"The contract of the pipeline stage '{name}' names "
                f"{', '.join(f'Doc.{f}' for f in unknown)}, which Doc does not have "
                f"(its fields: {', '.join(sorted(_DOC_FIELDS))}): fix CONTRACTS['{name}'] "
                "in sidenote/pipeline/__init__.py, or add the field to sidenote/doc.py."
            )
        missing = [f for f in contract.requires if f not in filled]
        if missing:
            later = {f: n for n in names[names.index(name) + 1 :] for f in by_name.get(n, _NONE).assigns}
            hints = [
                f"Doc.{f} is filled by the stage '{later[f]}', which runs after it: "
                f"move '{name}' after '{later[f]}' in STAGES" if f in later
                else f"No stage fills Doc.{f}: add one that assigns it before '{name}'"
                for f in missing
            ]
            raise ContractError(
                f"The pipeline stage '{name}' reads "
                f"{', '.join(f'Doc.{f}' for f in missing)}, which nothing before it fills "
                f"(filled by then: {', '.join(f'Doc.{f}' for f in sorted(filled))}). "
                + ". ".join(hints) + " (sidenote/pipeline/__init__.py)."
            )
        filled.update(contract.assigns)


_NONE = Contract((), ())
