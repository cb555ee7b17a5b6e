"""Turning source phrases into typed sources, and telling when two phrases
name the same source (surname, "the ministry", a role spelled out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..doc import Span
from .lexical import is_number, possessive
from .text import Token, tokenize
from .words import (
    ANONYMOUS_HEADS,
    BARE_SUBJECT_HEADS,
    COUNTRIES,
    DETERMINERS,
    DOCUMENT_HEADS,
    MEDIA,
    NAME_JOINERS,
    ORG_WORDS,
    PLATFORMS,
    PRONOUNS,
    ROLE_ALIASES,
    SHARE_WORDS,
    TITLES,
)

# Words after which a capitalised name is the author of a post or a text:
# "the Twitter account of Fares Shehabi", "a statement by the ministry".
_CARRIERS = frozenset("account page channel feed post posts tweet tweets video profile".split())
# "a Weibo user", "Twitter users": people on the platform, not the company.
_ACCOUNT_HOLDERS = frozenset("user users commenter commenters blogger bloggers influencer influencers".split())
_BY_WORDS = frozenset("of by from".split())
_HONORIFICS = frozenset("mr. mrs. ms. dr. prof. mr mrs ms dr".split())
# A share is stated in a phrase's first few words ("about 44 percent of").
_SHARE_REACH = 4


_NOT_NAME_WORDS = ORG_WORDS | TITLES
_NOT_ROLE_WORDS = NAME_JOINERS | DETERMINERS | ORG_WORDS | MEDIA


def _plural_of_name(toks: list[Token], low: list[str]) -> bool:
    """A lower-case plural noun heads the phrase before "of" and a name
    ("some houses of the Congregation of the Oratory"): things or people the
    name owns, not a person named by it."""
    j = 0
    while j < len(toks) and low[j] in DETERMINERS:
        j += 1
    if j + 2 >= len(toks) or toks[j].is_cap or low[j + 1] != "of":
        return False
    w = low[j]
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in TITLES


def _role_then_person(toks: list[Token], low: list[str]) -> bool:
    """A role before a personal name ("Senate Majority Leader Mitch
    McConnell", "State Department official David Holmes", "novelist Jo
    Walton"): the person, though the role names a body. The name is the last
    two or more capitalised words (one after a title), none of them a body's
    word; the word before it is a title, or a lower-case role ("teacher"),
    not "of", "the", or a body ("the rights group Human Rights Watch")."""
    j = len(toks)
    while j > 0 and toks[j - 1].is_cap and not toks[j - 1].text[:1].isdigit() and low[j - 1] not in _NOT_NAME_WORDS:
        j -= 1
    if j == 0 or " ".join(low[j:]) in MEDIA:
        return False
    before = low[j - 1]
    if len(toks) - j < 2:
        # one capitalised word is a name only after a title ("Campaign
        # spokesman Conant"); after a plain role it may be a place or a body
        return len(toks) - j == 1 and before in TITLES and low[j] not in ORG_WORDS
    if before in TITLES:
        return True
    if "of" in low[: j - 1]:
        return False  # "authors of the research in the journal JAMA Psychiatry": the head is before "of"
    return not toks[j - 1].is_cap and before not in _NOT_ROLE_WORDS


def _owned_by_name(toks: list[Token]) -> bool:
    """A capitalised name in the possessive before the last word ("Trump’s
    campaign", "Bernie Sanders’ campaign")."""
    for k in range(len(toks) - 1):
        t = toks[k]
        if (t.is_cap and t.lower.endswith(("'s", "’s"))) or (k > 0 and possessive(toks, k) and toks[k - 1].is_cap):
            return True
    return False


def _is_share(toks: list[Token], low: list[str]) -> bool:
    """A share of a group ("44 percent of Americans", "about three in 10
    voters", "half of Republicans"): unnamed people that a poll counted, not
    a person, however many figures (which read as capitals) the phrase has."""
    for k, w in enumerate(low[:_SHARE_REACH]):
        need = SHARE_WORDS.get(w)
        if need == "" or (need and k + 1 < len(low) and low[k + 1] == need):
            return True
        if w == "in" and 0 < k < len(low) - 1 and is_number(toks[k - 1]) and is_number(toks[k + 1]):
            return True
    return False


@dataclass(frozen=True)
class Phrase:
    """What a source phrase says about its source."""

    kind: str  # a SourceKind, or "pronoun:person" / "pronoun:group" until resolved
    name: Span  # the naming words (an author inside "a report by X")
    channel: str | None = None
    channel_span: Span | None = None



def platform_at(toks: list[Token], k: int) -> str | None:
    """The channel a token names, if any. 'X' and 'Threads' count only
    after 'on'/'via' since they are common words otherwise."""
    t = toks[k]
    low = t.lower
    if k + 1 < len(toks) and f"{low} {toks[k + 1].lower}" in PLATFORMS:
        return PLATFORMS[f"{low} {toks[k + 1].lower}"]
    if low not in PLATFORMS:
        return None
    if low.startswith(("tweet", "retweet")):
        return PLATFORMS[low]
    if not t.is_cap:
        return None
    if low in ("x", "threads") and not (k > 0 and toks[k - 1].lower in ("on", "via")):
        return None
    return PLATFORMS[low]


def _names_a_channel(toks: list[Token], low: list[str], k: int) -> bool:
    """Whether the platform at ``toks[k]`` is where the source posts ("the
    Twitter account of", "one user on Weibo", "his Telegram channel"), not
    the company itself ("a spokesperson for Instagram", "Instagram")."""
    if low[k].startswith(("tweet", "retweet")):
        return True
    if k > 0 and low[k - 1] in ("on", "via"):
        return True
    return k + 1 < len(toks) and low[k + 1] in _CARRIERS | _ACCOUNT_HOLDERS


def classify(text: str, span: Span) -> Phrase:
    """The kind of source a phrase names (cached on the phrase's words)."""
    kind, (ns, ne), chan, ch = _classify(text[span.start : span.end])
    base = span.start
    return Phrase(kind, Span(base + ns, base + ne), chan,
                  Span(base + ch[0], base + ch[1]) if ch else None)


@lru_cache(maxsize=4096)
def _classify(phrase: str) -> tuple[str, tuple[int, int], str | None, tuple[int, int] | None]:
    p = _classify_at(phrase, Span(0, len(phrase)))
    ch = (p.channel_span.start, p.channel_span.end) if p.channel_span else None
    return p.kind, (p.name.start, p.name.end), p.channel, ch


def _classify_at(text: str, span: Span) -> Phrase:
    toks = tokenize(text, span.start, span.end)
    if not toks:
        return Phrase("anonymous", span)
    low = [t.lower for t in toks]
    if len(toks) == 1 and low[0] in PRONOUNS:
        return Phrase("pronoun:" + PRONOUNS[low[0]], span)
    channel = None
    channel_span = None
    for k in range(len(toks)):
        ch = platform_at(toks, k)
        if ch and _names_a_channel(toks, low, k):
            channel, channel_span = ch, Span(toks[k].start, toks[k].end)
            break
        if ch and len(toks) - (low[0] == "the") == 1:
            return Phrase("organization", span)  # "Instagram declined to say": the company
    # "a report on the Twitter account of Fares Shehabi": the author is the source.
    for k, w in enumerate(low):
        if w in _BY_WORDS and k > 0 and k + 1 < len(toks):
            before = set(low[:k])
            if before & (_CARRIERS | DOCUMENT_HEADS) or channel:
                tail = k + 1
                while tail < len(toks) and low[tail] in DETERMINERS:
                    tail += 1
                if tail < len(toks) and toks[tail].is_cap:
                    inner = Span(toks[tail].start, span.end)
                    sub = _classify_at(text, inner)
                    kind = "social_media" if channel else sub.kind
                    return Phrase(kind, inner, channel, channel_span)
    if _is_share(toks, low):
        return Phrase("anonymous", span)
    if " ".join(low[1:] if low[0] == "the" else low) in COUNTRIES:
        return Phrase("organization", span)  # "the US disclosed": the state
    name_low = " ".join(low[1:] if low[0] == "the" else low)
    if name_low in MEDIA or " ".join(low) in MEDIA:
        return Phrase("media", span, channel, channel_span)
    head = low[-1]
    caps = [t for t in toks if t.is_cap and t.lower not in DETERMINERS]
    # "a report released Tuesday", "court filings": a text, before any name.
    for k, w in enumerate(low):
        if w in DOCUMENT_HEADS and not toks[k].is_cap:
            if all(not t.is_cap or j == 0 for j, t in enumerate(toks[:k])):
                return Phrase("document", span)
            break
    if head in ANONYMOUS_HEADS and all(j == 0 for j, t in enumerate(toks) if t.is_cap):
        return Phrase("anonymous", span)  # "Sources told ...": capital only as sentence start
    if head in BARE_SUBJECT_HEADS and all(j == 0 for j, t in enumerate(toks) if t.is_cap):
        return Phrase("organization", span)  # "police said": a body, not an unnamed person
    if caps and toks[-1].is_cap and head not in TITLES:
        if _plural_of_name(toks, low):
            return Phrase("anonymous", span)
        if _role_then_person(toks, low) or (low[0] in _HONORIFICS and len(toks) > 1 and toks[1].is_cap):
            return Phrase("social_media" if channel else "person", span, channel, channel_span)
        if any(w in ORG_WORDS for w in low) or (len(toks) > 1 and low[0] == "the"):
            return Phrase("organization", span, channel, channel_span)
        return Phrase("social_media" if channel else "person", span, channel, channel_span)
    if head in ORG_WORDS and (low[0] == "the" or _owned_by_name(toks)):
        return Phrase("organization", span)  # "the campaign", "Bernie Sanders’ campaign"
    named = _name_then_setting(text, toks, low)
    if named is not None:
        return named
    if channel and any(w in _ACCOUNT_HOLDERS for w in low):
        # "one Twitter user", "a Weibo commenter": someone the article knows
        # only by their posts there (issue #13: such posts went uncarded).
        return Phrase("social_media", span, channel, channel_span)
    owned = _owned_account(toks, low, channel_span)
    if owned is not None:
        return Phrase("social_media", owned, channel, channel_span)
    return Phrase("anonymous", span)


def _owned_account(toks: list[Token], low: list[str], channel_span: Span | None) -> Span | None:
    """"Trump’s Twitter account": an account the phrase says whose it is by
    name. The owner posts through it: the source is the owner's name
    ("Trump"). None when the phrase is not just a name's possessive, the
    platform and its carrier word ("her Twitter account" stays unnamed:
    "a post by Twitter account" would read badly)."""
    if channel_span is None:
        return None
    k = next((j for j, t in enumerate(toks) if t.start == channel_span.start), None)
    if k is None or k == 0 or k + 2 != len(toks) or low[k + 1] not in _CARRIERS:
        return None
    owner = toks[k - 1]
    if owner.lower.endswith(("'s", "’s")) and all(t.is_cap for t in toks[:k]):
        return Span(toks[0].start, owner.end - 2)
    return None


# Prepositions that open a setting after a name: "Obama in the call had confirmed".
_SETTING_PREPOSITIONS = frozenset("in on at during".split())


def _name_then_setting(text: str, toks: list[Token], low: list[str]) -> Phrase | None:
    """A person's name followed by where or when they spoke, all in lower
    case ("Obama in the call", "Obama on a hot mic"): the person, named
    without the setting, rather than an unnamed source called by the whole."""
    k = next((j for j, w in enumerate(low) if w in _SETTING_PREPOSITIONS), None)
    if k is None or k == 0 or low[0] in DETERMINERS:
        return None
    if not all(t.is_cap and t.text[:1].isalpha() for t in toks[:k]) or any(t.is_cap for t in toks[k + 1 :]):
        return None
    sub = _classify_at(text, Span(toks[0].start, toks[k - 1].end))
    return sub if sub.kind == "person" else None


def name_key(text: str, span: Span) -> frozenset[str]:
    """Content words of a name, order-free: "Russian Ministry of Defense" ==
    "Russian Defense Ministry"."""
    return _name_key(text[span.start : span.end])


@lru_cache(maxsize=4096)
def _name_key(name: str) -> frozenset[str]:
    return frozenset(
        t.lower
        for t in tokenize(name)
        if t.is_word and t.lower not in NAME_JOINERS and t.lower not in _HONORIFICS
        and t.lower not in DETERMINERS
    )


def surname(text: str, span: Span) -> str | None:
    return _surname(text[span.start : span.end])


@lru_cache(maxsize=4096)
def _surname(name: str) -> str | None:
    toks = [t for t in tokenize(name) if t.is_word]
    if not toks or not toks[-1].is_cap:
        return None
    return toks[-1].lower


@dataclass
class Entry:
    """A source while the article is being read (mutable, internal)."""

    kind: str
    names: list[Span]
    mentions: set[Span] = field(default_factory=set)
    description: str | None = None
    channel: str | None = None
    url: str | None = None
    relayed_by: int | None = None  # index of another Entry
    merged_into: int | None = None


def same_named(text: str, e: Entry, span: Span, kind: str) -> bool:
    """Does the phrase at ``span`` name the already known source ``e``?"""
    key = name_key(text, span)
    if not key:
        return False
    if kind in ("person", "social_media") and e.kind in ("person", "social_media"):
        for n in e.names:
            nk = name_key(text, n)
            if key == nk or (len(key) == 1 and surname(text, n) in key) or (
                len(nk) == 1 and surname(text, span) in nk
            ):
                return True
        return False
    first, rest_lower_case, last = _outline(text[span.start : span.end])
    if (kind == "organization" and first == "the" and rest_lower_case
            and e.kind in ("organization", "media", "social_media")):
        # "the ministry" after "the Russian Defense Ministry" (or its Telegram channel)
        return any(key <= name_key(text, n) for n in e.names)
    if kind == e.kind and kind in ("organization", "media"):
        if any(name_key(text, n) == key for n in e.names):
            return True
    if kind == e.kind and kind in ("anonymous", "document"):
        if first == "the":
            return any(name_key(text, n) == key for n in e.names) or any(
                _outline(text[n.start : n.end])[2] == last for n in e.names
            )
    return False


# Kinds of source a personal pronoun ("he", "she") and a group pronoun
# ("they", "it") stand for.
PERSON_KINDS = ("person", "social_media")
GROUP_KINDS = ("organization", "media", "anonymous", "document")
# How many of the most recent sources a new mention is compared with. An
# article names far fewer; the bound keeps a pathological text (thousands of
# "officials said") linear instead of quadratic.
_LOOKBACK = 200


def find_or_add(text: str, entries: list[Entry], name: Span, kind: str) -> int:
    """The index of the source among ``entries`` that ``name`` names (the
    name is added to its names), or of a new one added for it."""
    for idx in range(len(entries) - 1, max(-1, len(entries) - 1 - _LOOKBACK), -1):
        e = entries[idx]
        if e.merged_into is None and same_named(text, e, name, kind):
            if name not in e.names:
                e.names.append(name)
            return idx
    entries.append(Entry(kind=kind, names=[name]))
    return len(entries) - 1


@lru_cache(maxsize=16384)
def _outline(phrase: str) -> tuple[str | None, bool, str | None]:
    """(first word, are all later words lower-case, last word), lower-cased:
    what ``same_named`` asks of a phrase, cached because it asks it of every
    known source for every new mention."""
    toks = tokenize(phrase)
    if not toks:
        return None, True, None
    return toks[0].lower, all(not t.is_cap for t in toks[1:]), toks[-1].lower


def title_of(text: str, phrase: Span) -> str | None:
    """The title a bare "the president" / "the senator" names, if that is
    all the phrase is."""
    toks = [t for t in tokenize(text, phrase.start, phrase.end) if t.is_word]
    if len(toks) == 2 and toks[0].lower == "the" and toks[1].lower in TITLES and not toks[1].is_cap:
        return toks[1].lower
    return None


def titles_held(text: str, e: Entry) -> frozenset[str]:
    """Titles a person source carries in its names or description
    ("President Donald Trump", "Sen. ... , a senator from Ohio")."""
    if e.kind not in ("person", "social_media"):
        return frozenset()
    words = {t.lower for n in e.names for t in tokenize(text, n.start, n.end) if t.lower in TITLES}
    if e.description:
        words |= {t.lower for t in tokenize(e.description) if t.lower in TITLES}
    return frozenset(words)


def role_match(text: str, role: Span, e: Entry) -> bool:
    """"one Syrian MP" names a source described as "Member of the Syrian parliament"."""
    if not e.description or e.kind not in ("person", "social_media"):
        return False
    toks = [t for t in tokenize(text, role.start, role.end) if t.is_word]
    if not toks:
        return False
    head = toks[-1].lower
    words = ROLE_ALIASES.get(head)
    if not words:
        return False
    desc = {t.lower for t in tokenize(e.description)}
    modifiers = {t.lower for t in toks[:-1] if t.is_cap}
    return set(words) <= desc and modifiers <= desc
