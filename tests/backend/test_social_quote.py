"""The unverified_social_quote detector on hand-made Docs."""

from __future__ import annotations

import dataclasses
import re

import pytest
from handmade import article, doc, quote, span
from staged import doc_through

from sidenote.detectors.social_quote import detect
from sidenote.doc import Attribution, Embed, Source, Span

QUOTE = "We will not allow this to stand"


def _shehabi(text: str, channel: str | None = "twitter", kind: str = "social_media", url: str | None = None) -> Source:
    # Every mention, as the attribution stage lists them ("Shehabi wrote").
    mentions = tuple(Span(m.start(), m.end()) for m in re.finditer(r"(?:Fares )?Shehabi", text))
    return Source("s1", "Fares Shehabi", kind, channel=channel, url=url,  # type: ignore[arg-type]
                  mentions=mentions)


def _case(paragraphs, links=None, embeds=None, kind="social_media", channel="twitter", url=None, qkind="direct"):
    art = article(paragraphs, links=links, embeds=embeds)
    source = _shehabi(art.text, channel=channel, kind=kind, url=url)
    q = quote(art.text, QUOTE, kind=qkind, source="s1")
    return doc(art, quotes=(q,), sources=(source,),
               attributions=(Attribution("s1", span(art.text, QUOTE)),))


INTRO = "Fares Shehabi, a member of parliament, wrote about it on Twitter."
SAID = f"“{QUOTE},” Shehabi wrote."


def test_quote_from_a_post_without_link_gets_a_card():
    d = _case([INTRO, SAID])
    [card] = detect(d)
    assert card.kind == "unverified_social_quote"
    assert card.anchor.exact == QUOTE
    assert "Fares Shehabi" in card.body and "X (Twitter)" in card.body
    # The evidence is where the article names the platform for this source.
    assert [(e.exact, e.label) for e in card.evidence] == [("Twitter", "platform_attribution")]
    assert "false" not in card.body.lower()


@pytest.mark.parametrize("copy", [
    f"{QUOTE}. #Aleppo pic.twitter.com/Ab12Cd34",  # a picture post, flattened with its address
    f"{QUOTE} https://t.co/Xy98Zw",
])
def test_a_copy_of_the_post_with_its_address_makes_the_quote_checkable(copy):
    assert detect(_case([INTRO, SAID, copy])) == []


def test_a_copy_of_the_post_without_an_address_does_not():
    [card] = detect(_case([INTRO, SAID, f"{QUOTE}. #Aleppo"]))
    assert card.anchor.exact == QUOTE


def test_an_address_beside_other_words_does_not_check_this_quote():
    [card] = detect(_case([INTRO, SAID, "Our convoy reached the city at dawn pic.twitter.com/Ab12Cd34"]))
    assert card.anchor.exact == QUOTE


def test_a_poster_credited_only_paragraphs_away_is_not_named_in_the_card():
    # "one Weibo commenter said": the credit the pipeline carried from an
    # earlier paragraph is too weak to name who posted.
    d = _case([INTRO, "The ministry did not comment.", f"“{QUOTE},” one Twitter user wrote."])
    [card] = detect(d)
    assert "Shehabi" not in card.body
    assert "a post on X (Twitter)" in card.body


def test_a_post_relayed_by_an_outlet_is_not_the_outlet_s_post():
    text = f"According to AFP, one user on Weibo posted: “{QUOTE}.”"
    art = article([text])
    afp = Source("s1", "AFP", "media", mentions=(span(art.text, "AFP"),))
    q = quote(art.text, QUOTE, source="s1")
    [card] = detect(doc(art, quotes=(q,), sources=(afp,)))
    assert "a post on Weibo, as relayed by AFP" in card.body


def test_the_platform_company_is_not_an_account():
    text = f"Twitter pledged to take “{QUOTE}” against such accounts."
    art = article([text])
    company = Source("s1", "Twitter", "social_media", channel="twitter", mentions=(span(art.text, "Twitter"),))
    q = quote(art.text, QUOTE, source="s1")
    assert detect(doc(art, quotes=(q,), sources=(company,))) == []


@pytest.mark.parametrize(
    ("links", "embeds", "url", "expect_card"),
    [
        # A link to the specific post, on the crediting words: checkable.
        ({1: [("wrote", "https://twitter.com/Fares_Shehabi/status/1173920000000000000")]}, None, None, False),
        # A link to the post on the source's first mention: checkable.
        ({0: [("Fares Shehabi", "https://x.com/Fares_Shehabi/status/1")]}, None, None, False),
        # A link to the profile only: the reader still cannot find the post.
        ({0: [("Fares Shehabi", "https://twitter.com/Fares_Shehabi")]}, None, None, True),
        # A link to a post on another platform does not check a tweet.
        ({1: [("wrote", "https://t.me/somechannel/123")]}, None, None, True),
    ],
)
def test_links_to_the_post_make_the_quote_checkable(links, embeds, url, expect_card):
    assert bool(detect(_case([INTRO, SAID], links=links, embeds=embeds, url=url))) is expect_card


def test_an_embedded_post_with_the_same_words_makes_it_checkable():
    embed_text = f"{QUOTE}. The West must answer for this. — Fares Shehabi (@Fares_Shehabi)"
    embeds = {2: Embed("twitter", "https://twitter.com/Fares_Shehabi/status/5")}
    assert detect(_case([INTRO, SAID, embed_text], embeds=embeds)) == []


def test_an_embed_of_a_different_post_does_not_check_the_quote():
    embeds = {2: Embed("twitter", "https://twitter.com/Fares_Shehabi/status/5")}
    other = "Aleppo is free again, and the people are celebrating in the streets tonight."
    assert len(detect(_case([INTRO, SAID, other], embeds=embeds))) == 1


