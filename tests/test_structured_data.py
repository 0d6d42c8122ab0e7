"""Structured data in each page's head: JSON-LD, Open Graph, description and citation meta,
built from the published catalog only (authors as the site credits them), and embedded so no
contributor text can end the script element."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import NARRATIVE_ANA, PERSON_ANONYMOUS, RECOMMENDATION, person_pseudonym
from mentoring_commons.core.outputs.structured import page_path, script_json
from test_privacy import narrative


class HeadParser(HTMLParser):
    """Collects meta tags, link tags and JSON-LD blocks from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str | None]] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("content") is not None:
            key = a.get("property") or a.get("name")
            if key:
                self.meta.append((key, a["content"]))
        elif tag == "link":
            self.links.append(a)
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data

    def values(self, key: str) -> list[str]:
        return [v for k, v in self.meta if k == key]

    def value(self, key: str) -> str:
        (found,) = self.values(key)
        return found

    @property
    def data(self) -> list[dict]:
        return [json.loads(block) for block in self.jsonld]


def head(site, rel: str) -> HeadParser:
    parser = HeadParser()
    parser.feed(site.html(rel))
    return parser


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The base fixture site plus an anonymous and a pseudonymous story (built once)."""
    import os

    from conftest import Site, base_files, mkdocs_yml

    root = tmp_path_factory.mktemp("structured")
    site = Site(root)
    files = {
        **base_files(),
        "content/people/anonymous-member.yml": PERSON_ANONYMOUS,
        "content/people/river.yml": person_pseudonym("River"),
        "content/narratives/anon-story.md": narrative(
            "anon-story", "Leaving a toxic team", authors="[anonymous-member]",
            consent="consent:\n  naming: anonymous\n  given: 2025-01-10\n"),
        "content/narratives/pseudo-story.md": narrative(
            "pseudo-story", "Under another name", authors="[river]",
            consent="consent:\n  naming: pseudonym\n  given: 2025-01-10\n"
                    "  pseudonym: River\n"),
        "content/narratives/drawn-story.md": NARRATIVE_ANA.replace(
            "title: Finding my people", "title: Lunch & learning").replace(
            "consent:\n  naming: named\n  given: 2025-01-10\n",
            "published:\n  reference: smith-2020\n  licence: CC BY 4.0\n"),
        "content/recommendations/join-a-peer-group-early.md": RECOMMENDATION.replace(
            "\nsources:", "\ndate: 2026-03-01\nsources:"),
    }
    for rel, text in files.items():
        site.write(rel, text)
    site.write("mkdocs.yml", mkdocs_yml())
    cwd = os.getcwd()
    os.chdir(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        site.build()
    finally:
        os.chdir(cwd)
    return site


def test_script_json_cannot_close_the_script_element():
    text = script_json({"name": "</script><script>alert(1)</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!-- & -->"}


def test_page_paths_follow_mkdocs():
    assert page_path("index.md") == ""
    assert page_path("people/ana.md") == "people/ana/"
    assert page_path("narratives/index.md") == "narratives/"
    assert page_path("glossary.md#peer-mentoring") == "glossary/#peer-mentoring"
    assert page_path("people/ana.md", directory_urls=False) == "people/ana.html"
    assert page_path("index.md", directory_urls=False) == "index.html"


def test_narrative_is_an_article_with_author_and_citation(fixture_site):
    h = head(fixture_site, "narratives/ana-finding-my-people/index.html")
    (article,) = h.data
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "Article"
    assert article["headline"] == "Finding my people"
    assert article["datePublished"] == "2025-02-01"
    assert article["url"] == "https://example.org/narratives/ana-finding-my-people/"
    assert article["author"] == [{"@type": "Person", "name": "Ana Example",
                                  "url": "https://example.org/people/ana/"}]
    assert article["citation"]["name"] == "Peer groups in academic libraries"
    assert article["citation"]["identifier"]["value"] == "10.1234/example.5678"
    assert h.value("og:type") == "article"
    assert h.value("og:title") == "Finding my people"
    assert h.value("og:url") == article["url"]
    assert h.value("description") == h.value("og:description") == \
        "How Ana found a peer group in her first year."
    assert h.value("article:published_time") == "2025-02-01"
    # Drawn from a publication: Highwire tags describe that publication.
    assert h.value("citation_title") == "Peer groups in academic libraries"
    assert h.values("citation_author") == ["Smith, Jo"]
    assert h.value("citation_publication_date") == "2020"
    assert h.value("citation_journal_title") == "Journal of Examples"
    assert h.value("citation_doi") == "10.1234/example.5678"


def test_narrative_retold_from_a_publication_is_based_on_it(fixture_site):
    h = head(fixture_site, "narratives/drawn-story/index.html")
    (article,) = h.data
    assert article["headline"] == "Lunch & learning"  # '&' survives the escaping
    assert "\\u0026" in h.jsonld[0] and "&" not in h.jsonld[0]
    assert article["isBasedOn"] == {"@id": "https://doi.org/10.1234/example.5678"}
    assert h.value("citation_doi") == "10.1234/example.5678"


@pytest.mark.parametrize(("rel", "shown"), [
    ("narratives/anon-story/index.html", "A community member"),
    ("narratives/pseudo-story/index.html", "River"),
])
def test_unnamed_authors_get_no_link_and_no_real_name(fixture_site, rel, shown):
    h = head(fixture_site, rel)
    (article,) = h.data
    assert article["author"] == [{"@type": "Person", "name": shown}]
    head_html = fixture_site.html(rel).split("</head>")[0]
    for secret in ("Ben Sample", "people/ben", '"ben"'):
        assert secret not in head_html
    # A story with no publication behind it has no citation meta.
    assert h.values("citation_title") == []


def test_person_program_recommendation_path_and_glossary_types(fixture_site):
    (person,) = head(fixture_site, "people/ana/index.html").data
    assert person["@type"] == "Person" and person["name"] == "Ana Example"
    assert person["url"] == "https://example.org/people/ana/"
    assert "consent" not in json.dumps(person)
    (program,) = head(fixture_site, "programs/lunch-club/index.html").data
    assert program["@type"] == "EducationalOccupationalProgram"
    assert program["provider"] == {"@type": "Organization",
                                   "name": "Example University Library"}
    assert program["url"] == "https://example.org/lunch-club"
    assert program["offers"] == {"@type": "Offer", "price": 0}  # free
    assert program["mainEntityOfPage"] == {
        "@type": "WebPage", "@id": "https://example.org/programs/lunch-club/",
        "audience": [{"@type": "Audience", "audienceType": "Early-career staff"}]}
    assert program["subjectOf"]["name"] == "Peer groups in academic libraries"
    (rec,) = head(fixture_site, "recommendations/join-a-peer-group-early/index.html").data
    assert rec["@type"] == "Article" and rec["citation"][0]["name"]
    assert rec["author"] == {"@type": "Organization", "name": "Test Commons",
                             "url": "https://example.org/"}
    assert rec["datePublished"] == "2026-03-01"
    (path,) = head(fixture_site, "paths/first-month/index.html").data
    assert path["@type"] == "HowTo" and path["step"][0]["name"] == "Join a peer group"
    (terms,) = head(fixture_site, "glossary/index.html").data
    assert terms["@type"] == "DefinedTermSet"
    (term,) = terms["hasDefinedTerm"]
    assert term == {"@type": "DefinedTerm",
                    "@id": "https://example.org/glossary/#peer-mentoring",
                    "termCode": "peer-mentoring", "name": "Peer mentoring",
                    "alternateName": ["lateral mentoring"],
                    "description": "Mentoring between colleagues at a similar level.",
                    "inDefinedTermSet": "https://example.org/glossary/"}


def test_every_page_has_open_graph_and_the_feed_links(fixture_site):
    for page in sorted(fixture_site.site_dir.rglob("*.html")):
        if page.name == "404.html":
            continue
        h = head(fixture_site, str(page.relative_to(fixture_site.site_dir)))
        assert h.values("og:title") and h.values("og:site_name") == ["Test Commons"], page
        feeds = {link["type"]: link["href"] for link in h.links
                 if "alternate" in (link.get("rel") or "").split()}
        assert feeds.keys() >= {"application/atom+xml", "application/feed+json"}, page
