"""The attribution word lists, loaded once at import from ``data/attribution``."""

from __future__ import annotations

from ..lexicon import load_table, load_words

_DIR = "attribution/"

CUE_VERBS: frozenset[str] = load_words(_DIR + "cue_verbs.txt")
CUE_CHANNEL: dict[str, str] = {k: v for k, v in load_table(_DIR + "cue_verbs.txt").items() if v}
# Stance and act verbs ("rejected", "declined to"): cues for the rules, kept
# apart from CUE_VERBS because the learned tagger's features read CUE_VERBS.
STANCE_VERBS: frozenset[str] = load_words(_DIR + "stance_verbs.txt")
TO_CLAUSE_VERBS: frozenset[str] = frozenset(
    k for k, v in load_table(_DIR + "stance_verbs.txt").items() if v == "to"
) | load_words(_DIR + "to_clause_cues.txt")
# Every verb the rules read as a cue.
ALL_CUE_VERBS: frozenset[str] = CUE_VERBS | STANCE_VERBS
# "spoke" and "speaks", read as cues only in the shapes that say what was
# spoken of (patterns.speech_topic); the other words open that matter.
_SPEAK: dict[str, str] = load_table(_DIR + "speak_verbs.txt")
SPEAK_VERBS: frozenset[str] = frozenset(k for k, v in _SPEAK.items() if v == "verb")
SPEECH_TOPICS: dict[str, str] = {k: v for k, v in _SPEAK.items() if v != "verb"}
# "what we call “the good bishops”": a quotation after these is a name.
NAMING_WORDS: frozenset[str] = load_words(_DIR + "naming_words.txt")
# "hoping the files reveal": the clause after these is a hope, not a credit.
WISH_VERBS: frozenset[str] = load_words(_DIR + "wish_verbs.txt")
# "seemed to urge" (the subject's cue), "led Priebus to declare" (the object's).
CONTROL_VERBS: dict[str, str] = load_table(_DIR + "control_verbs.txt")
ANONYMOUS_HEADS: frozenset[str] = load_words(_DIR + "anonymous.txt")
# Written sources as the learned tagger was trained to see them (model.py).
TAGGER_DOCUMENT_HEADS: frozenset[str] = load_words(_DIR + "documents.txt")
# Written sources, data and findings ("the report", "Tuesday's results").
DOCUMENT_HEADS: frozenset[str] = TAGGER_DOCUMENT_HEADS | load_words(_DIR + "findings.txt")
# Other singular nouns a credited "it" may stand for ("the motion"), and the
# kind of source each names.
IT_HEADS: dict[str, str] = load_table(_DIR + "it_heads.txt")
# Polling firms whose bare name "finds" or "shows" ("Gallup finds ...").
POLLSTERS: frozenset[str] = load_words(_DIR + "pollsters.txt")
# "Article posted with permission from ...": the item reposted, not a source.
REPOSTED_ITEMS: frozenset[str] = load_words(_DIR + "reposted_items.txt")
# Institutions and professions credited as a body ("police said").
BARE_SUBJECT_HEADS: frozenset[str] = load_words(_DIR + "bare_subjects.txt")
# One list of platform names for the whole backend (data/platforms/).
PLATFORMS: dict[str, str] = load_table("platforms/names.tsv")
# Nouns that name a post ("in a Friday tweet", "in a statement"): a phrase
# after a name that says where the words went (subjects.before_where_posted),
# or a source that is the post itself ("One tweet said").
POST_NOUNS: frozenset[str] = load_words("syntax/post_nouns.txt")
POST_PLACES: frozenset[str] = load_words(_DIR + "post_places.txt")
PLATFORM_HOSTS: dict[str, str] = load_table(_DIR + "platform_hosts.txt")
MEDIA: frozenset[str] = load_words(_DIR + "media.txt")
# Last words that make a capitalised name an outlet ("the Daily News").
MEDIA_HEADS: frozenset[str] = load_words(_DIR + "media_heads.txt")
# An outlet's last word as printed ("Times", "POLITICO"): a sentence holding
# none names no outlet, so the outlet rule need not read it.
OUTLET_NAME_FORMS: frozenset[str] = frozenset(
    form for w in {m.split()[-1] for m in MEDIA} | MEDIA_HEADS
    for form in (w.capitalize(), w.upper()) if len(w) > 2
)
# Irregular past forms read as an outlet's act ("The Times made ...").
OUTLET_ACTS: frozenset[str] = load_words(_DIR + "outlet_acts.txt")
# Words ending like a verb that are no act after an outlet's name ("does", "series").
NOT_OUTLET_ACTS: frozenset[str] = load_words(_DIR + "not_outlet_acts.txt")
# Modifiers that pair with "and" before a source noun ("current and former officials").
PAIRED_MODIFIERS: frozenset[str] = load_words(_DIR + "paired_modifiers.txt")
ORG_WORDS: frozenset[str] = load_words(_DIR + "org_words.txt")
TITLES: frozenset[str] = load_words(_DIR + "titles.txt")
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    k: tuple(v.split()) for k, v in load_table(_DIR + "role_aliases.txt").items()
}
PRONOUNS: dict[str, str] = load_table(_DIR + "pronouns.txt")
# A time adjunct between a cue and its clause, and the pronouns that may open
# that clause without "that" (content.py).
TIME_ADJUNCTS: frozenset[str] = load_words(_DIR + "time_adjuncts.txt")
CLAUSE_SUBJECT_PRONOUNS: frozenset[str] = load_words(_DIR + "clause_subject_pronouns.txt")
NOT_SPEAKERS: frozenset[str] = load_words(_DIR + "not_speakers.txt")
NOT_SOURCES: frozenset[str] = load_words(_DIR + "not_sources.txt")
COUNTRIES: frozenset[str] = load_words(_DIR + "countries.txt")
# Verbs of saying or writing that hand their credit across a closing colon
# ("Fox News reports:", and inverted, "Stated Stone: “...”").
COLON_CUES: frozenset[str] = load_words(_DIR + "colon_cues.txt")
# "released the following statement:": the verbs and nouns of a statement
# handed over across a colon.
_STATEMENT_COLON: dict[str, str] = load_table(_DIR + "statement_colon.txt")
STATEMENT_VERBS: frozenset[str] = frozenset(k for k, v in _STATEMENT_COLON.items() if v == "verb")
STATEMENT_NOUNS: frozenset[str] = frozenset(k for k, v in _STATEMENT_COLON.items() if v == "noun")
# word -> "" (a share wherever it stands) or "of" (only when "of" follows)
SHARE_WORDS: dict[str, str] = load_table(_DIR + "share_words.txt")

