"""Timeline events and cross-references: the ``{timeline}`` directive, ``{event}``, ``{para}``, ``{cite}``.

Events are structured data (a YAML list beside the page that shows them); each gets a stable anchor
``event-<id>`` that notes, entries and pages link to with ``{event}``. ``{para}`slug N``` links a
paragraph of an article; ``{cite}`key,key``` cites sources inline and is listed on the sources page.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import frontmatter as fmx
from . import sources as src
from .domain import RecordRole, get_domain, relative_uri, report, xref
from .records import Event
from .sources import human_date

EVENT_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


def parse_events(text: str) -> tuple[list[dict], list[tuple[int, str, str]]]:
    """Events from YAML text, and problems as (line, message, suggestion). Pure."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [((mark.line + 1) if mark else 1, f"malformed timeline: {getattr(exc, 'problem', exc)}", "check the YAML")]
    if not isinstance(data, list):
        return [], [(1, "a timeline is a list of events", "start each event with '- id: …'")]
    lines: dict = {}
    fmx._lines(node, "", lines)
    events, problems, seen = [], [], {}
    for i, ev in enumerate(data):
        line = lines.get(f".{i}", 2) - 1  # _lines counts a front-matter fence; a plain file has none
        if not isinstance(ev, dict):
            problems.append((line, f"event {i + 1} is not a mapping", "give it id, date, title, summary, sources"))
            continue
        eid = str(ev.get("id", ""))
        where = f"event '{eid}'" if eid else f"event {i + 1}"
        if not EVENT_ID.match(eid):
            problems.append((line, f"{where} needs an id of a–z, 0–9 and '-'", "e.g. id: 2020-01-05-parliament-resolution"))
            continue
        if eid in seen:
            problems.append(
                (line, f"two events have the id '{eid}' (the other is at line {seen[eid]})", "give each a different id")
            )
            continue
        seen[eid] = line
        date = ev.get("date")
        date = date.isoformat() if isinstance(date, dt.date) else str(date or "")
        if not DATE.match(date):
            problems.append(
                (
                    lines.get(f".{i}.date", line + 1) - 1,
                    f"{where} needs a date written YYYY-MM-DD, YYYY-MM or YYYY",
                    f"not '{date}'",
                )
            )
            continue
        missing = [k for k in ("title", "summary") if not str(ev.get(k) or "").strip()]
        if missing:
            problems.append(
                (line, f"{where} has no {' and no '.join(missing)}", "every event has a title and a one-paragraph summary")
            )
            continue
        keys = ev.get("sources") or []
        if not keys:
            problems.append((line, f"{where} cites no source", "add sources: [key, …] from the bibliography"))
            continue
        events.append(
            {
                "id": eid,
                "date": date,
                "approximate": bool(ev.get("approximate")),
                "title": str(ev["title"]).strip(),
                "summary": " ".join(str(ev["summary"]).split()),
                "sources": [str(k) for k in keys],
                "entries": [str(e) for e in ev.get("entries") or []],
                "paragraphs": [str(p) for p in ev.get("paragraphs") or []],
                "line": line,
            }
        )
    events.sort(key=lambda e: e["date"])
    return events, problems


def event_date_text(ev: dict) -> str:
    text = human_date(ev["date"])
    return f"c. {text}" if ev["approximate"] else text


