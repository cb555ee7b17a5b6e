"""The credit patterns' own word lists, loaded once at import from
``data/attribution/patterns`` (each file's header says what it is for).
The lists every attribution module shares are in :mod:`..words`."""

from __future__ import annotations

from ...lexicon import load_words


def _words(name: str) -> frozenset[str]:
    return load_words(f"attribution/patterns/{name}.txt")


# Verbs, by the part they play in a credit.
TELL_VERBS = _words("tell_verbs")
TOLD_FORMS = _words("told_forms")
INVERTING_VERBS = _words("inverting_verbs")
SAY_VERBS = _words("say_verbs")
DOCUMENT_VERBS = _words("document_verbs")
NAMING_VERBS = _words("naming_verbs")
MENTION_VERBS = _words("mention_verbs")
AGENT_VERBS = _words("agent_verbs")
GO_ON = _words("go_on")
IRREGULAR_PAST = _words("irregular_past")
IRREGULAR_CUE_PAST = _words("irregular_cue_past")

# Auxiliaries and modals.
PASSIVE_AUXILIARIES = _words("passive_auxiliaries")
PROGRESSIVE_AUXILIARIES = _words("progressive_auxiliaries")
CONTRACTED_AUXILIARIES = _words("contracted_auxiliaries")
HYPOTHETICAL_MODALS = _words("hypothetical_modals")

# Pronouns and quantifiers that stand for people.
OBJECT_PRONOUNS = _words("object_pronouns")
SUBJECT_PRONOUNS = _words("subject_pronouns")
THIRD_PERSON = _words("third_person")
PRONOMINAL_QUANTIFIERS = _words("pronominal_quantifiers")
PLURAL_QUANTIFIERS = _words("plural_quantifiers")
SINGULAR_QUANTIFIERS = _words("singular_quantifiers")
VIEW_QUANTIFIERS = _words("view_quantifiers")

# Words that open or lead a phrase.
SHARE_LEADS = _words("share_leads")
PARTICIPLE_LEADS = _words("participle_leads")
SINGULAR_DETERMINERS = _words("singular_determiners")
QUANTITY_LEADS = _words("quantity_leads")
STATEMENT_LEADS = _words("statement_leads")
SUBJECT_LEADS = _words("subject_leads")
ACT_OBJECT_LEADS = _words("act_object_leads")
RELATIVE_LEADS = _words("relative_leads")
FOCUS_ADVERBS = _words("focus_adverbs")
OPENING_ADVERBS = _words("opening_adverbs")
OPENING_CONJUNCTIONS = _words("opening_conjunctions")
OPENING_SUBORDINATORS = _words("opening_subordinators")

# Time, polls, speech and the telephone.
TIME_UNITS = _words("time_units")
TIME_OPENERS = _words("time_openers")
POLL_WORDS = _words("poll_words")
POLL_TAILS = _words("poll_tails")
SPEECH_PARTICLES = _words("speech_particles")
PHONE_WORDS = _words("phone_words")
HEADLINE_PASSIVE_NEXT = _words("headline_passive_next")

# Small closed classes (grammar more than vocabulary, kept with the rest so
# every word a pattern reads is in one place).
SHARED_SUBJECT_PAST = _words("shared_subject_past")
LEADING_CONJUNCTIONS = _words("leading_conjunctions")
ARTICLES = _words("articles")
QUOTED_FROM = _words("quoted_from")
FIRST_ADVERBS = _words("first_adverbs")
PLACE_TIME_LEADS = _words("place_time_leads")
NOT_SUBJUNCTIVE_LEADS = _words("not_subjunctive_leads")
