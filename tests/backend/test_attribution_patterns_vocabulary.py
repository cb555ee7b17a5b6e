"""The patterns' word lists load from their data files."""

from __future__ import annotations

from sidenote.attribution.patterns import vocabulary
from sidenote.lexicon import DATA_DIR, load_lines, load_words

LISTS = {name: value for name, value in vars(vocabulary).items() if name.isupper() and isinstance(value, frozenset)}


def test_every_list_has_words_in_lower_case() -> None:
    for name, words in LISTS.items():
        assert words, name
        assert all(w == w.lower() and w.strip() == w for w in words), name


def test_every_data_file_is_read_and_says_what_it_is_for() -> None:
    folder = DATA_DIR / "attribution" / "patterns"
    files = sorted(folder.glob("*.txt"))
    assert files
    for f in files:
        assert f.read_text(encoding="utf-8").startswith("# "), f.name
        assert load_lines(f"attribution/patterns/{f.name}"), f.name
        # The loader caches: a file the module reads gives back one of its lists.
        assert any(load_words(f"attribution/patterns/{f.name}") is words for words in LISTS.values()), f.name


def test_some_lists_as_the_rules_read_them() -> None:
    assert vocabulary.SAY_VERBS == {"say", "says", "said"}
    assert vocabulary.POLL_WORDS == {"poll", "survey"}
    assert vocabulary.PASSIVE_AUXILIARIES == {"is", "are", "was", "were", "be", "been", "being"}
    assert "told" in vocabulary.TELL_VERBS and "asked" in vocabulary.TELL_VERBS
