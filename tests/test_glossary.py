"""The glossary: alias matching (pure), entry pages, mentions and backlinks, {term}, errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_root, soup
from hypothesis import given
from hypothesis import strategies as st

from annotated_reader.aliases import AliasMatcher, alias_key, is_acronym

# -- the matcher -----------------------------------------------------------------------------------------
M = AliasMatcher(
    {
        "Hezbollah": "hez",
        "Kataeb Hezbollah": "kh",
        "Kata'ib Hizbollah": "kh",
        "PMF": "pmf",
        "popular mobilization forces": "pmf",
        "Hashed Al-Shaabi": "pmf",
        "Baghdad": "baghdad",
        "Baghdad airport": "airport",
        "Sadr City": "sadr-city",
        "al-Sadr": "sadr",
        "Iraq": "iraq",
    }
)


def found(text):
    return [(text[m.start : m.end], m.target) for m in M.find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kataeb Hezbollah struck", [("Kataeb Hezbollah", "kh")]),  # longest match wins
        ("such as Hezbollah, claim", [("Hezbollah", "hez")]),
        ("the Kata’ib Hizbollah militia", [("Kata’ib Hizbollah", "kh")]),  # curly apostrophe
        ("the Kata'ib Hizbollah militia", [("Kata'ib Hizbollah", "kh")]),  # straight apostrophe
        ("the Iraqi popular mobilization forces.", [("popular mobilization forces", "pmf")]),  # case-insensitive
        ("Popular Mobilization Forces", [("Popular Mobilization Forces", "pmf")]),
        ("the PMF and the pmf", [("PMF", "pmf")]),  # acronyms only in capitals
        ("PMFs and Hezbollahs", []),  # whole words only
        ("Hashed Al-Shaabi and hashed al-shaabi", [("Hashed Al-Shaabi", "pmf"), ("hashed al-shaabi", "pmf")]),
        ("at the Baghdad airport in Baghdad", [("Baghdad airport", "airport"), ("Baghdad", "baghdad")]),
        ("Sadr City, said al-Sadr and Al-Sadr", [("Sadr City", "sadr-city"), ("al-Sadr", "sadr"), ("Al-Sadr", "sadr")]),
        ("Iraq’s and Iraqi and Iraqis", [("Iraq", "iraq")]),  # "Iraq’s" counts, "Iraqi" does not
        ("Kataeb\u00a0Hezbollah", [("Kataeb\u00a0Hezbollah", "kh")]),  # non-breaking space
        ("", []),
    ],
)
def test_matcher(text, expected):
    assert found(text) == expected


def test_acronyms_and_alias_keys():
    assert is_acronym("PMF") and is_acronym("K-1") is False and is_acronym("IRGC-QF") and not is_acronym("Quds")
    assert alias_key("Kata’ib  Hizbollah") == alias_key("kata'ib hizbollah")
    assert alias_key("PMF") != alias_key("pmf")


words = st.sampled_from(["Hezbollah", "Kataeb", "the", "PMF", "Baghdad", "airport", "Iraq", "forces", ",", "."])


@given(st.lists(words, max_size=30))
def test_matches_never_overlap_and_are_whole_words(tokens):
    text = " ".join(tokens)
    mentions = M.find(text)
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start
    for m in mentions:
        assert m.start == 0 or not text[m.start - 1].isalnum()
        assert m.end == len(text) or not text[m.end].isalnum()


@given(st.lists(words, max_size=30))
def test_longest_alias_wins(tokens):
    text = " ".join(tokens)
    for m in M.find(text):
        if text[m.start : m.end] == "Hezbollah":
            assert not text[: m.start].endswith("Kataeb ")
        if text[m.start : m.end] == "Baghdad":
            assert not text[m.end :].startswith(" airport")


# -- in a Sphinx project --------------------------------------------------------------------------------------
def project(tmp_path, edits=None):
    return copy_root(tmp_path, "glossary", edits)


page = soup


def test_first_mention_in_each_paragraph_links_to_its_entry(tmp_path):
    app, warnings = build(project(tmp_path))
    assert warnings == ""
    art = page(app, "docs/articles/militias")
    links = [(a.get_text(), a["href"]) for a in art.select("a.ar-term") if not a.find_parent(class_="ar-note")]
    assert links == [
        ("popular mobilization forces", "../../glossary/pmf.html"),  # standfirst
        ("Kata’ib Hizbollah", "../../glossary/kataib-hezbollah.html"),  # ¶1
        ("popular mobilization forces", "../../glossary/pmf.html"),  # "Kataeb Hezbollah" later in ¶1: not linked again
        ("Hezbollah", "../../glossary/hezbollah.html"),  # ¶2
        ("PMF", "../../glossary/pmf.html"),
        ("Kata'ib Hizbollah", "../../glossary/kataib-hezbollah.html"),
    ]
    # the first link to an entry carries its preview (later ones are looked up by address)
    first = art.select_one("a.ar-term")
    assert first["data-ar-summary"] == "Iraqi state umbrella of mostly Shia militias formed in 2014."
    assert first["data-ar-name"] == "Popular Mobilization Forces" and first["data-ar-native"] == "الحشد الشعبي"
    # the entry's name is written only where it is not the link's own text
    carriers = art.select("a.ar-term[data-ar-kind]")
    assert any(not a.has_attr("data-ar-name") for a in carriers)
    assert not any(a.get("data-ar-name") == a.get_text() for a in carriers)
    later = [a for a in art.select('a.ar-term[href="../../glossary/pmf.html"]') if not a.find_parent(class_="ar-note")][1:]
    assert later and all(not a.has_attr("data-ar-summary") for a in later)


def test_entry_page_lists_every_mention(tmp_path):
    app, _ = build(project(tmp_path))
    entry = page(app, "glossary/kataib-hezbollah")
    assert entry.select_one("h1").get_text().startswith("Kata’ib Hezbollah")  # typographic apostrophe in prose
    items = [li.get_text(" ", strip=True) for li in entry.select(".ar-mentioned-in li")]
    assert any("¶1" in i and "Kata’ib Hizbollah" in i and "(2 times)" in i for i in items), items
    assert any("¶2" in i and "Kata'ib Hizbollah" in i for i in items), items
    assert any(i.startswith("Note on “Kataeb Hezbollah said so”") for i in items), items  # {term}`KH` in a note
    assert entry.select_one(".ar-mentioned-in li a")["href"] == "../docs/articles/militias.html#p1"
    pmf = page(app, "glossary/pmf")
    native = pmf.select_one("span.ar-native")
    assert (native["lang"], native["dir"], native.get_text()) == ("ar", "rtl", "الحشد الشعبي")
    assert any("standfirst" in li.get_text() for li in pmf.select(".ar-mentioned-in li"))


def test_glossary_index_groups_by_kind_alphabetically(tmp_path):
    app, _ = build(project(tmp_path))
    index = page(app, "glossary/index")
    assert [h.contents[0].strip() for h in index.select("section h2")] == ["Groups and institutions"]
    assert [dt.select_one("a").get_text() for dt in index.select("dt")] == [
        "Hezbollah",
        "Kata'ib Hezbollah",
        "Popular Mobilization Forces",
    ]


def test_term_resolves_names_aliases_and_explicit_titles(tmp_path):
    app, _ = build(project(tmp_path))
    notes = page(app, "docs/articles/militias.notes")
    assert [(a.get_text(), a["href"]) for a in notes.select(".ar-item a.ar-term")] == [
        ("KH", "../../glossary/kataib-hezbollah.html"),
        ("Hezbollah", "../../glossary/hezbollah.html"),
        ("popular mobilization forces", "../../glossary/pmf.html"),
    ]


def test_adding_an_alias_relinks_articles_without_a_clean_build(tmp_path):
    src = project(tmp_path)
    app, _ = build(src)
    assert "Hezbollahs" not in [a.get_text() for a in page(app, "docs/articles/militias").select("a.ar-term")]
    hez = src / "glossary/hezbollah.md"
    hez.write_text(
        hez.read_text(encoding="utf-8").replace("kind: group", "kind: group\naliases:\n  - Hezbollahs"), encoding="utf-8"
    )
    app, warnings = build(src, freshenv=False)
    assert warnings == ""
    assert "Hezbollahs" in [a.get_text() for a in page(app, "docs/articles/militias").select("a.ar-term")]
    assert any("Hezbollahs" in li.get_text() for li in page(app, "glossary/hezbollah").select(".ar-mentioned-in li"))


def written(app) -> set[str]:
    """The documents a build wrote, from its progress output."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))