def test_platform_named_in_the_quote_sentence_is_enough():
    # The source is a plain person, but this sentence says where the words were posted.
    art = article([f"“{QUOTE},” Fares Shehabi posted on Telegram on Monday."])
    source = Source("s1", "Fares Shehabi", "person", mentions=(span(art.text, "Fares Shehabi"),))
    [card] = detect(doc(art, quotes=(quote(art.text, QUOTE, source="s1"),), sources=(source,)))
    assert "Telegram" in card.title
    assert card.evidence[0].exact == "Telegram"


@pytest.mark.parametrize(
    "paragraph",
    [
        # The platform is only named inside the quoted words: said in an interview.
        f"“{QUOTE}, whatever they write on Twitter,” Fares Shehabi told reporters.",
        # No platform anywhere: an ordinary quotation.
        f"“{QUOTE},” Fares Shehabi told reporters in Damascus.",
    ],
)
def test_quotes_not_from_a_post_get_no_card(paragraph):
    art = article([paragraph])
    source = Source("s1", "Fares Shehabi", "person", mentions=(span(art.text, "Fares Shehabi"),))
    words = paragraph[1 : paragraph.index("”") - 1]
    assert detect(doc(art, quotes=(quote(art.text, words, source="s1"),), sources=(source,))) == []


def test_scare_quotes_are_not_social_quotes():
    art = article([f"{INTRO} He called them “{QUOTE}” in the post on Twitter."])
    q = quote(art.text, QUOTE, kind="scare")
    assert detect(doc(art, quotes=(q,))) == []


def test_the_writer_s_own_name_for_people_is_not_a_post():
    # "the people we still call “...”": a name the article gives, whatever
    # platform the sentence mentions.
    art = article([f"The anger is boiling over into the Twitter feed of the people we still call “{QUOTE}”."])
    assert detect(doc(art, quotes=(quote(art.text, QUOTE),))) == []
    art = article([f"The anger is boiling over on Twitter at the so-called “{QUOTE}”."])
    assert detect(doc(art, quotes=(quote(art.text, QUOTE),))) == []
    # What the poster called someone is the post's words.
    art = article([f"In her post on Facebook she asks who the man is she called “{QUOTE}”."])
    assert len(detect(doc(art, quotes=(quote(art.text, QUOTE),)))) == 1


def test_a_platform_that_is_the_speaker_is_not_a_post():
    # "Twitter said" is the company speaking, not a tweet.
    art = article(["“We will take decisive corrective action,” Twitter said in a statement."])
    source = Source("s1", "Twitter", "organization", mentions=(span(art.text, "Twitter"),))
    q = quote(art.text, "We will take decisive corrective action", source="s1")
    assert detect(doc(art, quotes=(q,), sources=(source,))) == []


def test_a_platform_named_as_the_speaker_of_a_relative_clause_is_the_company():
    # "on Twitter, which said": the company answers; nobody posted these words.
    text = "Lawmakers turned up the pressure on Twitter, which later said “we are reviewing our rules on ads.”"
    assert _social_anchors(text) == []
    # A clause about the platform that credits no one leaves it where the words went.
    assert _social_anchors(
        "Jane Doe wrote on Twitter, which she uses daily, “we are reviewing our rules on political ads.”"
    ) == ["we are reviewing our rules on political ads."]


@pytest.mark.parametrize("text", [
    "Senator Jane Doe called the plan “a disgrace” in a tweet on Tuesday.",
    "Jane Doe posted on her Facebook page that the plan was “utterly shameful.”",
])
def test_one_or_two_quoted_words_credited_to_a_post_get_a_card(text):
    [body] = _social_bodies(text)
    assert "Jane Doe" in body


@pytest.mark.parametrize("text", [
    # nobody is credited with the words: someone else's term
    "The senator's server handled messages later deemed “top secret,” she said in a post on Twitter on Friday.",
    # the post is only what the speaker's act is about
    "Company leaders have denied “sensational” claims made in a viral Weibo post on Monday.",
    # half of a split quote: the longer half decides
    "“Word is,” Jane Doe said on Twitter, “that the factory will close in the spring after all.”",
])
def test_one_or_two_quoted_words_otherwise_get_no_card(text):
    # (the card's body never repeats the quoted words: look at what it is anchored on)
    assert not any(a in ("Word is,", "top secret,", "sensational") for a in _social_anchors(text))


def test_one_or_two_quoted_words_credited_by_a_posting_verb_get_a_card():
    # "tweeted" is itself the credit: no parse needs to say where the words went.
    text = "The campaign mocked the mayor after the debate. “Debate recap,” tweeted campaign spokesman Jane Doe."
    assert _social_anchors(text) == ["Debate recap,"]
    # A posting verb that credits another act leaves the short quote alone.
    assert _social_anchors("“Top secret,” Jane Doe said, and she tweeted a photo of the file.") == []


def test_words_quoted_in_the_clause_a_post_credits_get_one_card():
    # The quote stage calls a single word in marks a scare quote; inside what
    # "tweeted that" credits, it is the poster's word. One card per post.
    text = ("Jane Doe spent Monday in Concord. She tweeted Monday night that the mayor is a “loser,” "
            "a “liar” and a “whiner.” The vote is on Tuesday.")
    assert _social_anchors(text) == ["loser,"]
    [body] = _social_bodies(text)
    assert "Jane Doe" in body and "X (Twitter)" in body
    assert _social_anchors("Senator Jane Doe responded on Twitter, calling the charge “pathetic” and “sad.”") == [
        "pathetic"
    ]


@pytest.mark.parametrize("text", [
    # the quoted word belongs to what the post points at, not to the post
    "Jane Doe tweeted out photos of officers in riot gear, citing the reports about plans to “rush” the border.",
    # a platform's name met otherwise than as where the words went
    "As Jane Doe urges in her book, the city needs an actual “threat doctrine analysis” in a document, "
    "just like George Kennan’s Long Telegram.",
    # said aloud: no platform in the sentence
    "Jane Doe said on Monday that the mayor is a “loser” and a “whiner.”",
])
def test_words_quoted_in_a_clause_not_credited_to_a_post_get_no_card(text):
    assert _social_anchors(text) == []


