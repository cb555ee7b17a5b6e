"""The stages' contracts (issue #18): what each stage reads and fills, checked
at start-up, and each stage keeping to its own."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from staged import doc_through

from sidenote import pipeline
from sidenote.doc import Doc
from sidenote.pipeline import CONTRACTS, STAGES, through
from sidenote.pipeline.contracts import EXTRACTED, Contract, ContractError, check
from sidenote.pipeline.extract import from_text

SEED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "seed-article.txt"


def _stage(name: str):
    return next(s for s in STAGES if s[0] == name)


def test_the_shipped_stages_fit_their_contracts() -> None:
    check(STAGES, CONTRACTS)
    assert [name for name, _ in STAGES] == list(CONTRACTS)
    assert EXTRACTED == {"article"}


def test_a_stage_before_what_it_reads_is_named_with_the_fix() -> None:
    stages = (_stage("sentences"), _stage("attribution"), _stage("quotes"))
    with pytest.raises(ContractError) as err:
        check(stages, CONTRACTS)
    message = str(err.value)
    assert "'attribution' reads Doc.quotes" in message
    assert "move 'attribution' after 'quotes'" in message


def test_a_field_no_stage_fills_is_named() -> None:
    stages = tuple(s for s in STAGES if s[0] != "claims")
    with pytest.raises(ContractError, match=r"'cards' reads Doc.claims.*No stage fills Doc.claims"):
        check(stages, CONTRACTS)


def test_a_stage_without_a_contract_is_refused() -> None:
    with pytest.raises(ContractError, match=r"'spelling' declares no contract"):
        check(STAGES + (("spelling", lambda d: d),), CONTRACTS)


def test_a_contract_naming_no_field_of_doc_is_refused() -> None:
    contracts = {**CONTRACTS, "claims": Contract(requires=("sentense",), assigns=("claims",))}
    with pytest.raises(ContractError, match=r"'claims' names Doc.sentense"):
        check(STAGES, contracts)


def test_a_run_checks_the_stages_before_any_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []

    def spy(name, fn):
        def stage(d):
            ran.append(name)
            return fn(d)

        return name, stage

    monkeypatch.setattr(pipeline, "STAGES", tuple(spy(*s) for s in (_stage("claims"),) + STAGES))
    with pytest.raises(ContractError, match="'claims' reads"):
        pipeline.analyze_text("Officials said the bridge was closed.")
    assert ran == []


def test_through_runs_the_stages_up_to_one_in_order() -> None:
    extracted = Doc(article=from_text(SEED.read_text(encoding="utf-8")))
    doc = doc_through("sentences", extracted)
    assert doc.sentences and not doc.quotes and not doc.sources
    by_hand = extracted
    for _, stage in STAGES[:3]:
        by_hand = stage(by_hand)
    assert through("attribution", extracted) == by_hand
    with pytest.raises(ContractError, match="No pipeline stage is named 'sentence'"):
        through("sentence", by_hand)


@pytest.mark.parametrize("name", [name for name, _ in STAGES])
def test_each_stage_reads_only_what_it_requires_and_fills_only_what_it_assigns(name: str) -> None:
    """The contracts are true of the code: a stage given a Doc whose other
    fields are blanked fills the same, and leaves every field outside its
    assigns as it found it."""
    names = [n for n, _ in STAGES]
    i = names.index(name)
    extracted = Doc(article=from_text(SEED.read_text(encoding="utf-8")))
    before = through(names[i - 1], extracted) if i else extracted
    contract = CONTRACTS[name]
    stage = dict(STAGES)[name]
    after = stage(before)
    blank: dict[str, Any] = {
        f.name: f.default for f in fields(Doc) if f.name not in contract.requires and f.name != "article"
    }
    blanked = stage(replace(before, **blank))
    for assigned in contract.assigns:
        assert getattr(blanked, assigned) == getattr(after, assigned), f"'{name}' reads a field outside its requires"
    for f in fields(Doc):
        if f.name not in contract.assigns:
            assert getattr(after, f.name) == getattr(before, f.name), f"'{name}' changes Doc.{f.name}"
    assert any(getattr(after, assigned) for assigned in contract.assigns), f"'{name}' filled nothing on the seed"