def test_a_note_edit_rewrites_only_the_pages_whose_data_changed(tmp_path):
    src = project(tmp_path)
    build(src)
    notes = src / "docs/articles/militias.notes.md"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("is an Iraqi militia", "is an Iraqi armed group"), encoding="utf-8")
    app, warnings = build(src, freshenv=False)
    assert warnings == ""
    # the article and its notes are read together; the timeline lists what every page dates, and
    # Sphinx rewrites the page whose contents list holds the notes; the sources page lists what
    # every page cites, which a note's words do not change
    always = {"docs/articles/militias", "docs/articles/militias.notes", "docs/background/timeline", "index"}
    assert written(app) == always
    assert "an Iraqi armed group" in page(app, "docs/articles/militias").select_one(".ar-note").get_text()
    # dropping a {term} link changes what one entry page lists: that page is rewritten, no other
    notes.write_text(notes.read_text(encoding="utf-8").replace(", not {term}`Hezbollah`", ""), encoding="utf-8")
    app, warnings = build(src, freshenv=False)
    assert warnings == ""
    assert written(app) == always | {"glossary/hezbollah", "glossary/index"}  # the index: its contents list
    assert not any(li.get_text().startswith("Note on") for li in page(app, "glossary/hezbollah").select(".ar-mentioned-in li"))
    # a note that cites another source changes the sources page's backlinks: it is rewritten
    notes.write_text(
        notes.read_text(encoding="utf-8").replace(":sources: ap-2020-01-05-vote", ":sources: wikipedia-fatah-alliance")
    )
    app, warnings = build(src, freshenv=False)
    assert warnings == "" and "docs/sources" in written(app)
    fatah = page(app, "docs/sources").select_one("#src-wikipedia-fatah-alliance")
    assert "militias.notes" in str(fatah)


