"""What of a post the page itself carries, for ``social_quote``: the
embeds of a platform (their words, and who signs those that carry a
picture) and copies of a post written out with the post's own address.
A quote whose words are in one of them is checkable: the reader can open
the post.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..doc import Doc, Source
from ..text import content_words, overlap

# An embed "carries" a quote when this share of the quote's content words is in it.
EMBED_MATCH = 0.5
NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# The address Twitter/X puts in a post's text for an attached picture.
_PICTURE = re.compile(r"\bpic\.(?:twitter|x)\.com/")


class Embeds:
    """The embedded posts of one platform: which share content words with a
    quote (an index from each word to the embeds that hold it), and the
    words that sign those that carry a picture."""

    def __init__(self, doc: Doc, platform: str) -> None:
        self.words: list[frozenset[str]] = []
        self.holding: dict[str, list[int]] = {}
        self.signed: set[str] = set()
        for block in doc.article.blocks:
            if block.embed is None or block.embed.platform != platform:
                continue
            embed_text = doc.text[block.start : block.end]
            words = content_words(embed_text)
            for w in words:
                self.holding.setdefault(w, []).append(len(self.words))
            self.words.append(words)
            signed = picture_signature(embed_text, block.embed.url)
            if signed is not None:
                self.signed |= signed

    def carry(self, words: frozenset[str]) -> bool:
        """Some embed's content words overlap ``words`` by ``EMBED_MATCH``
        (text.overlap). An embed that shares no word overlaps by 0, so
        only those found through the index are compared."""
        candidates = {e for w in words for e in self.holding.get(w, ())}
        return any(overlap(words, self.words[e]) >= EMBED_MATCH for e in candidates)

    def signed_by(self, source: Source) -> bool:
        """Some embedded post is the source's own and carries a picture: a
        letter or statement posted as an image has no words in the page to
        match the quote against, yet the reader can open it from the embed.
        The post is the source's when a word of its name is in the
        signature ("— Rep. Ilhan Omar (@Ilhan) November 19, 2019") or is its
        address's account. Another post of the same account without a
        picture does not count: its words are on the page and are not the
        quote."""
        return not name_words(source).isdisjoint(self.signed)


def picture_signature(embed_text: str, url: str | None) -> set[str] | None:
    """The words that sign an embedded post carrying a picture (and its
    address's account); None for a post without a picture."""
    if not _PICTURE.search(embed_text):
        return None
    _, dash, tail = embed_text.rpartition("—")
    signature = tail if dash else embed_text.rpartition("\n")[2]
    signed = {w.lower() for w in NAME_WORD.findall(signature)}
    if url:
        signed.add(urlsplit(url).path.strip("/").partition("/")[0].lower())
    return signed


def name_words(source: Source) -> set[str]:
    return {w.lower() for w in NAME_WORD.findall(source.name) if w[0].isupper() and len(w) > 2}


# A post's own address written into its text: a picture's (pic.twitter.com/…,
# which opens the post) or a shortened link (t.co/…). A flattened embed keeps it.
_POST_ADDRESS = re.compile(r"(?:pic\.(?:twitter|x)\.com|\bt\.co)/\w+")


class AddressedCopies:
    """The lines of the text that carry a post's address (_POST_ADDRESS),
    as content words: a post copied onto the page with its address (an
    embed flattened to text keeps "pic.twitter.com/…"), which a reader can
    open, whatever else quotes its words."""

    def __init__(self, doc: Doc) -> None:
        self.words = [content_words(m.group()) for m in re.finditer(r"[^\n]+", doc.text)
                      if _POST_ADDRESS.search(m.group())]

    def carry(self, words: frozenset[str]) -> bool:
        return bool(words) and any(overlap(words, line) >= EMBED_MATCH for line in self.words)
