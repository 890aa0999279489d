"""Sources: one BibTeX bibliography, citations from notes and entries, and the sources page.

The bibliography is parsed with pybtex. Notes and glossary entries cite by key; each citation is
recorded in the domain with the place that makes it, so the sources page lists backlinks.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import pickle
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from docutils import nodes

from .domain import AS_REFERENCE, add_node, get_domain, report
from .prose import educate_text
from .records import Citation

#: Hosts that copy other publishers' pages. A source must name the original publisher instead.
MIRROR_HOSTS = frozenset(
    """wikimili.com clateway.com owiki.org w.owiki.org kiddle.co kids.kiddle.co scribd.com archive.is
    archive.ph archive.today googleweblight.com movatter.jp radiofree.org stuartbramhall.wordpress.com
    grokipedia.com mashviral.com micronesiaforum.org upnewsinfo.com sott.net daydaynews.cc
    jorunalfeeds.com encyclopediahub.com slide.travel accessvt.org glyphsignal.pages.dev wikispooks.com
    wikisum.wiki osmarks.net a.osmarks.net kiwix.casplantje.nl askwikinow.com wiki.gravy.cc
    wiki.richxsearch.com redefineschool.com mesop.de onenewspage.co.uk onenewspage.com
    andrewtheprophet.blogspot.com nowarnonato.blogspot.com brothersjuddblog.com refugeehome.uk
    ya.0bb.ru historica.fandom.com absoluteastronomy.com sauress.com cybershafarat.com
    review.clateway.com magazine.com.co fotovisuratest.com""".split()
)
REQUIRED = ("title", "organization", "url", "urldate")
MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    organization: str
    url: str
    urldate: str
    date: str = ""
    author: str = ""
    line: int = 0
    #: how the page was checked: "stored copy", "stored copy at <url>", or "unconfirmed: <why>"
    checked: str = ""
    #: the agency whose story this page reprints ("Agence France-Presse"), if it is wire copy
    reprint: str = ""

    def date_text(self) -> str:
        return human_date(self.date)

    @cached_property
    def cite_label(self) -> str:
        """'Outlet, date' or 'Outlet: title', as a citation shows it (made once per build)."""
        label = (
            f"{self.publisher()}, {self.date_text()}"
            if self.date
            else f"{self.publisher()}: {self.title[1:-1] if self.described else self.title}"
        )
        return educate_text(label)

    @property
    def unconfirmed(self) -> bool:
        return self.checked.startswith("unconfirmed")

    def publisher(self) -> str:
        """Who is cited: the organization, or for wire copy the agency and where it was reprinted."""
        return f"{self.reprint} via {self.organization}" if self.reprint else self.organization

    def check_text(self) -> str:
        """The sources page's sentence on how the page was checked."""
        when = human_date(self.urldate)
        if self.unconfirmed:
            why = self.checked.partition(":")[2].strip()
            return f"Not confirmed ({why}); listed {when}." if why else f"Not confirmed; listed {when}."
        if self.checked.startswith("stored copy at "):
            return f"Checked {when} against a stored copy at another address of the publisher."
        return f"Checked {when}" + (" against a stored copy." if self.checked else ".")

    @property
    def described(self) -> bool:
        """A title in square brackets is a description of an untitled page, not its title."""
        return self.title.startswith("[") and self.title.endswith("]")

    def title_text(self) -> str:
        """The title as shown: a real title in quotation marks (unless it has its own), a description as
        it is (no brackets)."""
        if self.described:
            return educate_text(self.title[1:-1])
        quoted = self.title[:1] in '“"' and self.title[-1:] in '”"'
        return educate_text(self.title if quoted else f"“{self.title}”")