ENTRY = "glossary/hezbollah.md"


def entry_with(front: str, body: str = "The Lebanese party.") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


ERRORS = {
    "alias claimed by two entries": (
        {ENTRY: entry_with("name: Hezbollah\nkind: group\naliases:\n  - KH\nsummary: Party.\nsources: [ap-2020-01-05-vote]")},
        "glossary/kataib-hezbollah.md:7: WARNING: the alias 'KH' is claimed by two entries: 'Hezbollah' (glossary/hezbollah) "
        "and 'Kata'ib Hezbollah' (keep it in the entry it names, and remove it from the other) [ar.error]",
    ),
    "entry without sources": (
        {ENTRY: entry_with("name: Hezbollah\nkind: group\nsummary: Party.\nsources: []")},
        "glossary/hezbollah.md:5: WARNING: the entry cites no source (add sources: [key, …] from the bibliography) [ar.error]",
    ),
    "unknown kind": (
        {ENTRY: entry_with("name: Hezbollah\nkind: groupe\nsummary: Party.\nsources: [ap-2020-01-05-vote]")},
        "glossary/hezbollah.md:3: WARNING: unknown kind 'groupe' (did you mean 'group'? kinds: person, group, place, event, concept) [ar.error]",
    ),
    "missing summary": (
        {ENTRY: entry_with("name: Hezbollah\nkind: group\nsources: [ap-2020-01-05-vote]")},
        "glossary/hezbollah.md:1: WARNING: front matter field 'summary' is missing (expected one sentence of plain text) [ar.error]",
    ),
    "unknown source in an entry": (
        {ENTRY: entry_with("name: Hezbollah\nkind: group\nsummary: Party.\nsources: [ap-2020-01-05]")},
        "glossary/hezbollah.md:5: WARNING: unknown source 'ap-2020-01-05' (did you mean 'ap-2020-01-05-vote'?) [ar.error]",
    ),
    "term that matches nothing": (
        {
            "docs/articles/militias.notes.md": "# Notes\n\n:::{annotation} Kataeb Hezbollah said so\n:kind: term\n:gloss: A militia.\n:sources: ap-2020-01-05-vote\nSee {term}`Kataib Hezbolah`.\n:::\n"
        },
        "docs/articles/militias.notes.md:7: WARNING: unknown term 'Kataib Hezbolah' (did you mean 'Kata'ib Hezbollah'?) [ar.error]",
    ),
}