def test_one_or_two_quoted_words_of_another_act_than_the_post_get_no_card():
    # The platform is where a second act went ("wrote more on Twitter"), not these words.
    art = article(["Fares Shehabi called it “sensational” and then wrote more on Twitter about the vote."])
    source = Source(
        "s1", "Fares Shehabi", "social_media", channel="twitter", mentions=(span(art.text, "Fares Shehabi"),)
    )
    assert detect(doc(art, quotes=(quote(art.text, "sensational", source="s1"),), sources=(source,))) == []


def test_unknown_speaker_is_not_called_an_account():
    art = article(["“A great day for our Country!” the president tweeted on Wednesday."])
    [card] = detect(doc(art, quotes=(quote(art.text, "A great day for our Country!"),)))
    assert "credited to a post on X (Twitter)" in card.body


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Taliban spokesman Zabihullah Mujahid", True),  # a name with its short description
        ("Progressives oppose spending stopgap measure over surveillance Omar", False),  # a headline run in
        ("group", False),  # a common noun the attribution stage could not resolve
        ("her ICE would", False),  # cut in the middle of a sentence
        ("founded One in Four", False),
        ("Trump on Monday morning", False),  # the post's time run into the name
        ("the Associated Press", True),  # a name may open with a particle
    ],
)
def test_the_card_names_the_poster_only_when_the_source_reads_as_a_name(name, named):
    text = f"{name} wrote on Twitter: “{QUOTE}.”"
    art = article([text])
    poster = Source("s1", name, "social_media", channel="twitter", mentions=(span(art.text, name),))
    q = quote(art.text, QUOTE, source="s1")
    [card] = detect(doc(art, quotes=(q,), sources=(poster,)))
    assert (f"a post by {name} on X (Twitter)" in card.body) is named
    if not named:
        assert "a post on X (Twitter)" in card.body


PICTURE_POST = "Sharing my full letter. pic.twitter.com/s96jjh8AlD — Fares Shehabi (@Fares_Shehabi) November 19, 2019"


def test_the_source_s_own_picture_post_on_the_page_makes_it_checkable():
    # A letter posted as a picture: no words to match, but the reader can open it.
    embeds = {2: Embed("twitter", "https://twitter.com/Fares_Shehabi/status/5")}
    assert detect(_case([INTRO, SAID, PICTURE_POST], embeds=embeds)) == []


@pytest.mark.parametrize(
    "embed_text",
    [
        # Somebody else's picture post.
        PICTURE_POST.replace("Fares Shehabi (@Fares_Shehabi)", "Bashar Jaafari (@jaafari)"),
        # The source's own post without a picture: its words are on the page, and differ.
        "Aleppo is free again tonight. — Fares Shehabi (@Fares_Shehabi) November 19, 2019",
    ],
)
def test_other_embedded_posts_do_not_check_the_quote(embed_text):
    embeds = {2: Embed("twitter", "https://twitter.com/someone/status/5")}
    assert len(detect(_case([INTRO, SAID, embed_text], embeds=embeds))) == 1


def test_a_link_to_another_post_paragraphs_away_does_not_check_this_quote():
    # The page links one post of the source's, on a far mention; the quote
    # credited here ("Shehabi tweeted") is a different, unlinked post.
    other = "Shehabi tweeted last month about the siege of the city, and his post was shared widely."
    paragraphs = [f"“{QUOTE},” Shehabi tweeted before the vote.", "The ministry did not comment.", other]
    art = article(paragraphs, links={2: [("Shehabi tweeted", "https://twitter.com/Fares_Shehabi/status/99")]})
    text = art.text
    here, far = Span(text.index("Shehabi"), text.index("Shehabi") + 7), span(text, "Shehabi tweeted last")
    source = Source("s1", "Fares Shehabi", "social_media", channel="twitter",
                    url="https://twitter.com/Fares_Shehabi/status/99", mentions=(here, Span(far.start, far.start + 7)))
    q = quote(text, QUOTE, source="s1")
    credit = Attribution("s1", Span(q.start, q.end), source_span=here)
    d = doc(art, quotes=(q,), sources=(source,), attributions=(credit,))
    assert len(detect(d)) == 1
    # The same link on the words that credit this quote checks it.
    moved = article(paragraphs, links={0: [("Shehabi tweeted", "https://twitter.com/Fares_Shehabi/status/99")]})
    assert detect(doc(moved, quotes=(q,), sources=(source,), attributions=(credit,))) == []


def _trump(text: str) -> Source:
    mentions = tuple(Span(m.start(), m.end()) for m in re.finditer(r"Trump", text))
    return Source("s1", "Trump", "social_media", channel="twitter", mentions=mentions)


def test_a_person_who_posted_once_is_speaking_elsewhere_when_no_platform_is_named():
    # Trump is typed an account because he tweeted once; at a rally he speaks.
    paragraphs = [
        "Trump asked voters in Louisiana for a big win on Monday evening.",
        "Trump tweeted his support for the governor before Election Day.",
        f"“{QUOTE},” Trump said at a rally in Louisiana last week.",
    ]
    art = article(paragraphs)
    q = quote(art.text, QUOTE, source="s1")
    assert detect(doc(art, quotes=(q,), sources=(_trump(art.text),))) == []


def test_a_lead_in_sentence_says_where_the_words_were_posted():
    paragraphs = [
        "Trump asked voters in Louisiana for a big win on Monday evening.",
        "Last week, Trump posted on Twitter accusing the label of blocking the show.",
        "He claimed the label thought the show would amount to a re-recording.",
        f"“{QUOTE},” he said.",
    ]
    art = article(paragraphs)
    q = quote(art.text, QUOTE, source="s1")
    [card] = detect(doc(art, quotes=(q,), sources=(_trump(art.text),)))
    # The quote's own paragraph says only "he": the card does not name the poster.
    assert "a post on X (Twitter)" in card.body
    assert card.evidence[0].exact == "Twitter"


