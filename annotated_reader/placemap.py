"""An offline map: ``{place-map}`` draws committed outline data and places as inline SVG (HTML) or
TikZ (LaTeX), each label linking to its glossary entry, with a text list of the same places.

Everything about a particular map is the project's: the outlines (GeoJSON-like rings per country),
the places (YAML), the country it is about (``:focus:``, highlighted, and every place must lie within
its outline's bounds), the area drawn (``:frame:``), where the neighbours' names go (``:labels:``),
its title, description and caption (the directive's content)."""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import sources as src
from .domain import add_node, get_domain, relative_uri, report, xref

WIDTH = 640  # the SVG's width in its own units; the PDF draws it 12 cm wide


def drawn(places: list[dict]) -> list[dict]:
    """The places drawn as dots; a place ``within`` another (a district of a city) is listed only."""
    return [p for p in places if not p.get("within")]


def listed_only(places: list[dict]) -> str:
    """The caption's sentence on places listed but not drawn ("Places within Baghdad are listed below. ")."""
    within = sorted({p["within"] for p in places if p.get("within")})
    return f"Places within {' and '.join(within)} are listed below. " if within else ""


def project(frame: dict, lon: float, lat: float) -> tuple[float, float]:
    (lon0, lon1), (lat0, lat1) = frame["lon"], frame["lat"]
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = frame["width"] / ((lon1 - lon0) * k)
    return round((lon - lon0) * k * scale, 1), round((lat1 - lat) * scale, 1)


def frame_height(frame: dict) -> float:
    return project(frame, frame["lon"][0], frame["lat"][0])[1]


def bounds(outline: dict, name: str | None = None) -> dict | None:
    """The bounding box ({"lon": (w, e), "lat": (s, n)}) of one country of the outline, or of all."""
    points = [pt for c in outline.get("countries", []) if name is None or c["name"] == name for r in c["rings"] for pt in r]
    if not points:
        return None
    lons, lats = [x for x, _ in points], [y for _, y in points]
    return {"lon": (min(lons), max(lons)), "lat": (min(lats), max(lats))}


def parse_frame(value: str | None, outline: dict) -> dict:
    """``:frame: west east south north`` in degrees; by default the whole outline."""
    if value:
        w, e, south, north = (float(v) for v in value.split())
        return {"lon": (w, e), "lat": (south, north), "width": WIDTH}
    return {**(bounds(outline) or {"lon": (-180.0, 180.0), "lat": (-80.0, 80.0)}), "width": WIDTH}


def check_places(places: list, inside: dict | None = None, focus: str = "") -> list[tuple[int, str, str]]:
    """Problems as (index, message, suggestion); ``inside``: the bounds every place must lie in (the
    focus country's). Pure."""
    problems = []
    on_map = {q.get("name") for q in drawn([q for q in places if isinstance(q, dict)])}
    for i, p in enumerate(places):
        if not isinstance(p, dict) or not p.get("name"):
            problems.append((i, f"place {i + 1} has no name", "give each place name, entry, lat, lon"))
            continue
        lat, lon = p.get("lat"), p.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            problems.append((i, f"place '{p['name']}' has no coordinates", "add lat and lon in decimal degrees"))
        elif inside and not (inside["lat"][0] <= lat <= inside["lat"][1] and inside["lon"][0] <= lon <= inside["lon"][1]):
            problems.append(
                (
                    i,
                    f"place '{p['name']}' lies outside {focus or 'the map'} ({lat}, {lon})",
                    "check the sign and order of lat and lon",
                )
            )
        if not p.get("source"):
            problems.append((i, f"place '{p['name']}' cites no source for its coordinates", "add source: a bibliography key"))
        if p.get("within") and p["within"] not in on_map:
            problems.append(
                (i, f"place '{p['name']}' is within '{p['within']}', which the map does not draw", "name a place of the map")
            )
    return problems


