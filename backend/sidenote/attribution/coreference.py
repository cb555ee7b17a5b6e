"""Which source a credit's phrase names: a known one (the same name, a
surname, "the ministry"), a new one, or, for a pronoun, the source it
stands for. Then, once every credit is read, a role that names one known
person ("one Syrian MP" is Fares Shehabi) and every other place the article
names a known source."""

from __future__ import annotations

import re

from ..doc import Span
from .antecedents import NAME_RE, antecedent, common_noun_capitalised, group_antecedent
from .it_reference import resolve_it
from .patterns.credit import Credit
from .sources import (
    GROUP_KINDS,
    PERSON_KINDS,
    Entry,
    classify,
    find_or_add,
    name_key,
    role_match,
    surname,
    title_of,
    titles_held,
)
from .words import ORG_WORDS

_THE_NOUN_RE = re.compile(r"\bthe[ \t]+([a-z]+)\b")


def resolve(
    text: str, c: Credit, entries: list[Entry], recent: list[int], headline: bool = False
) -> int | None:
    """The index of the entry ``c`` credits (its mention added), a new one
    if need be; None when the phrase stands for no source we can name.
    ``recent``: the entries credited so far, oldest first. ``headline``:
    the credit is in a title-case line."""
    ph = classify(text, c.name)
    if headline and ph.kind in ("person", "anonymous") and common_noun_capitalised(text, c.name):
        # A headline's "Muslim Cleric: ...": title case capitalises a role the
        # article writes in lower case ("a Kuwaiti cleric"). The article names
        # that person below; a card calling him "an unnamed source" or
        # "Muslim Cleric" would be wrong, so the headline credits no one.
        return None
    if ph.kind.startswith("pronoun:"):
        return _resolve_pronoun(text, c.mention, ph.kind, entries, recent)
    idx = find_or_add(text, entries, ph.name, ph.kind)
    mention = c.mention if ph.name == c.name else ph.name
    entries[idx].mentions.add(mention)
    if not c.mention.contains(c.name) and ph.name == c.name:
        entries[idx].mentions.add(c.name)  # "Trump, who said": both stand for him
    return idx


def _resolve_pronoun(text: str, mention: Span, kind: str, entries: list[Entry], recent: list[int]) -> int | None:
    """A pronoun stands for the last credited source of its kind; failing
    that, "she" for the person the article last named and "they" for a
    plural name just before it."""
    word = text[mention.start : mention.end].lower()
    if word == "it":
        return resolve_it(text, mention, entries)
    want = PERSON_KINDS if kind.endswith("person") else GROUP_KINDS
    for idx in reversed(recent):
        if entries[idx].kind in want and _may_stand_for(text, mention, entries[idx]):
            entries[idx].mentions.add(mention)
            return idx
    if kind.endswith("person"):
        # No credited source to stand for: "she" may still name the person
        # the article last named ("Fiorina was upfront... “...,” she said").
        ante = antecedent(text, mention.start)
        if ante is not None and not common_noun_capitalised(text, ante):
            # (not a headline's role, "Muslim Cleric", which names no one)
            known = next((k for k, e in enumerate(entries) if ante in e.names), None)
            if known is not None and not _may_stand_for(text, mention, entries[known]):
                return None
            idx = known if known is not None else find_or_add(text, entries, ante, "person")
            entries[idx].mentions.add(mention)
            return idx
    elif word == "they":
        # "Senate Democrats blocked the bill because they said ...": a
        # plural name just before stands for "they".
        group = group_antecedent(text, mention.start)
        if group is not None:
            idx = find_or_add(text, entries, group, "organization")
            entries[idx].mentions.add(mention)
            return idx
    return None


def _may_stand_for(text: str, pronoun: Span, e: Entry) -> bool:
    """Whether a pronoun can stand for the source ``e``: not when the
    quotation right before it ("“...,” he said") speaks of that source by
    name ("Clinton said the plan was bad. “Hillary Clinton is a disaster,”
    he said": people seldom name themselves so, and a card would credit the
    attack to the person it attacks)."""
    quoted = _quotation_before(text, pronoun.start)
    if quoted is None:
        return True
    for word in _name_words(text, e):
        for m in re.finditer(r"\b" + re.escape(word) + r"\b", text[quoted.start : quoted.end], re.IGNORECASE):
            if m.group()[:1].isupper():
                return False
    return True


_CLOSE_BEFORE = re.compile(r"[”\"][\s,]*$")
# Longest quotation looked back over for its opening mark.
_QUOTATION_REACH = 2000