def test_uncredited_words_opening_a_paragraph_after_a_lead_in_naming_the_platform():
    paragraphs = [
        "In his initial Instagram announcement, the actor noted there should be no shame.",
        f"“{QUOTE}. We decided to put ourselves out there.”",
    ]
    art = article(paragraphs)
    q = quote(art.text, QUOTE + ". We decided to put ourselves out there.", source=None)
    [card] = detect(doc(art, quotes=(q,)))
    assert "a post on Instagram" in card.body


@pytest.mark.parametrize(
    ("said", "expect_card"),
    [
        (f"“{QUOTE},” Shehabi wrote.", True),
        # Introduced through his posts, but these words were spoken or relayed elsewhere.
        (f"“{QUOTE},” Shehabi said on Friday, according to NBC.", False),
        (f"“{QUOTE},” Shehabi told reporters at a rally.", False),
        # credited with "said": nothing ties these words to a post
        (f"“{QUOTE},” he said on Sunday.", False),
        (f"“{QUOTE},” Shehabi wrote in an email to supporters.", False),
    ],
)
def test_a_source_known_through_posts_still_speaks_off_the_platform(said, expect_card):
    intro = "According to the Twitter account of Fares Shehabi, the strikes hit two army posts."
    art = article([intro, said])
    source = _shehabi(art.text)
    q = quote(art.text, QUOTE, source="s1")
    assert bool(detect(doc(art, quotes=(q,), sources=(source,)))) is expect_card


def test_a_post_copied_as_text_with_its_signature_checks_the_quote():
    # Text input keeps an embedded tweet as its words plus the embed's
    # signature line: the quote is that post's, so it gets no card of its
    # own, and the post gets none either: in plain text whether the page
    # linked it is unknown (detectors/pasted_posts.py).
    from sidenote.pipeline import analyze_text

    text = (
        "Mayor quits\n\n"
        "The mayor resigned on Friday.\n"
        "“I am stepping down today after ten years,” Doe wrote on Twitter.\n"
        "I am stepping down today after ten years.\n"
        "pic.twitter.com/Ab12Cd — Jane Doe (@janedoe) October 6, 2017\n"
        "The council meets on Monday."
    )
    cards = [c for c in _proposed(analyze_text(text)) if c.kind == "unverified_social_quote"]
    assert cards == []
    # without the copied post the quote itself cannot be checked
    unembedded = text.replace("I am stepping down today after ten years.\npic.twitter.com/Ab12Cd "
                              "— Jane Doe (@janedoe) October 6, 2017\n", "")
    assert "unverified_social_quote" in [c.kind for c in _proposed(analyze_text(unembedded))]


@pytest.mark.parametrize(("owner", "expect_card"), [("Omar’s", False), ("Ann Lee’s", True)])
def test_a_platform_word_naming_someone_else_s_post_does_not_make_the_quote_a_post(owner, expect_card):
    # The quote is the library's; the tweet in the sentence is Omar's.
    text = f"{owner} first tweet came three days after “{QUOTE},” reports the Jewish Virtual Library."
    art = article([text])
    name = "Ann Lee" if owner.startswith("Ann") else "the Jewish Virtual Library"
    src = Source("s1", name, "person" if owner.startswith("Ann") else "organization",
                 mentions=(span(art.text, name),))
    q = quote(art.text, QUOTE, source="s1")
    assert bool(detect(doc(art, quotes=(q,), sources=(src,)))) is expect_card


@pytest.mark.parametrize(
    "text",
    [
        "“Don't hide things like this,” one Weibo commenter said.",
        "“This is a disgrace to the whole city,” one Twitter user wrote after the vote.",
        "A Facebook user wrote: “The mayor should resign today.”",
        "“Shame on the council for this,” wrote one commenter on the city's Facebook page.",
        "“We were never told about the plan,” a TikTok user said in a post that has since been deleted.",
    ],
)
def test_a_post_credited_to_an_unnamed_user_gets_a_card(text):
    # Issue #13: it misses unlinked posts credited to an unnamed user.
    # For someone the article knows only as a user of the platform, even
    # "said" credits a post.
    [body] = _social_bodies("Residents were angry about the water.\n\n" + text)
    assert re.match(r"These words are credited to a post on (Weibo|X \(Twitter\)|Facebook|TikTok), but", body)


@pytest.mark.parametrize(
    "text",
    [
        "Many users on X criticised the plan, with one writing, “This is the worst decision they have made.”",
        "Many users on X mocked the mayor, with one of them writing, “He should resign before the vote.”",
    ],
)
def test_a_post_by_one_of_a_platform_s_users_gets_a_card(text):
    # Issue #13 (unlinked posts credited to an unnamed user): "one" is one
    # of the users the sentence has just named, so its words are a post.
    [body] = _social_bodies("The minister's remarks drew anger.\n\n" + text)
    assert body.startswith("These words are credited to a post on X (Twitter), but")


@pytest.mark.parametrize(
    "text",
    [
        # the group is not a platform's users
        "Several officials on the panel criticised the plan, with one saying, “This is a mistake we will regret.”",
        # one of the users, but speaking in another sentence, at a rally
        "Many users on X criticised the plan. At a rally, one said, “This is a mistake we will regret.”",
        # the member is someone else than one of the group
        "Many users on X criticised the plan, with one minister saying, “This is a mistake we will regret.”",
    ],
)
def test_one_of_a_group_that_is_not_a_platform_s_users_in_that_sentence_gets_none(text):
    assert _social_bodies("The minister's remarks drew anger.\n\n" + text) == []


def test_a_named_speaker_who_said_words_near_a_platform_word_still_gets_none():
    text = "“We will vote no on this bill,” the senator said, a day after a Twitter exchange with the governor."
    assert _social_bodies(text) == []


