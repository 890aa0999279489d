"""The edition's content: every note has a kind and a source, every source is cited and original,
every typo is anchored on its exact original spelling. (Pure checks of the committed files.)"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

from annotated_reader import textimport
from annotated_reader.note_nodes import KINDS
from annotated_reader.sources import MIRROR_HOSTS, host_is_mirror, parse_bibliography

SLUGS = ["we-want-them-out", "iraqs-vote-to-kick-out-us-troops"]
BLOCK = re.compile(r"^:::\{annotation\}(?P<exact>[^\n]*)\n(?P<opts>(?::[a-z]+:[^\n]*\n)*)(?P<body>.*?)^:::$", re.M | re.S)


def notes(slug: str) -> list[dict]:
    text = (ROOT / f"docs/articles/{slug}.notes.md").read_text(encoding="utf-8")
    out = []
    for m in BLOCK.finditer(text):
        opts = dict(re.findall(r"^:([a-z]+):[ \t]*(.*)$", m.group("opts"), re.M))
        out.append({"exact": m.group("exact").strip(), **opts, "body": m.group("body").strip()})
    assert len(out) == text.count(":::{annotation}")
    return out


def entries() -> dict[str, tuple[dict, str]]:
    out = {}
    for path in sorted((ROOT / "glossary").glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        out[path.stem] = (yaml.safe_load(front), body.strip())
    return out


def words(text: str) -> int:
    return len(re.sub(r"\{term\}`([^`<]*)(<[^>]*>)?`", r"\1", text).split())


@pytest.mark.parametrize("slug, minimum", [("we-want-them-out", 30), ("iraqs-vote-to-kick-out-us-troops", 40)])
def test_every_note_has_a_kind_sources_and_a_sensible_length(slug, minimum):
    ns = notes(slug)
    assert len(ns) >= minimum
    for n in ns:
        assert n.get("kind") in KINDS, n["exact"]
        assert [k for k in re.split(r"[,\s]+", n.get("sources", "")) if k], n["exact"]
        assert 20 <= words(n["body"]) <= 150, (n["exact"], words(n["body"]))


def test_every_kind_is_used():
    used = {n["kind"] for slug in SLUGS for n in notes(slug)}
    assert used == set(KINDS)


def test_every_source_is_original_and_cited_at_least_once():
    sources, problems = parse_bibliography((ROOT / "sources.bib").read_text(encoding="utf-8"))
    assert [p.message for p in problems] == []
    assert not [s.url for s in sources.values() if host_is_mirror(s.url)]
    cited = {k for slug in SLUGS for n in notes(slug) for k in re.split(r"[,\s]+", n["sources"]) if k}
    cited |= {k for front, _ in entries().values() for k in front["sources"]}
    for page in (ROOT / "docs").rglob("*.md"):
        if page.name == "reference.md":  # documents the role, cites nothing
            continue
        for group in re.findall(r"\{cite\}`([^`\n]*)`", page.read_text(encoding="utf-8")):
            cited |= {k for k in re.split(r"[,\s]+", group) if k}
    events = yaml.safe_load((ROOT / "docs/background/timeline.yaml").read_text(encoding="utf-8"))
    cited |= {k for e in events for k in e["sources"]}
    places = yaml.safe_load((ROOT / "docs/background/map/places.yaml").read_text(encoding="utf-8"))
    cited |= {p["source"] for p in places}
    assert sorted(set(sources) - cited) == []
    assert sorted(cited - set(sources)) == []


AGENCY_NAMES = {
    "Agence France-Presse": ("AFP", "Agence France-Presse"),
    "The Associated Press": ("AP", "Associated Press"),
    "Reuters": ("Reuters",),
    "Xinhua": ("Xinhua",),
    "Press Trust of India": ("PTI", "Press Trust of India"),
}


def bibliography():
    sources, problems = parse_bibliography((ROOT / "sources.bib").read_text(encoding="utf-8"))
    assert [p.message for p in problems] == []
    return sources


def test_every_source_says_how_its_page_was_checked():
    """checked: the page itself in the stored copies, the same article at another address of the same
    publisher, or unconfirmed with the reason (listed on the sources page)."""
    from urllib.parse import urlsplit

    def site(url):
        return ".".join((urlsplit(url).hostname or "").split(".")[-2:])

    for s in bibliography().values():
        assert re.fullmatch(r"stored copy|stored copy at https?://\S+|unconfirmed: .+", s.checked), (s.key, s.checked)
        if s.checked.startswith("stored copy at "):
            assert site(s.checked.removeprefix("stored copy at ")) == site(s.url), s.key


def test_every_reprint_names_its_agency_and_the_notes_that_rest_on_one_say_whose_story_it_is():
    sources = bibliography()
    reprints = {k: s for k, s in sources.items() if s.reprint}
    assert len(reprints) >= 10
    for s in reprints.values():
        assert s.reprint in AGENCY_NAMES, s.key
        assert s.organization != s.reprint and s.reprint not in s.organization, s.key  # the host, not the agency
    citing = [(n["exact"], n["body"], n["sources"]) for slug in SLUGS for n in notes(slug)]
    citing += [(slug, body, ",".join(front["sources"])) for slug, (front, body) in entries().items()]
    for where, body, keys in citing:
        keys = [k for k in re.split(r"[,\s]+", keys) if k]
        if keys and all(k in reprints for k in keys):
            names = {n for k in keys for n in AGENCY_NAMES[reprints[k].reprint]}
            assert any(re.search(rf"\b{re.escape(n)}\b", body) for n in names), where


def test_the_mirror_list_catches_mirrors():
    assert len(MIRROR_HOSTS) > 20
    assert host_is_mirror("https://wikimili.com/en/Fatah_Alliance") and host_is_mirror("http://review.clateway.com/x")
    assert not host_is_mirror("https://en.wikipedia.org/wiki/Fatah_Alliance")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_sic_note_is_anchored_on_the_exact_original_spelling(slug):
    _, blocks = textimport.read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
    text = "\n\n".join(" ".join(b.text.split()) for b in blocks)
    sics = [n for n in notes(slug) if n["kind"] == "sic"]
    assert sics
    for n in sics:
        assert n["exact"] in text, f"sic note phrase {n['exact']!r} is not spelt exactly as in the original"


def test_glossary_entries_are_complete():
    es = entries()
    assert len(es) >= 55
    for slug, (front, body) in es.items():
        assert front["sources"], slug
        assert len(front["summary"]) <= 200, slug
        assert 80 <= words(body) <= 300, (slug, words(body))
    # the entities the issue names are all there
    for must in [
        "muqtada-al-sadr",
        "qasem-soleimani",
        "abu-mahdi-al-muhandis",
        "adil-abdul-mahdi",
        "hadi-al-amiri",
        "popular-mobilization-forces",
        "kataib-hezbollah",
        "quds-force",
        "irgc",
        "fatah-alliance",
        "sairoon",
        "badr-organization",
        "hezbollah",
        "council-of-representatives",
        "sadr-city",
        "green-zone",
        "baghdad-international-airport",
        "nasiriyah",
        "k-1-air-base",
        "muhasasa",
        "operation-inherent-resolve",
        "tishreen-protests",
        "truthout",
        "marx21",
    ]:
        assert must in es, must


def test_every_event_entry_links_its_timeline_event_and_every_event_is_sourced():
    events = yaml.safe_load((ROOT / "docs/background/timeline.yaml").read_text(encoding="utf-8"))
    assert len(events) >= 30
    assert all(e["sources"] and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(e["date"])) for e in events)
    linked = {slug for e in events for slug in e.get("entries") or []}
    event_entries = {slug for slug, (front, _) in entries().items() if front["kind"] == "event"}
    assert sorted(event_entries - linked) == []
    assert min(str(e["date"]) for e in events) < "2004" and max(str(e["date"]) for e in events) >= "2020-05"
    dense = [e for e in events if "2019-10" <= str(e["date"]) < "2020-03"]
    assert len(dense) >= len(events) / 2


def test_every_background_page_is_reachable_from_the_landing_page():
    landing = (ROOT / "index.md").read_text(encoding="utf-8")
    for page in (ROOT / "docs/background").glob("*.md"):
        if page.stem != "index":
            assert f"docs/background/{page.name}" in landing, page.name


@pytest.mark.parametrize("slug", SLUGS)
def test_sic_notes_do_not_repeat_their_kind(slug):
    """The page already labels a sic note "Sic": its body does not start by saying it again."""
    for n in notes(slug):
        if n["kind"] == "sic":
            assert not re.match(r"\*?sic\b", n["body"], re.I), n["exact"]


# -- disputed figures: each is given with who gave it --------------------------------------------------------------
#: the figures the fact base lists as disputed (its section 9), as they are written in notes and pages
DISPUTED = {
    "the march's crowd (NYT 200,000 to 250,000; AP tens of thousands; organisers a million)": (
        r"200,000|250,000|tens of thousands|hundreds of thousands|(?<!march of )(?:a|one) million(?! people against)"
    ),
    "the 29 December strikes (KH via the NYT 24 and 50+; most outlets 25 and 55)": (
        r"\b2[45] (?:people |fighters |members )?(?:were )?killed|\b5[05]\+? (?:people )?(?:were )?(?:wounded|injured)|\b2[45] dead|"
        r"\bkill(?:ed|ing) 2[45]\b|\b(?:wound|injur)(?:ed|ing) (?:over |more than )?5[05]\b"
    ),
    "the K-1 rockets (the US 31; Iraqi officials 11 to 16)": r"\b3[01]\+? rockets|more than 30 rockets",
    "the vote (The Week 170 to none; Reuters 168 present)": r"\b170\b|\b168\b",
    "protesters killed by January 2020 (about 500)": r"\b(?:500|600|669|700)\b (?:protesters|people)",
}
ATTRIBUTION = re.compile(
    r"\b(AP|AFP|Reuters|NYT|New York Times|Times|Al Jazeera|BBC|EFE|organi[sz]ers|officials?|said|says|reported|reports|"
    r"according|estimated?|estimates|counted|claimed|put|gave|spokesman|Amnesty|UN|UNAMI|commission|ministry|Pentagon|"
    r"article|Marx21|Truthout|standfirst|Wikipedia|CNN|Guardian|Post|Week|Hill|Kurdistan 24|Rudaw|told|figure|tally|"
    r"count|noted|called|calling)\b"
)


def prose_sentences():
    """Every sentence of the notes, entries, background pages and timeline, without the quoted phrase
    of each note and without source keys (which may hold numbers)."""
    files = [*(ROOT / "docs/articles").glob("*.notes.md"), *(ROOT / "glossary").glob("*.md")]
    files += [*(ROOT / "docs/background").glob("*.md"), ROOT / "docs/background/timeline.yaml"]
    for path in sorted(files):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^:::\{annotation\}.*$", "", text, flags=re.M)
        text = re.sub(r"^\s*:?(sources|entries|paragraphs|id):.*$", "", text, flags=re.M)
        text = re.sub(r"\{cite\}`[^`]*`", "", text)
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            yield path.relative_to(ROOT), sentence


def test_no_disputed_figure_is_stated_without_who_gave_it():
    bare = [
        (str(where), what, sentence[:160])
        for where, sentence in prose_sentences()
        for what, pattern in DISPUTED.items()
        if re.search(pattern, sentence) and not ATTRIBUTION.search(sentence)
    ]
    assert bare == []


def test_the_disputed_figure_check_catches_a_bare_number():
    sentence = "The strikes killed 25 people and wounded 55."
    assert any(re.search(p, sentence) for p in DISPUTED.values()) and not ATTRIBUTION.search(sentence)
    assert ATTRIBUTION.search("The strikes killed 25 people, the Pentagon said.")


@pytest.mark.parametrize(
    "title, shown",
    [
        ("“We Want Them Out!”", "“We Want Them Out!”"),  # a title in quotation marks of its own is not quoted twice
        ("“Maximum Pressure”: US sanctions", "““Maximum Pressure”: US sanctions”"),
        ("Plain title", "“Plain title”"),
        ("[A description of an untitled page]", "A description of an untitled page"),
    ],
)
def test_a_source_title_is_quoted_once(title, shown):
    from annotated_reader.sources import Source

    assert Source("key", title, "Outlet", "https://example.org/", "2026-01-01").title_text() == shown