@pytest.mark.parametrize("case", list(ERRORS), ids=str)
def test_glossary_errors(tmp_path, case):
    edits, expected = ERRORS[case]
    _, warnings = build(project(tmp_path, edits))
    lines = [re.sub(r"^.*?/glossary/", "", ln) for ln in warnings.splitlines() if "WARNING" in ln]
    assert lines.count(expected) == 1, lines


def test_malformed_entry_front_matter(tmp_path):
    _, warnings = build(project(tmp_path, {ENTRY: "---\nname: [unclosed\nkind: group\n---\n\nBody.\n"}))
    mine = [ln for ln in warnings.splitlines() if "glossary/hezbollah.md:" in ln and "[ar.error]" in ln]
    assert (
        len(mine) == 1
        and "malformed front matter" in mine[0]
        and mine[0].endswith("(check the YAML indentation and quoting) [ar.error]")
    )


def test_two_entries_with_the_same_slug(tmp_path):
    src = project(tmp_path)
    (src / "glossary/more").mkdir()
    shutil.copy(src / ENTRY, src / "glossary/more/hezbollah.md")
    (src / "glossary/index.md").write_text(
        (src / "glossary/index.md").read_text().replace("*\n", "*\nmore/*\n"), encoding="utf-8"
    )
    _, warnings = build(src)
    assert "two entries have the slug 'hezbollah'" in warnings


# -- the real reader ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "entry, spellings",
    [
        (
            "popular-mobilization-forces",
            {"we-want-them-out": ["popular mobilization forces"], "iraqs-vote-to-kick-out-us-troops": ["Hashed Al-Shaabi"]},
        ),
        (
            "qasem-soleimani",
            {"we-want-them-out": ["Qasim Soleimani"], "iraqs-vote-to-kick-out-us-troops": ["Qassim Suleimani", "Suleimani"]},
        ),
        (
            "kataib-hezbollah",
            {"we-want-them-out": ["Kata’ib Hizbollah"], "iraqs-vote-to-kick-out-us-troops": ["Kataeb Hezbollah"]},
        ),
    ],
)
def test_reader_entries_list_mentions_in_both_articles(reader_html, entry, spellings):
    html = BeautifulSoup((reader_html / f"glossary/{entry}.html").read_text(encoding="utf-8"), "html.parser")
    items = html.select(".ar-mentioned-in li")
    for slug, forms in spellings.items():
        mine = [li for li in items if li.select_one(f'a[href^="../docs/articles/{slug}.html"]')]
        assert mine, slug
        marked = {s.get_text() for li in mine for s in li.select("strong")}
        assert set(forms) <= marked, (slug, marked)


def test_the_navigation_lists_entries_by_the_name_they_show_and_follows_a_rename(tmp_path):
    index = "# Glossary\n\n```{glossary-index}\n:toctree: *\n```\n"
    src = project(tmp_path, {"glossary/index.md": index})
    pmf = src / "glossary/pmf.md"
    pmf.write_text(
        pmf.read_text(encoding="utf-8").replace("name: Popular Mobilization Forces", "name: Al-Hashd al-Shaabi"), encoding="utf-8"
    )
    app, warnings = build(src)
    assert warnings == ""
    assert app.env.toctree_includes["glossary/index"] == ["glossary/pmf", "glossary/hezbollah", "glossary/kataib-hezbollah"]
    assert page(app, "glossary/index").select_one('link[rel="next"]')["href"] == "pmf.html"
    pmf.write_text(
        pmf.read_text(encoding="utf-8").replace("name: Al-Hashd al-Shaabi", "name: Popular Mobilization Forces"), encoding="utf-8"
    )
    app, warnings = build(src, freshenv=False)
    assert app.env.toctree_includes["glossary/index"] == ["glossary/hezbollah", "glossary/kataib-hezbollah", "glossary/pmf"]


