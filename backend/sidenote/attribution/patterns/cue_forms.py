"""Whether a cue word stands as a verb, and in which form: a noun ("the
report", "pledged delegates"), a bare or uninflected form, a progressive
("is saying"), a pronoun contracted with its auxiliary ("He’s said"), a
quantifier as its subject ("Some said"), a subjunctive ("that he not say"),
or a surname spelled like a function word ("Will wrote")."""

from __future__ import annotations

from ..lexical import PREPOSITIONS
from ..subjects import skip_aux_back
from ..text import Token
from ..words import (
    ALL_CUE_VERBS,
    AUXILIARIES,
    CLAUSE_STOPS,
    CUE_VERBS,
    DETERMINERS,
    FINITE,
    PRONOUNS,
    REPOSTED_ITEMS,
)
from .headline import title_case
from .vocabulary import (
    CONTRACTED_AUXILIARIES,
    DOCUMENT_VERBS,
    IRREGULAR_CUE_PAST,
    IRREGULAR_PAST,
    NOT_SUBJUNCTIVE_LEADS,
    PASSIVE_AUXILIARIES,
    PLURAL_QUANTIFIERS,
    PROGRESSIVE_AUXILIARIES,
    PRONOMINAL_QUANTIFIERS,
    QUANTITY_LEADS,
    SAY_VERBS,
    SHARE_LEADS,
    SINGULAR_QUANTIFIERS,
    THIRD_PERSON,
)

# Marks before a quantifier that may open a clause ("..., several said").
_CLAUSE_MARKS = (",", ";", "—", "–")


def possessive_word(t: Token) -> bool:
    return t.lower.endswith(("'s", "’s"))


def cue_is_a_noun(toks: list[Token], i: int) -> bool:
    """A determiner or a possessive before the cue makes it a noun ("the
    report", "his claims", "Trump's statement"), unless it is a contracted
    pronoun ("He’s said") or a quantifier standing for people ("Several
    said", "Some accused")."""
    if i == 0:
        return False
    prev = toks[i - 1]
    if not (prev.lower in DETERMINERS or possessive_word(prev)):
        return False
    return not pronoun_contraction(prev) and not _quantifier_says(toks, i) and not quantifier_subject(toks, i)


def _quantifier_says(toks: list[Token], i: int) -> bool:
    """"Several said", "Two in three said", "and some say": a quantifier
    where a subject starts, before a verb of plain saying."""
    return toks[i - 1].lower in PRONOMINAL_QUANTIFIERS and toks[i].lower in SAY_VERBS \
        and (i == 1 or toks[i - 2].text in _CLAUSE_MARKS or toks[i - 2].lower in SHARE_LEADS)


def quantifier_subject(toks: list[Token], i: int) -> bool:
    """The cue at ``i`` follows a quantifier that opens the sentence and is
    its subject ("Some accused Trump", "Another tweeted"). Only a past form
    (or "-s" after "another") is read as the verb: "Some reports", "Many
    claims", "Another report" are nouns."""
    if i != 1:
        return False
    q = toks[0].lower
    low = toks[i].lower
    past = low.endswith("ed") or low in IRREGULAR_PAST
    if q in PLURAL_QUANTIFIERS:
        return past
    return q in SINGULAR_QUANTIFIERS and (past or (low.endswith("s") and not low.endswith("ss")))


def ran_counter_to(toks: list[Token], i: int) -> bool:
    """"efforts ... ran counter to the constitution": contrary to, not a rebuttal."""
    return toks[i].lower == "counter" and i + 1 < len(toks) and toks[i + 1].lower == "to"


def reposted_credit_line(toks: list[Token], i: int) -> bool:
    """"Article posted with permission from ...": a passive credit line."""
    return i == 1 and toks[i].lower.endswith("ed") and toks[0].lower in REPOSTED_ITEMS and len(toks) > 2 \
        and toks[2].lower in ("with", "by")


def after_passive_auxiliary(toks: list[Token], i: int) -> bool:
    """"was told", "is expected": the subject did not say it."""
    return i > 0 and toks[i - 1].lower in PASSIVE_AUXILIARIES


def noun_after_preposition(toks: list[Token], i: int) -> bool:
    """"without fear of": a stance word after a preposition is a noun (the
    cue verbs proper are verbs there too: "by saying")."""
    return toks[i].lower not in CUE_VERBS and i > 0 and toks[i - 1].lower in PREPOSITIONS


def adjective_before_noun(toks: list[Token], i: int) -> bool:
    """"won 758 pledged delegates", "a lead in pledged delegates", "a
    majority of pledged delegates", "enough pledged delegates": an -ed word
    before a bare noun, after a preposition, a quantity or a figure."""
    if i == 0 or not toks[i].lower.endswith("ed") or not modifies_noun(toks, i):
        return False
    prev = toks[i - 1]
    return prev.lower in PREPOSITIONS or prev.lower in QUANTITY_LEADS or prev.text[:1].isdigit()