def render_svg(
    outline: dict,
    places: list[dict],
    uris: dict[str, str],
    frame: dict,
    title: str,
    desc: str,
    focus: str = "",
    labels: list[dict] = (),
    ident: str = "map",
) -> str:
    """The map as an SVG document fragment (valid XML), with a title and a description."""
    w, h = frame["width"], frame_height(frame)
    tid, did = f"{ident}-title", f"{ident}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ar-map" viewBox="0 0 {w} {h}" '
        f'role="group" aria-labelledby="{tid} {did}">',
        f'<title id="{tid}">{escape(title)}</title>',
        f'<desc id="{did}">{escape(desc)}</desc>',
        f'<rect class="ar-map-sea" x="0" y="0" width="{w}" height="{h}"/>',
    ]
    for c in outline["countries"]:
        d = " ".join(
            "M" + " L".join(f"{x},{y}" for x, y in (project(frame, lon, lat) for lon, lat in r)) + " Z" for r in c["rings"]
        )
        cls = "ar-map-focus" if c["name"] == focus else "ar-map-country"
        out.append(f'<path class="{cls}" d="{d}"><title>{escape(c["name"])}</title></path>')
    for lb in labels:
        x, y = project(frame, lb["lon"], lb["lat"])
        anchor = lb.get("anchor", "middle")
        out.append(f'<text class="ar-map-neighbour" x="{x}" y="{y}" text-anchor="{anchor}">{escape(lb["name"])}</text>')
    for p in drawn(places):
        x, y = project(frame, p["lon"], p["lat"])
        anchor = "end" if p.get("label") == "left" else "start"
        dx = -9 if anchor == "end" else 9
        dy = {"above": -9, "below": 18}.get(p.get("label"), 5)
        label = f'<text x="{x + dx}" y="{y + dy}" text-anchor="{anchor}">{escape(p["name"])}</text>'
        dot = f'<circle cx="{x}" cy="{y}" r="5"/>'
        uri = uris.get(p.get("entry") or "")
        out.append(
            f'<a href="{escape(uri)}" class="ar-map-place">{dot}{label}</a>'
            if uri
            else f'<g class="ar-map-place">{dot}{label}</g>'
        )
    out.append("</svg>")
    return "".join(out)


class ar_placemap(nodes.General, nodes.Element):
    """The map; drawn when the page is written, once the entry pages' addresses are known."""


class PlaceMapDirective(SphinxDirective):
    required_arguments = 1  # the places YAML file, relative to the page
    has_content = True  # the caption
    option_spec = {
        "outline": directives.unchanged_required,
        "focus": directives.unchanged,
        "frame": directives.unchanged,
        "labels": directives.unchanged,
        "title": directives.unchanged,
        "description": directives.unchanged,
    }

    def run(self):
        env, docname = self.env, self.env.docname
        rel, path = env.relfn2path(self.arguments[0], docname)
        orel, opath = env.relfn2path(self.options.get("outline", "map/outline.json"), docname)
        lrel, lpath = env.relfn2path(self.options["labels"], docname) if self.options.get("labels") else (None, None)
        for dep in (rel, orel, lrel):
            if dep:
                env.note_dependency(dep)
        try:
            places = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
            outline = json.loads(Path(opath).read_text(encoding="utf-8"))
            labels = yaml.safe_load(Path(lpath).read_text(encoding="utf-8")) or [] if lpath else []
            frame = parse_frame(self.options.get("frame"), outline)
        except (OSError, yaml.YAMLError, json.JSONDecodeError) as exc:
            report((docname, self.lineno), f"the map's data could not be read: {exc}", "check the paths and the YAML/JSON")
            return []
        except ValueError:
            report(
                (docname, self.lineno), "the map's :frame: needs four numbers", "write :frame: west east south north, in degrees"
            )
            return []
        focus = (self.options.get("focus") or "").strip()
        inside = bounds(outline, focus) if focus else None
        if focus and inside is None:
            names = [c["name"] for c in outline.get("countries", [])]
            report(
                (docname, self.lineno),
                f"the map's :focus: '{focus}' is not a country of its outline",
                "one of: " + ", ".join(names),
            )
        problems = check_places(places, inside, focus)
        for i, message, suggestion in problems:
            report(f"{rel}:{1 + 6 * i}", message, suggestion)
        good = [p for i, p in enumerate(places) if i not in {j for j, _, _ in problems}]
        keys = sorted({p["source"] for p in good})
        title = self.options.get("title") or "Map"
        src.check_keys(env, keys, (docname, self.lineno))
        src.record_citation(env, docname, "map-overview", title, keys)
        get_domain(env).add_record("places", docname, {"docname": docname, "places": good, "file": rel})
        node = ar_placemap(
            places=good,
            outline=outline,
            ids=["map-overview"],
            frame=frame,
            focus=focus,
            labels=labels,
            title=title,
            description=self.options.get("description") or "",
            caption=" ".join(" ".join(self.content).split()),
        )
        listing = nodes.bullet_list(classes=["ar-map-list"])
        for p in sorted(good, key=lambda p: p["name"]):
            para = nodes.paragraph()
            para += xref("entry", p["entry"], docname, reported_elsewhere=True) if p.get("entry") else nodes.Text(p["name"])
            para += nodes.Text(
                f" — {abs(p['lat']):.3f}° {'N' if p['lat'] >= 0 else 'S'}, {abs(p['lon']):.3f}° {'E' if p['lon'] >= 0 else 'W'}"
            )
            if p.get("within"):
                para += nodes.Text(f" (in {p['within']}, too close to draw apart at this scale)")
            listing += nodes.list_item("", para)
        sources = nodes.paragraph("", "", src.cite_nodes(env, keys, prefix="Coordinates: "))
        credit = nodes.paragraph(classes=["ar-map-credit"])
        credit += nodes.Text(f"Outlines: {outline.get('source', '')}. {outline.get('licence', '')}")
        return [node, nodes.rubric("", "The places on the map"), listing, sources, credit]