def _quotation_before(text: str, at: int) -> Span | None:
    """The quoted words that close right before ``at`` (only a comma or
    spaces between), inside their marks; None when there are none."""
    m = _CLOSE_BEFORE.search(text, max(0, at - 4), at)
    if m is None:
        return None
    close = m.start()
    mark = "“" if text[close] == "”" else '"'
    opened = text.rfind(mark, max(0, close - _QUOTATION_REACH), close)
    return None if opened == -1 else Span(opened + 1, close)


def _name_words(text: str, e: Entry) -> set[str]:
    """The words a quotation would call a person source by: each name's
    surname (its last capitalised word, lower case)."""
    return {last for n in e.names if (last := surname(text, n))}


def merge_roles(
    text: str, entries: list[Entry], credited: list[tuple[int, Credit]]
) -> list[tuple[int, Credit]]:
    """"one Syrian MP" is Fares Shehabi when exactly one source is described
    as a member of the Syrian parliament; "the president" is President Donald
    Trump when he is the one source with that title in its name or
    description. The credits, re-pointed at the entries merged into."""
    # Only described people can match a role: find them once, not per role.
    described = [j for j, o in enumerate(entries) if o.description and o.kind in PERSON_KINDS]
    # title -> the entries holding it, built on first use (a scan of every
    # entry per titled one is quadratic on a page of many sources)
    holders: dict[str, list[int]] | None = None
    for idx, e in enumerate(entries):
        if len(e.names) != 1:
            continue
        title = title_of(text, e.names[0])
        # "The president suggested in a tweet": a bare title typed by its platform.
        if e.kind != "anonymous" and not (e.kind == "social_media" and title is not None):
            continue
        matches = [j for j in described
                   if j != idx and entries[j].merged_into is None and role_match(text, e.names[0], entries[j])]
        if matches:
            title = None
        if title is not None:
            # "the president" is President Donald Trump when he is the one
            # person the article gives that title.
            if holders is None:
                holders = {}
                for j, o in enumerate(entries):
                    for held in titles_held(text, o):
                        holders.setdefault(held, []).append(j)
            matches = [j for j in holders.get(title, ())
                       if j != idx and entries[j].merged_into is None]
        if len(matches) == 1:
            _merge(e, entries[matches[0]])
            e.merged_into = matches[0]
    out = []
    for idx, c in credited:
        while (into := entries[idx].merged_into) is not None:
            idx = into
        out.append((idx, c))
    return out


def _merge(e: Entry, target: Entry) -> None:
    """``e``'s mentions, and its channel if ``target`` has none, go to ``target``."""
    target.mentions |= e.mentions
    if e.channel and not target.channel:
        target.kind, target.channel = "social_media", e.channel
        target.url = target.url or e.url


def scan_mentions(text: str, entries: list[Entry]) -> None:
    """Every other place the article names a known source: surnames, the name
    in another word order, "the center" for the only center we know."""
    live = [(i, e) for i, e in enumerate(entries) if e.merged_into is None]
    named = [(i, e) for i, e in live if e.kind in ("person", "social_media", "organization", "media")]
    keys = {i: [name_key(text, n) for n in e.names] for i, e in named}
    surnames = {i: {s for n in e.names if (s := surname(text, n)) is not None}
                for i, e in named if e.kind in PERSON_KINDS}
    # Who each name key and surname may stand for, looked up per name in the
    # text instead of a scan of every source (quadratic on a page of many).
    by_key: dict[frozenset[str], set[int]] = {}
    for i, ks in keys.items():
        for k in ks:
            by_key.setdefault(k, set()).add(i)
    by_surname: dict[str, set[int]] = {}
    for i, names in surnames.items():
        for name in names:
            by_surname.setdefault(name, set()).add(i)
    taken = bytearray(len(text))  # 1 where a mention already is
    for _, e in live:
        for mention in e.mentions:
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    for m in NAME_RE.finditer(text):
        chunk = Span(m.start(), m.end())
        if 1 in taken[chunk.start : chunk.end]:
            continue
        key = name_key(text, chunk)
        if not key:
            continue
        hits = by_key.get(key, set()) | (by_surname.get(next(iter(key)), set()) if len(key) == 1 else set())
        if len(hits) == 1:
            entries[next(iter(hits))].mentions.add(chunk)
            taken[chunk.start : chunk.end] = b"\x01" * (chunk.end - chunk.start)
    orgs = [(i, e) for i, e in named if e.kind == "organization"]
    if not orgs:
        return
    by_word: dict[str, set[int]] = {}
    for i, _ in orgs:
        for kk in keys[i]:
            for word in kk:
                by_word.setdefault(word, set()).add(i)
    for m in _THE_NOUN_RE.finditer(text):
        head = m.group(1)
        if head not in ORG_WORDS:
            continue
        span = Span(m.start(), m.end())
        if 1 in taken[span.start : span.end]:
            continue
        hits = by_word.get(head, set())
        if len(hits) == 1:
            entries[next(iter(hits))].mentions.add(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
