"""Anchoring: the most tested code in the project (pure functions, no Sphinx)."""

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotated_reader.anchoring import FOLD, IGNORABLE, AnchorError, Block, Document, normalise, normalise_phrase

BLOCKS = [
    Block("title", "the headline", "“We Want Them\u00a0Out!”"),
    Block("standfirst", "the standfirst", "Today will see many demonstration in the U.S. and elsewhere."),
    Block("p1", "¶1", "We Want Them Out!” shouted the crowds. The U.S. Troops left — or not."),
    Block("p2", "¶2", "Al-Sadr had called for a “million-man march”. The U.S. said no. Iraqi’s were there."),
    Block("p3", "¶3", "It was targeted.It follows,there is no need. The U.S. again; Iraqi’s again."),
]
DOC = Document(BLOCKS)


def quoted(m):
    return DOC.blocks[DOC.by_key[m.block]].text[m.start : m.end]


# -- normalisation -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("“curly”", '"curly"'),
        ("it’s", "it's"),
        ("‘single’", "'single'"),
        ("a — b – c ‐ d", "a - b - c - d"),
        ("a\u00a0b", "a b"),
        ("a   \n\t b", "a b"),
        ("soft\u00adhyphen", "softhyphen"),
        ("zero\u200bwidth", "zerowidth"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_normalise_folds(text, expected):
    assert normalise(text).text == expected


def test_normalise_maps_back_to_original_offsets():
    original = "a  “b”\u00a0c"
    n = normalise(original)
    i = n.text.index('"b"')
    assert n.to_original(i, i + 3) == (3, 6)
    assert original[slice(*n.to_original(0, len(n.text)))] == original


# -- anchoring: success ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "exact, kwargs, block, text",
    [
        ("shouted the crowds", {}, "p1", "shouted the crowds"),
        ('"million-man march"', {}, "p2", "“million-man march”"),  # straight quotes find curly ones
        ("We Want Them Out!", {"block": "title"}, "title", "We Want Them\u00a0Out!"),  # nbsp = space
        ("Troops left - or not", {}, "p1", "Troops left — or not"),  # dash folded
        ("targeted.It follows,there", {}, "p3", "targeted.It follows,there"),  # odd spacing kept
        ("Iraqi's were", {}, "p2", "Iraqi’s were"),
        ("Iraqi’s", {"block": "3"}, "p3", "Iraqi’s"),
        ("Iraqi’s", {"block": "¶2"}, "p2", "Iraqi’s"),
        ("The U.S.", {"prefix": "no need."}, "p3", "The U.S."),
        ("The U.S.", {"suffix": "said no"}, "p2", "The U.S."),
        ("The U.S.", {"prefix": "crowds.", "suffix": "Troops"}, "p1", "The U.S."),
        ("  shouted   the crowds  ", {}, "p1", "shouted the crowds"),
        ("many demonstration", {"block": "standfirst"}, "standfirst", "many demonstration"),
    ],
)
def test_anchor_finds_exactly_one(exact, kwargs, block, text):
    m = DOC.anchor(exact, **kwargs)
    assert m.block == block
    assert quoted(m) == text
    assert DOC.text[m.doc_start : m.doc_end] == text


def test_prefix_may_cross_a_block_boundary():
    m = DOC.anchor("We Want Them Out!”", prefix="elsewhere.")
    assert m.block == "p1"


def test_near_picks_the_closest_occurrence():
    p3 = DOC.offsets[DOC.by_key["p3"]]
    assert DOC.anchor("The U.S.", near=p3 + 40).block == "p3"


# -- anchoring: errors, with the exact messages contributors see --------------------------------------
def test_not_found_suggests_the_closest_text():
    with pytest.raises(AnchorError) as e:
        DOC.anchor("shouted the crowd loudly")
    assert e.value.message == "phrase “shouted the crowd loudly” is not in the article"
    assert e.value.suggestion == "closest: “shouted the crowds.” in ¶1"


def test_occurs_twice_lists_the_paragraphs():
    with pytest.raises(AnchorError) as e:
        DOC.anchor("Iraqi’s")
    assert str(e.value) == (
        "phrase “Iraqi’s” occurs 2 times (¶2, ¶3) (add :paragraph: with one of those, "
        "or :prefix: / :suffix: with the words around the one you mean)"
    )


def test_empty_phrase():
    with pytest.raises(AnchorError, match="the phrase is empty"):
        DOC.anchor("   ")


def test_prefix_matching_nothing_shows_what_is_there():
    with pytest.raises(AnchorError) as e:
        DOC.anchor("Iraqi’s", prefix="nobody")
    assert e.value.message == ":prefix: “nobody” matches none of the 2 places of “Iraqi’s”"
    assert e.value.suggestion.startswith("the text before them is “")


def test_suffix_matching_nothing():
    with pytest.raises(AnchorError, match=r":suffix: “zzz” matches none of the 2 places"):
        DOC.anchor("Iraqi’s", suffix="zzz")


def test_paragraph_that_does_not_hold_the_phrase():
    with pytest.raises(AnchorError) as e:
        DOC.anchor("Iraqi’s", block="1")
    assert str(e.value) == "phrase “Iraqi’s” is not in ¶1 (it occurs in ¶2, ¶3)"


def test_paragraph_that_does_not_exist():
    with pytest.raises(AnchorError) as e:
        DOC.anchor("Iraqi’s", block="99")
    assert str(e.value) == ":paragraph: 99 does not exist (use one of title, standfirst, 1–3)"