def fill_uris(app, doctree, docname) -> None:
    builder = app.builder
    entries = get_domain(app.env).data["entries"]
    for node in doctree.findall(ar_placemap):
        linked = [p["entry"] for p in node["places"] if p.get("entry") in entries]
        node["uris"] = {e: relative_uri(builder, docname, entries[e]["docname"]) for e in linked}
        node["docnames"] = {e: entries[e]["docname"] for e in linked}


def check_map_entries(app, env) -> None:
    domain = get_domain(env)
    for rec in domain.data["places"].values():
        for p in rec["places"]:
            if p.get("entry") and p["entry"] not in domain.data["entries"]:
                report(
                    f"{rec['file']}:1",
                    f"place '{p['name']}' names an unknown glossary entry '{p['entry']}'",
                    "use an entry's file name",
                )


def visit_map_html(self, node):
    if self.builder.name.startswith("epub"):
        # EPUB readers differ widely in SVG support; the text list after the map carries the same places
        self.body.append(
            f'<p id="{node["ids"][0]}" class="ar-map-epub">The map is in the web and PDF editions; the places are listed below.</p>'
        )
        raise nodes.SkipNode
    uris = node.get("uris", {})
    ident = node["ids"][0]
    self.body.append(f'<figure class="ar-map-figure" id="{ident}">')
    self.body.append(
        render_svg(
            node["outline"],
            node["places"],
            uris,
            node["frame"],
            node["title"],
            node["description"],
            node["focus"],
            node["labels"],
            ident,
        )
    )
    caption = " ".join(t for t in (node["caption"], listed_only(node["places"]).strip()) if t)
    self.body.append(f"<figcaption>{escape(caption)}</figcaption></figure>")
    raise nodes.SkipNode


def visit_map_latex(self, node):
    """TikZ: the same outlines and places, labels linking to the entries' pages."""
    frame = node["frame"]
    scale = 12.0 / frame["width"]  # 12 cm wide
    out = ["\n\\begin{figure}[htbp]\\centering\\begin{tikzpicture}" + f"[x={scale:.5f}cm,y=-{scale:.5f}cm]"]
    w, h = frame["width"], frame_height(frame)
    out.append(f"\\clip (0,0) rectangle ({w},{h});")
    out.append(f"\\fill[black!2] (0,0) rectangle ({w},{h});")
    for c in node["outline"]["countries"]:
        for r in c["rings"]:
            pts = " -- ".join(f"({x},{y})" for x, y in (project(frame, lon, lat) for lon, lat in r))
            style = "fill=black!12,draw=black!70,thick" if c["name"] == node["focus"] else "fill=black!4,draw=black!35"
            out.append(f"\\filldraw[{style}] {pts} -- cycle;")
    for lb in node["labels"]:
        x, y = project(frame, lb["lon"], lb["lat"])
        anchor = {"start": "west", "end": "east"}.get(lb.get("anchor", "middle"), "center")
        out.append(
            f"\\node[anchor={anchor},font=\\footnotesize\\sffamily\\itshape,text=black!60] at ({x},{y}) {{{self.encode(lb['name'])}}};"
        )
    for p in drawn(node["places"]):
        x, y = project(frame, p["lon"], p["lat"])
        side = {"left": "left", "above": "above right", "below": "below right"}.get(p.get("label"), "right")
        doc = node.get("docnames", {}).get(p.get("entry") or "")
        name = self.encode(p["name"])
        target = f"\\hyperref[\\detokenize{{{doc}::doc}}]{{{name}}}" if doc else name
        # a white halo keeps a label legible where it crosses a border
        label = (
            f"{side},font=\\footnotesize\\sffamily,fill=white,fill opacity=0.75,text opacity=1,inner sep=1.5pt,outer sep=2.5pt"
        )
        out.append(f"\\fill ({x},{y}) circle (2.4pt) node[{label}] {{{target}}};")
    caption = " ".join(t for t in (node["caption"], listed_only(node["places"]).strip()) if t)
    out.append("\\end{tikzpicture}\\caption{" + self.encode(caption) + "}\\end{figure}\n")
    self.body.append("\n".join(out))
    raise nodes.SkipNode


def visit_map_text(self, node):
    raise nodes.SkipNode


def setup_placemap(app) -> None:
    add_node(app, ar_placemap, html=(visit_map_html, None), latex=(visit_map_latex, None), text=(visit_map_text, None))
    app.add_directive("place-map", PlaceMapDirective)
    app.connect("doctree-resolved", fill_uris)
    app.connect("env-updated", check_map_entries)