def modifies_noun(toks: list[Token], i: int) -> bool:
    """The -ed word at ``i`` is followed by a bare noun, as an adjective is
    ("pledged delegates"), not by an object, a clause or an adjunct."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    return nxt.is_word and not nxt.is_cap and nxt.lower not in DETERMINERS \
        and nxt.lower not in PREPOSITIONS and nxt.lower not in CLAUSE_STOPS \
        and nxt.lower not in PRONOUNS and nxt.lower != "to"


def subjunctive_not(toks: list[Token], v: int) -> bool:
    """``toks[v]`` is a bare verb after "not" with no auxiliary before it
    ("that people not begin", "asked that he not say"): a subjunctive, what
    someone wants to happen or not, not a verb of its subject's."""
    if v < 2 or toks[v - 1].lower != "not":
        return False
    verb = toks[v].lower
    if verb.endswith(("s", "ed", "ing")) or verb in IRREGULAR_PAST:
        return False
    before = toks[v - 2]
    return before.is_word and before.lower not in AUXILIARIES and before.lower not in FINITE \
        and before.lower not in NOT_SUBJUNCTIVE_LEADS \
        and not pronoun_contraction(before) and not before.lower.endswith(("n't", "n’t"))


def pronoun_contraction(t: Token) -> str:
    """The pronoun of a contracted token ("He’s" -> "He"), or ""."""
    low = t.lower.replace("’", "'")
    head, apostrophe, tail = low.partition("'")
    if not apostrophe or head not in THIRD_PERSON or tail not in CONTRACTED_AUXILIARIES:
        return ""
    return t.text[: len(head)]


def has_done(t: Token, low: str) -> bool:
    """"He’s said", "they’ve told": a contracted "has"/"have" before a
    participle of saying. Not "they’re written", "he’s found", "she’d
    continue": a passive, or "would"."""
    tail = t.lower.replace("’", "'").rpartition("'")[2]
    return tail in ("s", "ve") and low in CUE_VERBS and low not in DOCUMENT_VERBS \
        and low.endswith(("ed", "id", "ld", "te", "wn"))


def ing_cue(low: str) -> bool:
    """An -ing form the cue lists hold ("saying", "criticizing"). Deriving
    more from the lists' other forms ("considering", "seeking") cost more
    precision than it gave: "is considering a run" credits no words."""
    return low.endswith("ing") and low in ALL_CUE_VERBS


def progressive_subject_end(toks: list[Token], i: int) -> int | None:
    """Where the subject ends before a progressive cue ("Marco Rubio is
    criticizing", "He’s also praising", "Trump has been saying"), or None
    when the -ing word at ``i`` is not a cue in the progressive. A plain
    -ing form stays out: ", saying" and "by calling" need their subject
    found elsewhere."""
    if not ing_cue(toks[i].lower):
        return None
    if i + 1 < len(toks) and (toks[i + 1].lower in PREPOSITIONS or toks[i + 1].lower == "to") \
            and not (toks[i].lower.startswith("call") and toks[i + 1].lower in ("for", "on")):
        return None  # "is adding to his wins", "is telling in its own right": not a credit
    k = skip_aux_back(toks, i - 1, 0)
    if k < 0:
        return None
    if toks[k].lower in PROGRESSIVE_AUXILIARIES:
        if toks[k].lower == "been":
            k = skip_aux_back(toks, k - 1, 0)  # "has been": "has" is stepped over
            return k if k >= 0 and toks[k].lower not in PASSIVE_AUXILIARIES else None
        return skip_aux_back(toks, k - 1, 0)
    if pronoun_contraction(toks[k]) and toks[k].lower[-1] in "se":  # "he’s", "they’re"
        return k
    return None


def base_form(low: str) -> bool:
    """A cue verb in its bare form ("report", "continue"), whose third
    person ("reports", "continues") is a cue too."""
    return not low.endswith(("s", "ed", "ing")) \
        and (low + "s" in ALL_CUE_VERBS or low + "es" in ALL_CUE_VERBS)


def uninflected(low: str) -> bool:
    """A cue word with no past or third-person ending ("reply", "claim"):
    after "a" and a singular noun it is a noun ("a blunt reply:")."""
    return not low.endswith(("s", "ed", "ing")) and low not in IRREGULAR_CUE_PAST


def function_word_name(toks: list[Token], j: int, cue: str) -> bool:
    """``toks[j]``, capitalised right before the cue, spells a modal or a
    preposition but is a surname ("Will wrote", "From said"): a modal would
    take a bare verb after it, a preposition a noun; a past or "-s" form
    after it is the name's verb."""
    t = toks[j]
    if not t.is_cap or not (t.lower in FINITE or t.lower in PREPOSITIONS) or "'" in t.lower or "’" in t.lower:
        return False
    if base_form(cue) or cue.endswith("ing") or not (cue.endswith(("s", "ed")) or cue in IRREGULAR_PAST):
        return False
    if t.lower in PREPOSITIONS and not (cue.endswith("ed") or cue in IRREGULAR_PAST):
        return False  # "From reports of ...", "With notes of ...": a noun after a preposition
    if title_case(toks):
        return False  # a headline capitalises its modals ("If I Would Have Told")
    prev = toks[j - 1] if j > 0 else None
    return prev is None or not prev.is_word or prev.lower in CLAUSE_STOPS or prev.is_cap