def test_the_readers_glossary_navigation_is_in_alphabetical_order_of_the_names(reader_html):
    """On each entry's page the sidebar shows the twelve entries around it (conf.py's navigation
    window), in alphabetical order of the names they show, and a link to the whole list."""
    from bs4 import BeautifulSoup

    from annotated_reader.entries import sort_key

    pages = sorted((reader_html / "glossary").glob("*.html"))
    for page in pages:
        branch = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".sidebar-tree li.toctree-l1.current")
        shown = [a.get_text() for a in branch.select("li.toctree-l2:not(.ar-nav-all) > a")]
        assert shown == sorted(shown, key=sort_key) and len(shown) == 12, page.name
        assert branch.select_one("li.ar-nav-all > a").get_text() == f"All {len(pages) - 1} pages"
    maduro = BeautifulSoup((reader_html / "glossary/nicolas-maduro.html").read_text(encoding="utf-8"), "html.parser")
    shown = [a.get_text() for a in maduro.select(".sidebar-tree li.toctree-l2 > a")]
    assert (
        shown.index("Nicolás Maduro") < shown.index("No War With Iran day of action") < shown.index("Operation Inherent Resolve")
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [("Nicolás Maduro", "nicolas maduro"), ("Kata'ib", "kata'ib"), ("Ṣadr", "sadr"), ("2019 Chilean", "2019 chilean")],
)
def test_names_sort_without_case_or_accents(name, key):
    from annotated_reader.entries import sort_key

    assert sort_key(name) == key


# -- the Domain's roles beside Sphinx's own glossary, objects.inv, {any} ----------------------------------------
SPHINX_GLOSSARY = """# Words

```{glossary}
standoff
   Annotation kept apart from the text it annotates.
```

A {term}`standoff` note on the {term}`PMF`; by file name: {entry}`kataib-hezbollah`, {entry}`the party <hezbollah>`;
found by {any}`pmf` and {any}`2020-01-05-vote`; prefixed: {ar:term}`Hashd`.
"""


def test_the_domains_roles_live_beside_sphinxs_own_glossary(tmp_path):
    src = project(tmp_path, {"docs/words.md": SPHINX_GLOSSARY})
    (src / "index.md").write_text((src / "index.md").read_text().replace("docs/sources\n", "docs/sources\ndocs/words\n"))
    app, warnings = build(src)
    assert warnings == ""
    words = page(app, "docs/words")
    sphinx_term = words.select_one("a.reference.internal[href='#term-standoff']")
    assert sphinx_term is not None and sphinx_term.get_text() == "standoff"  # std:term is Sphinx's, not ours
    links = [(a.get_text(), a["href"]) for a in words.select("a.ar-term")]
    assert links == [
        ("PMF", "../glossary/pmf.html"),
        ("Kata'ib Hezbollah", "../glossary/kataib-hezbollah.html"),
        ("the party", "../glossary/hezbollah.html"),
        ("pmf", "../glossary/pmf.html"),
        ("Hashd", "../glossary/pmf.html"),
    ]
    event = words.select_one("a[href='background/timeline.html#event-2020-01-05-vote']")
    assert event is not None
    from sphinx.util.inventory import InventoryFile

    with open(Path(app.outdir) / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda *parts: "/".join(p for p in parts if p))
    assert inv["ar:entry"]["pmf"].uri == "glossary/pmf.html#entry-pmf"
    assert inv["ar:event"]["2020-01-05-vote"].uri == "docs/background/timeline.html#event-2020-01-05-vote"


def test_an_unknown_entry_slug_fails_with_the_closest_one(tmp_path):
    src = project(tmp_path, {"docs/words.md": "# Words\n\nSee {entry}`kataib-hezbolah`.\n"})
    (src / "index.md").write_text((src / "index.md").read_text().replace("docs/sources\n", "docs/sources\ndocs/words\n"))
    _, warnings = build(src)
    assert "words.md:3: WARNING: unknown glossary entry 'kataib-hezbolah' (did you mean 'kataib-hezbollah'?)" in warnings