def _social_anchors(text: str) -> list[str]:
    from sidenote.pipeline import analyze_text

    return [c.anchor.exact for c in _proposed(analyze_text(text)) if c.kind == "unverified_social_quote"]


def _social_bodies(text: str) -> list[str]:
    from sidenote.pipeline import analyze_text

    return [c.body for c in _proposed(analyze_text(text)) if c.kind == "unverified_social_quote"]


def _proposed(d):
    """The cards the detectors propose, before the learned verifier decides
    which a reader sees: these tests are about the detector's rules."""
    from sidenote.pipeline.cards import candidates

    return candidates(d)


def test_a_platform_word_tied_to_none_of_the_quote_does_not_make_it_a_post():
    # The exchange on Twitter is the sentence's topic; the quoted words were
    # said to a judge.
    assert _social_bodies(
        "The Twitter exchange marks a bizarre twist in the story of the 26-year-old former U.S. Air "
        "Force linguist, who on Thursday apologized to a federal judge and said she takes "
        "“full responsibility for my actions.”"
    ) == []


def test_a_platform_word_inside_other_quoted_words_does_not_make_a_post():
    # "tweet" is in what Giuliani said on television, not where it was posted.
    assert _social_bodies(
        "On Sunday, Giuliani told CBS’ “Face the Nation”: “Obstruction by tweet is not something "
        "I think works real well.”"
    ) == []


@pytest.mark.parametrize(
    "text",
    [
        # the platform names the post a long description before the quote
        "In the months before, there was a tweet by Igor Sadikov, an elected representative of "
        "students in McGill’s faculty of arts, saying: “punch a zionist.”",
        # the quote opens a sentence before the cue that names the platform
        "“Let me get this straight: this is a statement about a secret letter. Right,” he "
        "tweeted sarcastically.",
    ],
)
def test_a_platform_word_tied_to_the_quote_still_makes_it_a_post(text):
    assert len(_social_bodies(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "“Our rules are clear on this,” said Ann Lee, Twitter’s director of public policy.",
        "“Our rules are clear on this,” said Ann Lee, a Facebook spokeswoman.",
        "As the LinkedIn chief executive, Ann Lee, put it in a memo, “Our rules are clear on this.”",
        "The buyer promised that Ann Lee could run LinkedIn as a “fully independent entity.”",
    ],
)
def test_a_platform_named_as_the_company_does_not_make_the_quote_a_post(text):
    assert _social_bodies(text) == []


def test_a_platform_named_where_the_words_went_still_makes_the_quote_a_post():
    assert len(_social_bodies("“Our rules are clear on this,” Ann Lee wrote on Twitter.")) == 1


def test_an_outlet_relaying_the_post_is_named():
    [body] = _social_bodies(
        "According to Breitbart, in the mother’s post on Facebook, which has since been taken down, "
        "Patricia Spittler asks for help in identifying the man she called “scum bag of the year.”"
    )
    assert "a post by Patricia Spittler on Facebook, as relayed by Breitbart" in body


def _person(text: str, name: str, sid: str = "s1", extra: tuple[str, ...] = ()) -> Source:
    # A speaker the attribution stage typed a person, not an account.
    found = sorted((m.start(), m.end()) for w in (name, *extra) for m in re.finditer(rf"\b{re.escape(w)}\b", text))
    return Source(sid, name, "person", mentions=tuple(Span(a, b) for a, b in found))


@pytest.mark.parametrize(
    ("paragraphs", "platform", "evidence"),
    [
        # The sentence just before says the speaker posted there; the quote's
        # sentence is the quote and a bare credit.
        (["Lew shared the experience on Facebook.", f"“{QUOTE},” wrote Lew."], "Facebook", "Facebook"),
        (["Lew shared the experience on Facebook. “" + QUOTE + ",” wrote Lew."], "Facebook", "Facebook"),
        # A short credit before the quote is as bare ("He said: “...”").
        (["Lew, whose daughter was among those killed, hailed the vote in a tweet.", f"He said: “{QUOTE}.”"],
         "X (Twitter)", "tweet"),
        # "Above the posting, X wrote": the sentence points back at the post,
        # even after a run-in title the splitter kept in its sentence.
        (["In 2016, Lew publicized on his Facebook page a report, titled ‘Dr. Who Exposes Them…’ "
          f"Above the posting, Lew wrote of Duke, “{QUOTE}!”"], "Facebook", "Facebook"),
    ],
)
def test_a_lead_in_sentence_says_the_speaker_posted_the_words(paragraphs, platform, evidence):
    art = article(paragraphs)
    he = ("He",) if any(p.startswith("He said") for p in paragraphs) else ()
    q = quote(art.text, QUOTE, source="s1")
    [card] = detect(doc(art, quotes=(q,), sources=(_person(art.text, "Lew", extra=he),)))
    assert f"a post by Lew on {platform}" in card.body
    assert card.evidence[0].exact == evidence