class TimelineDirective(SphinxDirective):
    required_arguments = 1  # the YAML file, relative to the page

    def run(self):
        env, docname = self.env, self.env.docname
        rel, path = self.env.relfn2path(self.arguments[0], docname)
        env.note_dependency(rel)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError:
            report((docname, self.lineno), f"timeline file '{self.arguments[0]}' not found", "give a path relative to this page")
            return []
        events, problems = parse_events(text)
        for line, message, suggestion in problems:
            report(f"{rel}:{line}", message, suggestion)
        domain = get_domain(env)
        domain.note_aggregate(docname, "timeline")
        table = nodes.table(classes=["ar-timeline"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=18)
        group += nodes.colspec(colwidth=82)
        head = nodes.thead()
        head += nodes.row("", nodes.entry("", nodes.paragraph("", "Date")), nodes.entry("", nodes.paragraph("", "Event")))
        group += head
        body = nodes.tbody()
        group += body
        for ev in events:
            keys = src.check_keys(env, ev["sources"], f"{rel}:{ev['line']}")
            domain.add_record("events", ev["id"], Event(**ev, docname=docname, file=rel))
            src.record_citation(env, docname, f"event-{ev['id']}", ev["title"], keys)
            row = nodes.row(ids=[f"event-{ev['id']}"])
            row += nodes.entry("", nodes.paragraph("", event_date_text(ev)))
            cell = nodes.entry()
            cell += nodes.paragraph("", "", nodes.strong("", ev["title"]))
            cell += nodes.paragraph("", ev["summary"])
            links = nodes.paragraph(classes=["ar-event-links"])
            for slug in ev["entries"]:
                links += xref("entry", slug, docname, reported_elsewhere=True)
                links += nodes.Text(" · ")
            for para in ev["paragraphs"]:
                links += xref("para", para, docname)
                links += nodes.Text(" · ")
            if len(links):
                links.pop()
                cell += links
            cell += nodes.paragraph("", "", src.cite_nodes(env, keys))
            row += cell
            body += row
        # the PDF: the table across the full text width, its text ragged right (no rivers in a narrow
        # justified column); other outputs ignore the column specification
        spec = addnodes.tabular_col_spec(
            spec=r"|>{\raggedright\arraybackslash}\X{18}{100}|>{\raggedright\arraybackslash}\X{82}{100}|"
        )
        return [spec, table]


class EventRole(RecordRole):
    """``{event}`id```: a link to a timeline event, shown with its title and date."""

    table, what, otherwise = "events", "event", "add it to the timeline first"

    def link(self, builder, fromdocname, ev, node, contnode):
        text = contnode if node.get("refexplicit") else nodes.inline("", f"{ev['title']} ({event_date_text(ev)})")
        return nodes.reference(
            "", "", text, internal=True, refuri=relative_uri(builder, fromdocname, ev["docname"], f"event-{ev['id']}")
        )


class ParaRole(XRefRole):
    """``{para}`slug N```: a link to a paragraph (or ``standfirst``, ``caption``) of an article."""

    def process_link(self, env, refnode, has_explicit_title, title, target):
        return title, " ".join(target.split())

    @staticmethod
    def resolve(domain, env, fromdocname, builder, target, node, contnode):
        m = re.fullmatch(r"(\S+)\s+¶?(\d+|standfirst|caption)", target)
        art = domain.data["articles"].get(m.group(1)) if m else None
        keys = {k for k, *_ in art["blocks"]} if art else set()
        key = None if not m else (f"p{m.group(2)}" if m.group(2).isdigit() else m.group(2))
        if art is None or key not in keys:
            if node.get("refdoc", env.docname) == env.docname:
                why = "no article named that" if art is None else f"that article has no {key}"
                report(
                    node,
                    f"unknown paragraph '{target}' ({why})",
                    "write {para}`article-slug N`: the file name of an article and the number of a paragraph",
                )
            return contnode
        label = f"¶{key[1:]}" if key.startswith("p") else key
        title = art["meta"]["title"]
        title = title if len(title) <= 40 else " ".join(title[:36].split()[:-1]) + "…"
        text = contnode if node.get("refexplicit") else nodes.inline("", f"“{title}” {label}")
        return nodes.reference("", "", text, internal=True, refuri=relative_uri(builder, fromdocname, art["docname"], key))


class CiteRole(SphinxRole):
    """{cite}`key1,key2`: an inline citation of the bibliography, listed on the sources page."""

    def run(self):
        keys = src.parse_keys(self.text)
        loc = (self.env.docname, self.lineno)
        if not keys:
            report(loc, "the citation names no source", "write {cite}`key` with a key from the bibliography")
            return [], []
        known = src.check_keys(self.env, keys, loc)
        serial = self.env.new_serialno("ar-cite")
        target = f"cite-{serial}"
        src.record_citation(self.env, self.env.docname, target, "", known)
        node = nodes.inline(ids=[target], classes=["ar-cite"])
        node += nodes.Text("(")
        node += src.cite_nodes(self.env, known, prefix="")
        node += nodes.Text(")")
        return [node], []


def check_events(app, env) -> None:
    """After reading: every entry and paragraph an event names exists."""
    domain = get_domain(env)
    for ev in domain.data["events"].values():
        for slug in ev["entries"]:
            if slug not in domain.data["entries"]:
                close = difflib.get_close_matches(slug, list(domain.data["entries"]), n=1)
                report(
                    f"{ev['file']}:{ev['line']}",
                    f"event '{ev['id']}' names an unknown glossary entry '{slug}'",
                    f"did you mean '{close[0]}'?" if close else "use the file name of an entry, without .md",
                )


def on_get_updated(app, env):
    return get_domain(env).aggregate_docs("timeline")


def setup_timeline(app) -> None:
    app.add_directive("timeline", TimelineDirective)
    app.add_role_to_domain("ar", "event", EventRole())
    app.add_role_to_domain("ar", "para", ParaRole())
    app.add_role_to_domain("ar", "cite", CiteRole())
    app.connect("env-updated", check_events)
    app.connect("env-get-updated", on_get_updated)
