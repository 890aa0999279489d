"""The map: committed outline data, places inside Iraq with entries and sources, valid SVG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT

from annotated_reader.placemap import bounds, check_places, listed_only, parse_frame, project, render_svg

PLACES = yaml.safe_load((ROOT / "docs/background/map/places.yaml").read_text(encoding="utf-8"))
OUTLINE = json.loads((ROOT / "docs/background/map/outline.json").read_text(encoding="utf-8"))
SVG = "{http://www.w3.org/2000/svg}"
IRAQ = bounds(OUTLINE, "Iraq")  # the map's :focus:, as docs/background/map.md gives it
FRAME = parse_frame("38.0 49.5 28.9 38.0", OUTLINE)


def test_every_place_has_an_entry_a_source_and_coordinates_inside_iraq():
    assert check_places(PLACES, IRAQ, "Iraq") == []
    names = {p["name"] for p in PLACES}
    for must in [
        "Baghdad",
        "Sadr City",
        "Green Zone",
        "Tahrir Square",
        "Baghdad International Airport",
        "Nasiriyah",
        "K-1 Air Base",
        "Al-Qaim",
        "Ain al-Asad Air Base",
        "Erbil",
        "Najaf",
        "Basra",
    ]:
        assert must in names
    for p in PLACES:
        assert (ROOT / "glossary" / f"{p['entry']}.md").exists(), p["name"]
        assert IRAQ["lat"][0] <= p["lat"] <= IRAQ["lat"][1] and IRAQ["lon"][0] <= p["lon"] <= IRAQ["lon"][1]


@pytest.mark.parametrize(
    "place, message",
    [
        ({"name": "X", "lat": 51.5, "lon": -0.1, "source": "k"}, "place 'X' lies outside Iraq (51.5, -0.1)"),
        ({"name": "X", "lat": 44.3, "lon": 33.3, "source": "k"}, "place 'X' lies outside Iraq (44.3, 33.3)"),  # swapped
        ({"name": "X", "lat": "33", "lon": 44, "source": "k"}, "place 'X' has no coordinates"),
        ({"name": "X", "lat": 33.3, "lon": 44.4}, "place 'X' cites no source for its coordinates"),
        (
            {"name": "X", "lat": 33.3, "lon": 44.4, "source": "k", "within": "Y"},
            "place 'X' is within 'Y', which the map does not draw",
        ),
    ],
)
def test_place_problems(place, message):
    assert [m for _, m, _ in check_places([place], IRAQ, "Iraq")] == [message]


def test_a_map_without_a_focus_takes_places_anywhere_and_frames_its_whole_outline():
    assert check_places([{"name": "London", "lat": 51.5, "lon": -0.1, "source": "k"}]) == []
    whole = parse_frame(None, OUTLINE)
    assert whole["lon"] == bounds(OUTLINE)["lon"] and whole["lat"] == bounds(OUTLINE)["lat"]
    assert bounds(OUTLINE, "Atlantis") is None


def test_outline_provenance_and_shape():
    assert "Natural Earth" in OUTLINE["source"] and "public domain" in OUTLINE["licence"]
    names = {c["name"] for c in OUTLINE["countries"]}
    assert names == {"Iraq", "Iran", "Turkey", "Syria", "Jordan", "Saudi Arabia", "Kuwait"}
    iraq = next(c for c in OUTLINE["countries"] if c["name"] == "Iraq")
    lons = [x for r in iraq["rings"] for x, _ in r]
    lats = [y for r in iraq["rings"] for _, y in r]
    assert 38.5 < min(lons) < 39.5 and 48 < max(lons) < 49 and 29 < min(lats) < 29.5 and 37 < max(lats) < 37.6


@pytest.mark.parametrize("frame", [FRAME, parse_frame(None, OUTLINE)])
def test_the_svg_is_valid_xml_with_a_title_and_description(frame):
    labels = [{"name": "Iran & more", "lon": 47.6, "lat": 34.9}]
    svg = render_svg(
        OUTLINE, PLACES, {"baghdad": "../../glossary/baghdad.html"}, frame, "Title & more", "A description", "Iraq", labels
    )
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Title & more" and root.find(f"{SVG}desc").text == "A description"
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert [p.get("class") for p in root.iter(f"{SVG}path")].count("ar-map-focus") == 1
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "ar-map-neighbour"] == ["Iran & more"]
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    for circle in root.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cx")) <= w and 0 <= float(circle.get("cy")) <= h


def test_projection_keeps_north_up_and_east_right():
    (x1, y1), (x2, y2) = project(FRAME, 44.0, 33.0), project(FRAME, 45.0, 34.0)
    assert x2 > x1 and y2 < y1


def test_built_map_links_every_label_and_lists_every_place(reader_html):
    page = BeautifulSoup((reader_html / "docs/background/map.html").read_text(encoding="utf-8"), "html.parser")
    svgs = page.select("svg.ar-map")
    assert len(svgs) == 1
    labels = {a.get_text(): a["href"] for svg in svgs for a in svg.select("a.ar-map-place")}
    assert set(labels) == {p["name"] for p in PLACES if not p.get("within")}
    assert {t.get_text() for t in svgs[0].select("text.ar-map-neighbour")} == {
        "Iran",
        "Turkey",
        "Syria",
        "Saudi Arabia",
        "Jordan",
        "Kuwait",
    }
    within = [li.get_text() for li in page.select(".ar-map-list li") if "(in Baghdad" in li.get_text()]
    assert len(within) == 4 and all(li.split(" — ")[0] not in labels for li in within)
    for name, href in labels.items():
        assert (reader_html / "docs/background" / href).resolve().exists(), name
    listed = [li.get_text() for li in page.select(".ar-map-list li")]
    assert len(listed) == len(PLACES)


def test_the_caption_names_what_is_listed_rather_than_drawn(reader_html):
    assert listed_only(PLACES) == "Places within Baghdad are listed below. "
    assert listed_only([p for p in PLACES if not p.get("within")]) == ""
    page = BeautifulSoup((reader_html / "docs/background/map.html").read_text(encoding="utf-8"), "html.parser")
    assert (
        page.figcaption.get_text()
        == "Iraq and its neighbours; outlines simplified from Natural Earth. Places within Baghdad are listed below."
    )
