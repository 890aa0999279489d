"""Timeline events, {event}, {para} and {cite}: parsing (pure), pages, links both ways, errors."""

from __future__ import annotations

import pytest
from test_glossary import build, page, project

from annotated_reader.timeline import parse_events

TIMELINE = "docs/background/timeline.yaml"


def test_events_are_parsed_sorted_and_dated():
    events, problems = parse_events(
        "- id: b\n  date: 2020-01-05\n  title: B\n  summary: S\n  sources: [k]\n"
        "- id: a\n  date: 2019-10\n  approximate: true\n  title: A\n  summary: S\n  sources: [k]\n"
    )
    assert problems == []
    assert [(e["id"], e["date"], e["approximate"]) for e in events] == [("a", "2019-10", True), ("b", "2020-01-05", False)]


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        (
            "- id: x\n  date: 5 Jan\n  title: T\n  summary: S\n  sources: [k]\n",
            (2, "event 'x' needs a date written YYYY-MM-DD, YYYY-MM or YYYY"),
        ),
        ("- id: x\n  date: 2020-01-05\n  title: T\n  summary: S\n", (1, "event 'x' cites no source")),
        ("- id: x\n  date: 2020\n  summary: S\n  sources: [k]\n", (1, "event 'x' has no title")),
        ("- id: Bad Id\n  date: 2020\n", (1, "event 'Bad Id' needs an id of a–z, 0–9 and '-'")),
        (
            "- id: x\n  date: 2020\n  title: T\n  summary: S\n  sources: [k]\n- id: x\n  date: 2021\n  title: T\n  summary: S\n  sources: [k]\n",
            (6, "two events have the id 'x' (the other is at line 1)"),
        ),
        ("id: x\n", (1, "a timeline is a list of events")),
        ("- [unclosed\n", (2, "malformed timeline: expected ',' or ']', but got '<stream end>'")),
    ],
)
def test_event_problems_name_the_line(yaml_text, expected):
    _, problems = parse_events(yaml_text)
    assert [(line, message) for line, message, _ in problems][:1] == [expected]


def test_timeline_page_anchors_links_and_sources(tmp_path):
    app, warnings = build(project(tmp_path))
    assert warnings == ""
    tl = page(app, "docs/background/timeline")
    rows = tl.select("table.ar-timeline tbody tr")
    assert [r["id"] for r in rows] == ["event-2019-10-protests", "event-2020-01-05-vote"]
    assert rows[0].select("td")[0].get_text(strip=True) == "c. October 2019"  # approximate dates are marked
    vote = tl.select_one("#event-2020-01-05-vote")
    assert [a["href"] for a in vote.select("a.ar-term")] == ["../../glossary/pmf.html"]
    assert "../articles/militias.html#p2" in [a["href"] for a in vote.select("a")]
    assert tl.select_one(".ar-sources a")["href"] == "https://apnews.com/example-vote"
    intro = tl.select_one("p")
    links = [(a.get_text(), a["href"]) for a in intro.select("a")]
    assert ("Parliament votes on foreign troops (5 January 2020)", "#event-2020-01-05-vote") in links
    assert ("“Militias and the Vote” ¶2", "../articles/militias.html#p2") in links
    assert intro.select_one(".ar-cite .ar-sources a")["href"] == "https://apnews.com/example-vote"
    # the entry links back to its event, and the sources page to the inline citation
    pmf = page(app, "glossary/pmf")
    assert "background/timeline.html#event-2020-01-05-vote" in " ".join(a["href"] for a in pmf.select(".ar-mentioned-in a"))
    sources = page(app, "docs/sources")
    backs = [a["href"] for a in sources.select("#src-ap-2020-01-05-vote .ar-backlinks a")]
    assert (
        "background/timeline.html#cite-0" in backs
        and "../glossary/pmf.html#entry-pmf" in backs
        and "background/timeline.html#event-2020-01-05-vote" in backs
    )


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            "See {event}`2020-01-05-vot`.",
            "docs/background/timeline.md:3: WARNING: unknown event '2020-01-05-vot' (did you mean '2020-01-05-vote'?) [ar.error]",
        ),
        (
            "See {para}`militias 9`.",
            "docs/background/timeline.md:3: WARNING: unknown paragraph 'militias 9' (that article has no p9) "
            "(write {para}`article-slug N`: the file name of an article and the number of a paragraph) [ar.error]",
        ),
        (
            "See {cite}`ap-2020`.",
            "docs/background/timeline.md:3: WARNING: unknown source 'ap-2020' (did you mean 'ap-2020-01-05-vote'?) [ar.error]",
        ),
    ],
)
def test_reference_errors(tmp_path, edit, expected):
    text = f"# Timeline\n\n{edit}\n\n```{{timeline}} timeline.yaml\n```\n"
    _, warnings = build(project(tmp_path, {"docs/background/timeline.md": text}))
    lines = [ln.split("/glossary/", 1)[-1] for ln in warnings.splitlines() if "WARNING" in ln]
    assert lines == [expected]


def test_event_naming_an_unknown_entry(tmp_path):
    src = project(tmp_path)
    (src / TIMELINE).write_text((src / TIMELINE).read_text().replace("entries: [pmf]", "entries: [pfm]"), encoding="utf-8")
    _, warnings = build(src)
    assert (
        f"{TIMELINE}:1: WARNING: event '2020-01-05-vote' names an unknown glossary entry 'pfm' (did you mean 'pmf'?) [ar.error]"
        in warnings
    )