@pytest.mark.parametrize(
    "paragraphs",
    [
        # The lead names the platform, but not as where the speaker posted.
        ["Lew saw the Twitter reaction and doubled down.", f"“{QUOTE},” Lew said."],
        ["Lew also cast doubt on whether Trump’s tweets can be seen as obstruction.", f"“{QUOTE},” he said."],
        ["Lew said Trump posted it on Twitter.", f"“{QUOTE},” Lew said."],
        ["Lew wrote back in response to Omar’s tweet.", f"“{QUOTE},” Lew said."],
        ["Lew read about the vote on Twitter.", f"“{QUOTE},” Lew said."],
        # The speaker is not the one the lead says posted.
        ["Trump shared the warning on Twitter.", f"“{QUOTE},” Lew said."],
        # The quote's sentence says where the words were spoken.
        ["Lew shared the experience on Facebook.", f"“{QUOTE},” Lew told reporters."],
        ["Lew shared the experience on Facebook.", f"“{QUOTE},” Lew said at a rally in Ohio on Friday."],
        # A credit that says more than who: not a bare one.
        ["Lew shared the experience on Facebook.", f"In an interview on Monday, Lew said: “{QUOTE}.”"],
        # Two sentences back is too far for a speaker not introduced through the platform.
        ["Lew shared the experience on Facebook. He later met the board.", f"“{QUOTE},” Lew said."],
    ],
)
def test_a_lead_in_that_does_not_say_the_speaker_posted_gives_no_card(paragraphs):
    art = article(paragraphs)
    sources = [_person(art.text, "Lew", extra=("He", "he"))]
    if "Trump" in art.text:
        sources.append(_person(art.text, "Trump", sid="s2"))
    q = quote(art.text, QUOTE, source="s1")
    # The quotation's marks as the pipeline spans them: “…,” with the comma.
    q = dataclasses.replace(q, outer_end=q.outer_end + (art.text[q.outer_end] == "”"))
    assert detect(doc(art, quotes=(q,), sources=tuple(sources))) == []


@pytest.mark.parametrize(
    ("text", "expect_card"),
    [
        # a show's name in quotation marks, near a platform word, is no post
        ("In his first YouTube dispatches, Lee hosts a show he calls “Consumer Advocate TV,” every week.", False),
        ("On WTMJ’s “Midday with Charlie Sykes,” Lee discussed a tweet from the mayor.", False),
        # words in capitals are a post shouting, not a title
        ("Lee tweeted “GROWING PARTY TONIGHT” after the vote.", True),
        ("Lee tweeted “We Will Win This” after the vote.", False),
        ("Lee tweeted “we will win this” after the vote.", True),
    ],
)
def test_a_quoted_title_is_not_words_from_a_post(text, expect_card):
    assert bool(_social_bodies(text)) is expect_card


@pytest.mark.parametrize(
    ("paragraphs", "named"),
    [
        # named in the quote's sentence: the card names the poster
        (["Fares Shehabi is a member of parliament.", f"Shehabi wrote on Twitter: “{QUOTE}.”"], True),
        # named in the sentence before, "he" in the quote's: still named
        (["Fares Shehabi spoke on Monday. He wrote on Twitter: “" + QUOTE + ".”"], True),
        # only "he" near the quote, the name paragraphs away: "he" may be someone else
        (["Fares Shehabi is a member of parliament.", "The vote was on Monday.",
          "The council met later.", f"He wrote on Twitter: “{QUOTE}.”"], False),
    ],
)
def test_the_card_names_the_poster_only_when_the_quote_s_sentence_or_the_one_before_names_them(paragraphs, named):
    art = article(paragraphs)
    text = art.text
    mentions = tuple(Span(m.start(), m.end()) for m in re.finditer(r"Fares Shehabi|Shehabi(?! wrote)|Shehabi|\bHe\b",
                                                                     text))
    source = Source("s1", "Fares Shehabi", "social_media", channel="twitter", mentions=mentions)
    q = quote(art.text, QUOTE, source="s1")
    [card] = detect(doc(art, quotes=(q,), sources=(source,)))
    assert ("a post by Fares Shehabi on X (Twitter)" in card.body) is named
    assert "a post" in card.body


@pytest.mark.parametrize(
    ("text", "expect_card"),
    [
        # "said", and the platform only describes the speaker: speech
        ("“We feel like this vote was stolen from us,” said Ann Lee, the founder of a Facebook group.", False),
        # "said" where the words went: a post
        ("“We feel like this vote was stolen from us,” Ann Lee said on Facebook.", True),
        ("“We feel like this vote was stolen from us,” Ann Lee said in a tweet.", True),
        # a posting verb credits the quote, whatever else the sentence says
        ("Lee said on Monday that he would go, although he tweeted that he “will not be attending this vote.”", True),
    ],
)
def test_words_credited_with_said_are_a_post_only_where_the_platform_is_where_they_went(text, expect_card):
    assert bool(_social_bodies(text)) is expect_card


@pytest.mark.parametrize(
    "text",
    [
        # the platform is where she mocked him, not where the senator spoke
        "Weeks after she mocked him on Twitter, Senator Ann Lee told a radio host that her critics "
        "“should toughen up.”",
        # the tweet is the mayor's; the governor's words were not posted
        "Mayor Ann Lee tweeted that the count was close, and Governor Bob Hart later called the "
        "result “a disgrace to the state.”",
        # the tweet is what he defended, not where these words went
        "Donald Trump defended his tweet about the judge on Sunday, calling it “a fair comment about a "
        "biased man.”",
        # the platform describes the speaker
        "Donald Trump, a prolific Twitter user, described the trade deal as “a disaster for American workers.”",
        # the feud on Twitter is the main clause; the words were spoken in the "when" clause
        "The Twitter war escalated Monday when Hillary Clinton called Donald Trump “dangerous and unfit "
        "to serve.”",
        # the platform is inside the place the words were said
        "In a Fox News interview after his Twitter tirade, Donald Trump called Ted Cruz “a nasty guy with "
        "no friends.”",
    ],
)
def test_a_platform_word_in_another_clause_does_not_make_the_quote_a_post(text):
    assert _social_bodies(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Governor Bob Hart praised the vote in a tweet, saying: “A great day for our state and for every "
        "worker in it.”",
        "In a tweet on Monday, the union said the company “is not keeping its promises to workers.”",
    ],
)
def test_a_platform_word_in_the_crediting_clause_still_makes_a_post(text):
    assert len(_social_bodies(text)) == 1