def human_date(value: str) -> str:
    """'2020-01-05' -> '5 January 2020'; '2020-01' -> 'January 2020'; other text unchanged."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value or "")
    if not m:
        return value or ""
    y, mo, d = m.groups()
    if d:
        return f"{int(d)} {MONTHS[int(mo) - 1]} {y}"
    if mo:
        return f"{MONTHS[int(mo) - 1]} {y}"
    return y


def host_is_mirror(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == m or host.endswith("." + m) for m in MIRROR_HOSTS)


class BibliographyError(ValueError):
    def __init__(self, line: int, message: str, suggestion: str = ""):
        super().__init__(message)
        self.line, self.message, self.suggestion = line, message, suggestion


def _latex_to_text(s: str) -> str:
    return re.sub(r"\\([&%$#_{}])", r"\1", s).replace("{", "").replace("}", "").replace("~", "\u00a0")


def parse_bibliography(text: str) -> tuple[dict[str, Source], list[BibliographyError]]:
    """Parse BibTeX text into sources; problems come back as a list, with line numbers."""
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexError

    starts: dict[str, int] = {}  # key -> line of its "@type{key,", found in one pass
    for m in re.finditer(r"@\w+\s*\{\s*([^\s,{}]+)\s*,", text):
        starts.setdefault(m.group(1), m.start())
    newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line_of(key: str) -> int:
        return bisect.bisect_left(newlines, starts[key]) + 1 if key in starts else 1

    try:
        db = parse_string(text, "bibtex")
    except PybtexError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return {}, [BibliographyError(int(m.group(1)) if m else 1, f"malformed bibliography: {exc}")]
    out: dict[str, Source] = {}
    problems: list[BibliographyError] = []
    for key, entry in db.entries.items():
        line = line_of(key)
        fields = {k.lower(): _latex_to_text(str(v)) for k, v in entry.fields.items()}
        if "url" in entry.fields:  # in a URL only the escapes count: "~" and braces are literal
            fields["url"] = re.sub(r"\\([&%$#_])", r"\1", str(entry.fields["url"]))
        missing = [f for f in REQUIRED if not fields.get(f)]
        if missing:
            problems.append(
                BibliographyError(line, f"source '{key}' lacks {', '.join(missing)}", "every source needs " + ", ".join(REQUIRED))
            )
            continue
        if not re.match(r"https?://", fields["url"]):
            problems.append(BibliographyError(line, f"source '{key}' has no web address in 'url'"))
            continue
        if host_is_mirror(fields["url"]):
            problems.append(
                BibliographyError(
                    line,
                    f"source '{key}' points at a mirror site ({urlsplit(fields['url']).hostname})",
                    "cite the original publisher's page instead",
                )
            )
            continue
        authors = " and ".join(str(p) for p in entry.persons.get("author", []))
        out[key] = Source(
            key,
            fields["title"],
            fields["organization"],
            fields["url"],
            fields["urldate"],
            fields.get("date", ""),
            _latex_to_text(authors),
            line,
            fields.get("checked", "").strip(),
            fields.get("reprint", "").strip(),
        )
    return out, problems


@lru_cache(maxsize=8)
def _load(path: str, mtime: float, cache_dir: str) -> tuple[dict[str, Source], tuple[BibliographyError, ...]]:
    """The parsed bibliography, kept beside the build's doctrees while the file is unchanged (a
    large bibliography takes seconds to parse, on every build)."""
    text = Path(path).read_text(encoding="utf-8")
    cache = Path(cache_dir) / "ar-bibliography.pickle"
    key = hashlib.sha256(text.encode()).hexdigest()
    try:
        with cache.open("rb") as f:
            stored_key, stored = pickle.load(f)
        if stored_key == key:
            return stored
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError, TypeError):
        pass
    sources, problems = parse_bibliography(text)
    result = (sources, tuple(problems))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as f:
            pickle.dump((key, result), f, pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only build folder: parsed again next time
    return result


def bibliography_path(app_or_env) -> Path:
    config, srcdir = app_or_env.config, Path(app_or_env.srcdir)
    return srcdir / config.annotated_reader_bibliography


def load_sources(env) -> dict[str, Source]:
    path = bibliography_path(env)
    if not path.exists():
        return {}
    return _load(str(path), path.stat().st_mtime, str(env.doctreedir))[0]


def check_bibliography(app) -> None:
    path = bibliography_path(app)
    if not path.exists():
        return
    sources, problems = _load(str(path), path.stat().st_mtime, str(app.doctreedir))
    where = path.relative_to(app.srcdir)
    for p in problems:
        report(f"{where}:{p.line}", p.message, p.suggestion)
    if app.config.annotated_reader_require_checked:
        for s in sources.values():
            if not s.checked:
                report(
                    f"{where}:{s.line}",
                    f"source '{s.key}' does not say how its page was checked",
                    "add checked = {stored copy} when you found the page itself, or checked = {unconfirmed: why} when you could not",
                )


def parse_keys(value: str) -> list[str]:
    return [k for k in re.split(r"[,\s]+", value or "") if k]


def check_keys(env, keys: list[str], location) -> list[str]:
    """Report unknown keys (with the closest known key); return the known ones."""
    sources = load_sources(env)
    known = []
    for k in keys:
        if k in sources:
            known.append(k)
            continue
        close = difflib.get_close_matches(k, list(sources), n=1, cutoff=0.5)
        report(location, f"unknown source '{k}'", f"did you mean '{close[0]}'?" if close else "add it to the bibliography first")
    env.note_dependency(str(bibliography_path(env)))
    return known


def record_citation(env, docname: str, target: str, label: str, keys: list[str]) -> None:
    get_domain(env).add_record(
        "citations", f"{docname}|{target}", Citation(docname=docname, target=target, label=label, keys=list(keys))
    )


class ar_source(nodes.reference):
    """A link to a cited source's original page. Pages cite hundreds of sources, so the HTML is a
    bare ``<a href>`` (styled through the ``ar-sources`` list it sits in); other builders write it
    as any other link."""


def visit_source_html(self, node):
    self.body.append(f'<a href="{self.attval(node["refuri"])}">')


def depart_source_html(self, node):
    self.body.append("</a>")


def cite_nodes(env, keys: list[str], prefix: str = "Sources: ") -> nodes.inline:
    """'Sources: Outlet, date; Outlet: title' with each linked to the original page."""
    sources = load_sources(env)
    out = nodes.inline(classes=["ar-sources"])
    out += nodes.Text(prefix if len(keys) != 1 else prefix.replace("Sources", "Source"))
    for i, k in enumerate(keys):
        s = sources.get(k)
        if s is None:
            continue
        if i:
            out += nodes.Text("; ")
        out += ar_source("", s.cite_label, refuri=s.url)
    return out


def setup_sources(app) -> None:
    app.add_config_value("annotated_reader_bibliography", "sources.bib", "env", types=[str])
    app.add_config_value("annotated_reader_require_checked", False, "env", types=[bool])
    add_node(app, ar_source, AS_REFERENCE, html=(visit_source_html, depart_source_html))
    app.connect("builder-inited", check_bibliography)