def test_phrase_across_two_blocks_does_not_anchor():
    with pytest.raises(AnchorError, match="is not in the article"):
        DOC.anchor("elsewhere. We Want")


def test_nothing_similar():
    with pytest.raises(AnchorError) as e:
        DOC.anchor("zqxj zqxj zqxj")
    assert e.value.suggestion == "no similar text found; copy the phrase from the article"


# -- properties -------------------------------------------------------------------------------------
texts = st.text(alphabet=st.sampled_from(list("abcdefgh ,.’'“”\"—–-\u00a0\n")), min_size=1, max_size=80)


@given(texts)
def test_normalisation_maps_every_character_back_to_the_displayed_text(text):
    n = normalise(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    for k, c in enumerate(n.text):
        piece = text[n.starts[k] : n.ends[k]]
        # each normalised character comes from a piece of the original that normalises to it
        assert normalise(piece).text == c
    assert all(a < b for a, b in zip(n.starts, n.starts[1:], strict=False))
    # nothing but spaces and invisible characters is left out of the map
    covered = {i for s, e in zip(n.starts, n.ends, strict=True) for i in range(s, e)}
    assert all(
        text[i].isspace() or text[i] in "\u00ad\u200b\u200c\u200d\u2060\ufeff" for i in range(len(text)) if i not in covered
    )


@st.composite
def cut(draw):
    """A document of a few paragraphs and a phrase cut from one of them, with its offsets."""
    paras = draw(st.lists(texts, min_size=1, max_size=4))
    doc = Document([Block(f"p{i}", f"¶{i}", t) for i, t in enumerate(paras, 1)])
    bi = draw(st.integers(0, len(paras) - 1))
    start = draw(st.integers(0, len(paras[bi]) - 1))
    end = draw(st.integers(start + 1, len(paras[bi])))
    return doc, bi, start, end


@settings(max_examples=300)
@given(cut())
def test_any_phrase_cut_from_the_text_anchors_back_to_its_place(case):
    doc, bi, start, end = case
    text = doc.blocks[bi].text
    phrase = text[start:end]
    assume(normalise_phrase(phrase))
    try:
        m = doc.anchor(phrase, block=str(bi + 1))
    except AnchorError as err:
        # only legitimate reason: the phrase occurs more than once in that paragraph
        assert "occurs" in err.message
        return
    assert m.block == f"p{bi + 1}"
    assert normalise_phrase(text[m.start : m.end]) == normalise_phrase(phrase)
    assert m.start <= start + len(phrase) and m.end >= start


@given(cut())
def test_a_unique_phrase_with_its_context_anchors_to_exactly_its_place(case):
    doc, bi, start, end = case
    phrase = doc.blocks[bi].text[start:end]
    n = normalise_phrase(phrase)
    assume(n and len(re.findall("(?=" + re.escape(n) + ")", doc.norm.text)) == 1)  # overlapping count
    m = doc.anchor(phrase)
    assert m.block == f"p{bi + 1}"
    assert m.start >= start - 1 and m.end <= end + 1  # within the cut, give or take folded space


# -- shortening for labels and messages: a word boundary and an ellipsis, never half a word ------------------
@pytest.mark.parametrize(
    "text, limit, short",
    [
        ("the leader of the Kata’ib Hizbollah militia of the Iraqi", 40, "the leader of the Kata’ib Hizbollah…"),
        ("Qasim Soleimani and the leader", 20, "Qasim Soleimani and…"),
        ("short enough", 40, "short enough"),
        ("exactly ten", 11, "exactly ten"),
        ("Supercalifragilistic", 10, "Supercali…"),
        ("words, then more", 9, "words…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text, limit, short):
    from annotated_reader.anchoring import shorten

    assert shorten(text, limit) == short


@given(st.text(alphabet=st.sampled_from("abc ,."), min_size=0, max_size=80), st.integers(min_value=2, max_value=60))
def test_shorten_never_exceeds_its_limit_and_keeps_a_prefix(text, limit):
    from annotated_reader.anchoring import shorten

    out = shorten(text, limit)
    flat = " ".join(text.split())
    assert len(out) <= limit
    if out.endswith("…") and out != flat:
        kept = out[:-1]
        assert flat.startswith(kept)
        rest = flat[len(kept) :]
        # cut where a word ends, unless one word alone was longer than the limit
        assert rest[:1] in (" ", ",", ";", ":", "–", "-", "") or " " not in flat[: limit - 1]
    else:
        assert out == flat


def _normalise_oracle(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Normalisation written out one character at a time: the definition the fast one must match."""
    out, starts, ends = [], [], []
    i = 0
    while i < len(text):
        c = text[i]
        if c in IGNORABLE:
            if ends:
                ends[-1] = i + 1
            i += 1
        elif c.isspace():
            j = i
            while j < len(text) and (text[j].isspace() or text[j] in IGNORABLE):
                j += 1
            out.append(" ")
            starts.append(i)
            ends.append(j)
            i = j
        else:
            out.append(FOLD.get(c, c))
            starts.append(i)
            ends.append(i + 1)
            i += 1
    return "".join(out), tuple(starts), tuple(ends)


SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
TRICKY = st.sampled_from(sorted(FOLD) + sorted(IGNORABLE) + SPACES + list("ab' \"-"))


@settings(max_examples=400)
@given(st.lists(st.one_of(TRICKY, st.characters()), max_size=40).map("".join))
def test_normalisation_equals_its_character_by_character_definition(text):
    n = normalise(text)
    assert (n.text, n.starts, n.ends) == _normalise_oracle(text)
    assert n.original_length == len(text)
    assert normalise_phrase(text) == n.text.strip()