def test_a_post_on_tumblr_is_a_post():
    text = "Her albums were sold this year.\n\n“I was shocked and hurt by the sale,” she wrote on Tumblr."
    [body] = _social_bodies(text)
    assert body.startswith("These words are credited to a post on Tumblr, but")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # "Tumblr" is 18 words from the quote, credited to no one
        ("In a Tumblr post at the time she described this as a disaster for her and accused him of years of "
         "“incessant, manipulative bullying”.", "Tumblr"),
        ("In another tweet in which Emery links to an article that falsely attributes a quote to the senator, "
         "Emery states, “Some people think they have to put words in his mouth to make him look bad.”",
         "X (Twitter)"),
    ],
)
def test_a_sentence_that_opens_with_the_post_ties_its_quote_to_it_however_far(text, where):
    # The opening phrase says where everything the sentence quotes was written.
    [body] = _social_bodies("Her albums were sold this year.\n\n" + text + "\n\nHe has denied it.")
    assert body.startswith(f"These words are credited to a post on {where}, but")


def test_a_link_to_the_tumblr_post_makes_it_checkable():
    from sidenote.pipeline import analyze_html

    html = ("<html><body><article><h1>A row over her music</h1><p>Her albums were sold this year.</p>"
            "<p>In <a href='https://taylorswift.tumblr.com/post/185958366550/for-years'>a Tumblr post</a> at "
            "the time she described this as the “worst case scenario” and accused him of years of “incessant, "
            "manipulative bullying”.</p><p>He has denied it.</p></article></body></html>")
    cards = _proposed(analyze_html(html, "https://news.example/row"))
    assert [c for c in cards if c.kind == "unverified_social_quote"] == []


def test_words_another_speaker_remarked_inside_the_posting_clause_are_not_the_post():
    # "remarking" credits the line to Clinton, whose debate it was; the tweet is Axelrod's.
    # (The shape of a sentence on a tuning page; shorter variants parse "remarking" as his.)
    text = (
        "Axelrod has mocked her often. “Too forced?” He tweeted when Clinton ended a Democratic debate last "
        "December with a reference to the blockbuster \"Star Wars\" sequel hitting the theaters, remarking, "
        "“Thank you, and may The Force be with you.”"
    )
    assert not any("The Force" in a for a in _social_anchors(text))


@pytest.mark.parametrize(
    "text",
    [
        # the parser hangs "in a tweet" on the quoted word; the writer's phrase still says where it went
        "Mayor Ann Lee called the count “rigged” in a tweet Monday, and two aldermen asked for a recount.",
        # "in a Friday tweet" is where the words went, not part of the speaker's name
        "“There is no plan and no leader for this movement,” said party spokesman Tom Reyes in a Friday tweet.",
    ],
)
def test_words_credited_in_a_tweet_the_page_does_not_link_get_a_card(text):
    [card] = detect(doc_through("attribution", text))
    assert card.kind == "unverified_social_quote"


@pytest.mark.parametrize(
    "text",
    [
        "The senator quashed the rumours by tweeting that “I have no plans to run for governor next year.”",
        "The governor answered the critics, tweeting at them, “you are not just wrong, you are loud and wrong.”",
        # a lead-in that says she was tweeting, then a bare "she wrote"
        "Mayor Ann Lee was the first to weigh in, tweeting her thanks on Friday afternoon.\n\n"
        "“Proud of every volunteer who knocked on doors this month,” she wrote.",
    ],
)
def test_words_credited_by_tweeting_get_a_card(text):
    [card] = detect(doc_through("attribution", text))
    assert card.kind == "unverified_social_quote"


def test_a_short_quote_from_someone_known_only_as_a_platforms_user_gets_a_card():
    text = "Even those not blaming anyone showed the strain. “We’re anxious,” said another Twitter user, Johanna Bayer."
    [card] = detect(doc_through("attribution", text))
    assert card.anchor.exact.startswith("We’re anxious")
    # someone the page describes by an account they run speaks elsewhere too
    other = "“We’re anxious,” said Johanna Bayer, who runs a Twitter account about trains."
    assert detect(doc_through("attribution", other)) == []


def test_words_a_post_itself_said_get_a_card():
    text = ("Twitter became a place to offer support. "
            "One tweet said: “This is very sad. Thinking of the people of the city tonight.”")
    [card] = detect(doc_through("attribution", text))
    assert card.anchor.exact.startswith("This is very sad")
    # the post has no author to name: "a post by One tweet" would be a junk source
    assert "a post on X (Twitter)" in card.body and "One tweet" not in card.body
    # a statement from the company is not a post
    company = "A statement from Twitter said: “We are reviewing the accounts involved in the attack.”"
    assert detect(doc_through("attribution", company)) == []


@pytest.mark.parametrize("where", ["on Twitter", "on his Twitter", "via Twitter"])
def test_the_platform_as_where_words_went_is_not_the_company_quoted_elsewhere(where):
    # The article also quotes the company ("Twitter declined to comment"),
    # and the attribution stage counts every "Twitter" as its mention: the
    # one after "wrote on" is still where the words went.
    art = article([f"“{QUOTE},” Fares Shehabi wrote {where} early on Tuesday.",
                   "Twitter declined to comment on the post."])
    twitter = [Span(m.start(), m.end()) for m in re.finditer("Twitter", art.text)]
    company = Source("s2", "Twitter", "organization", mentions=tuple(twitter))
    d = doc(art, quotes=(quote(art.text, QUOTE, source="s1"),),
            sources=(_shehabi(art.text, channel=None, kind="person"), company),
            attributions=(Attribution("s1", span(art.text, QUOTE)),))
    [card] = detect(d)
    assert card.anchor.exact == QUOTE
    assert [(e.exact, e.label) for e in card.evidence] == [("Twitter", "platform_attribution")]


def test_the_company_after_on_with_no_verb_of_posting_is_still_the_company():
    # "leaned on Twitter" names the company, not where words went: its own
    # statement in the sentence is no post.
    text = "After lawmakers leaned on Twitter, “we will take decisive corrective action,” Twitter said."
    art = article([text])
    company = Source("s1", "Twitter", "organization",
                     mentions=tuple(Span(m.start(), m.end()) for m in re.finditer("Twitter", art.text)))
    q = quote(art.text, "we will take decisive corrective action", source="s1")
    assert detect(doc(art, quotes=(q,), sources=(company,))) == []


