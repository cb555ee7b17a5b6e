"""Stage 0: turn a page's HTML (or plain text) into an :class:`Article`.

trafilatura decides what the main text is (it leads the field on the
article-extraction benchmark); this package maps its answer back onto the
page and adds what it drops on purpose but a reader of news needs:
picture captions (they often carry a claim) and embedded posts (the
evidence behind "X wrote on Twitter"). The HTML is parsed once; a single
walk of that tree gives the reading-order positions that place trafilatura's
blocks, the captions and the embeds relative to one another, plus the
page's dates, which the metadata needs.

Article.text is the blocks' texts joined by ``"\\n\\n"``. An embed whose
post has no text in the page (an ``<iframe>`` or script widget) is a
zero-width block at its place, so that the post's address is still known.

============  ===========================================================
main.py       ``extract``: the page's HTML -> an Article
scan.py       the one walk of the page: its words in reading order, and
              where the captions, embeds, furniture and dates are
pieces.py     trafilatura's blocks, placed in reading order, with the
              captions, embeds and body parts it dropped put back
markup.py     text and links of a piece of HTML; what is not page text
embeds.py     embedded posts in the markup, with their own addresses
metadata.py   title, byline, date, site, language
plain_text.py ``from_text``: plain text -> an Article
============  ===========================================================
"""

from __future__ import annotations

from .main import extract
from .plain_text import from_text

__all__ = ["extract", "from_text"]