# First- and second-person words: the writer or the reader, never a source.
SELF_WORDS: frozenset[str] = load_words(_DIR + "first_second_person.txt")
# Words a source phrase may follow ("and", "while"): one leading it was cut short.
LEFT_EDGES: frozenset[str] = load_words(_DIR + "left_edges.txt")
# Relative pronouns: a source phrase ending in one was cut inside its clause.
RELATIVE_ENDS: frozenset[str] = load_words(_DIR + "relative_ends.txt")
# "In another tweet, ...", "On Telegram, ...": where a source spoke, not who.
CHANNEL_OPENERS: frozenset[str] = load_words(_DIR + "channel_openers.txt")
# "a spokesperson for Instagram": a platform after these is an employer.
AFFILIATION_WORDS: frozenset[str] = load_words(_DIR + "affiliation_words.txt")
# A source's name ending in one of these was cut inside a phrase ("the men in charge").
NAME_END_PREPOSITIONS: frozenset[str] = load_words(_DIR + "name_end_prepositions.txt")
# "finds himself standing": "find" turned on its subject credits nothing.
FIND_FORMS: frozenset[str] = load_words(_DIR + "find_forms.txt")
# A tagged "showed" needs a written source.
SHOW_VERBS: frozenset[str] = load_words(_DIR + "show_verbs.txt")
# Determiners opening a phrase "it" may stand for ("the motion").
IT_DETERMINERS: frozenset[str] = load_words(_DIR + "it_determiners.txt")
# Prepositions that may follow a noun phrase's head or precede a subject phrase.
PHRASE_PREPOSITIONS: frozenset[str] = load_words(_DIR + "phrase_prepositions.txt")
# Capitalised words that open a sentence or clause without being a name ("In", "It").
NOT_NAME_LEAD_WORDS: frozenset[str] = load_words(_DIR + "not_name_leads.txt")
# Words opening a clause inside a sentence ("when he tweeted"): its pronoun is
# the sentence's subject.
SUBORDINATE_LEADS: frozenset[str] = load_words(_DIR + "subordinate_leads.txt")

# Small closed classes: grammar, not vocabulary, so they stay in code.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
DETERMINERS = frozenset(
    "the a an one some several two three four many other another his her their its our "
    "this that these those senior top unnamed anonymous".split()
)
# Words that end a subject phrase when walking back from a cue verb.
CLAUSE_STOPS = frozenset(
    "that which who whom whose what where when why how while as because if but and or so then "
    "after before since than though although meanwhile however also said says "
    "is are was were be been being it's there here".split()
)
# Auxiliaries and adverbs that sit between a subject and its cue verb.
AUXILIARIES = frozenset(
    "has have had also later previously recently once then further again reportedly "
    "would will could did does do had already earlier has also just even still "
    "repeatedly publicly privately separately not never yet n't now often seldom sometimes".split()
)
# Inside a subject phrase these mean the walk has crossed into another clause.
FINITE = frozenset(
    "has have had can could will would did does do may might must should shall "
    "isn't isn’t doesn't doesn’t didn't didn’t hasn't hasn’t haven't haven’t won't won’t "
    "wasn't wasn’t weren't weren’t can't can’t couldn't couldn’t".split()
)
NAME_JOINERS = frozenset("of for in on the de al von van la le del da bin ibn and".split())