TWEET_THEN = (
    "Senator Dale Hart attacked his rival early Tuesday. "
    "“Mark Ruiz is a total fraud and everybody knows it!” Hart wrote on Twitter shortly after 6 a.m.\n\n"
)


@pytest.mark.parametrize("lead", [
    "Hours later, before 2,000 people in a school gymnasium in Ames, Hart went further.",
    "Later, on a morning radio program, Hart went further.",
    # the lead names the post only as what he was asked about
    "Asked about the tweet on a morning news show, Hart said he stood by it.",
])
def test_words_said_after_a_lead_in_that_sets_the_speaker_elsewhere_are_not_a_post(lead):
    text = TWEET_THEN + f"{lead} “This guy is a nasty guy and nobody in Washington likes him,” he said."
    anchors = [c.anchor.exact for c in detect(doc_through("attribution", text))]
    assert not any("nasty guy" in a for a in anchors)
    assert any("total fraud" in a for a in anchors)  # the tweet itself still has its card


def test_words_written_after_a_lead_in_without_a_platform_still_read_as_the_post():
    text = TWEET_THEN + ("Hart also took several swipes at the governor that morning. "
                         "“The governor has spent $100 million and is at the bottom of the pack,” he wrote.")
    anchors = [c.anchor.exact for c in detect(doc_through("attribution", text))]
    assert any("bottom of the pack" in a for a in anchors)


@pytest.mark.parametrize("spoken", [
    # the quote's own short credit names a listener
    "Reached by phone, Hart stood by it. “I said what I said, and I will say it on the floor,” he told Politico.",
    "Asked about it after practice, Hart did not back down. “I said what I said, and I mean it,” he told them.",
])
def test_words_handed_to_listeners_after_a_tweet_are_not_a_post(spoken):
    text = TWEET_THEN + spoken
    anchors = [c.anchor.exact for c in detect(doc_through("attribution", text))]
    assert not any("I said what I said" in a for a in anchors)
    assert any("total fraud" in a for a in anchors)  # the tweet itself still has its card


def test_words_said_after_a_sentence_that_sets_them_in_speech_are_not_a_post():
    # "he" may be taken for "the Republican" who tweeted, not for Rendell;
    # the sentence before the quote sets it in speech either way.
    text = ("House Speaker Tom Rendell did not wait for the letter. “The governor just sided with union "
            "bosses over workers,” the Republican tweeted minutes after the news conference ended.\n\n"
            "Speaking to reporters outside his office an hour later, Rendell was more measured. "
            "“We have the votes in the House and the Senate is going to be close,” he said.")
    anchors = [c.anchor.exact for c in detect(doc_through("attribution", text))]
    assert not any("We have the votes" in a for a in anchors)
    assert any("union bosses" in a for a in anchors)


def test_a_verb_of_telling_between_the_platform_and_the_quote_credits_the_quote():
    text = ("Governor Ann Lee weighed in too, retweeting the senator's post and then telling a rally in "
            "Springfield that evening, “Missouri needs a leader who gets it, and he gets it.”")
    assert _social_bodies(text) == []
    # with no such verb between them, the tweet's words are the post
    assert len(_social_bodies("Governor Ann Lee weighed in too, tweeting that evening, "
                              "“Missouri needs a leader who gets it, and he gets it.”")) == 1


def test_a_verb_of_telling_after_the_place_the_words_went_still_credits_a_post():
    assert len(_social_bodies("The senator answered his critics on Monday. In a tweet, he told supporters, "
                              "“We will win this fight for every worker in the state.”")) == 1


@pytest.mark.parametrize("text", [
    # a post that relays a line from a speech or an editorial: the words are
    # the speech's or the editorial's, which the reader can check there
    "Comedian Tess Marlowe tweeted a line from the senator's Monday speech in Philadelphia — “We are not "
    "going to be a country that builds walls around its heart” — and added a single word.",
    "His campaign, meanwhile, shared on Twitter a passage from a Wall Street Journal editorial that called "
    "the governor “the only adult in the room when the budget talks collapsed last spring.”",
])
def test_a_post_relaying_words_from_elsewhere_is_not_where_they_were_said(text):
    assert _social_bodies(text) == []


@pytest.mark.parametrize("text", [
    "Comedian Tess Marlowe tweeted a clip from the senator's Monday speech and added, "
    "“This is the speech of the year, and nobody is talking about it.”",
    "After the speech, the anchor began tweeting out a few quotes from it, and declared that the senator "
    "“has a much larger following than anyone in the state admits.”",
])
def test_a_post_s_own_words_after_a_line_from_elsewhere_still_get_a_card(text):
    assert len(_social_bodies(text)) == 1


def test_words_answered_from_a_stage_are_not_a_post():
    posted = ("“You can’t insult your way to the presidency, Donald. But keep trying,” Bush wrote on Twitter "
              "Monday morning, after the debate in Greenville.\n\n")
    text = posted + ("At the debate, Trump attacked the former president. Bush responded from the stage: “While "
                     "Donald Trump was building a reality TV show, my brother was building a security apparatus.”")
    anchors = [c.anchor.exact for c in _proposed(_analyze(text))]
    assert not any("reality TV show" in a for a in anchors)
    assert any("insult your way" in a for a in anchors)  # the post itself keeps its card


def _analyze(text: str):
    from sidenote.pipeline import analyze_text

    return analyze_text(text)


@pytest.mark.parametrize("opening", ["On Twitter, he told supporters that", "In a tweet, he told supporters that"])
def test_a_verb_of_telling_that_went_to_the_platform_credits_a_post(opening):
    text = (f"The senator answered his critics on Monday. {opening} “we will win this fight for every worker "
            "in the state.”")
    assert len(_social_bodies(text)) == 1

