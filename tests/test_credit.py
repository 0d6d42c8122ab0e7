"""Honest credit: a story retold from a published work says so, is dated by that work, and is
thanked under its work's authors on the contributors page, never as a member's own story."""

from __future__ import annotations

import json
from xml.etree import ElementTree

from conftest import NARRATIVE_ANA, PERSON_BEN
from finding_support import tree
from mentoring_commons.core.site.contributors import natural_name, title_after_name

# Rae is in a published work (Smith 2020, in the fixture's references): no consent block, the
# work is the basis. Her entry's `date` is the day it was added here, which no page may show
# as her story's date.
PERSON_RAE = PERSON_BEN.replace("Ben Sample", "Rae Retold").replace(
    "consent:\n  naming: named\n  given: 2025-01-10\n",
    "published:\n  reference: smith-2020\n  licence: CC BY 4.0\n")
NARRATIVE_RAE = (
    NARRATIVE_ANA.replace("title: Finding my people", "title: \"Rae Retold: a group of peers\"")
    .replace("authors: [ana]", "authors: [rae]")
    .replace("date: 2025-02-01", "date: 2025-03-05")
    .replace("consent:\n  naming: named\n  given: 2025-01-10\n",
             "published:\n  reference: smith-2020\n  licence: CC BY 4.0\n")
    .replace("Ana arrived knowing nobody", "Rae arrived at a new library knowing nobody")
)
# Ana's own story, titled with her name, to see that no list doubles it.
NARRATIVE_ANA_NAMED = NARRATIVE_ANA.replace("title: Finding my people",
                                            "title: \"Ana Example: finding my people\"")
RETOLD_SITE = {
    "content/people/rae.yml": PERSON_RAE,
    "content/narratives/rae-peers.md": NARRATIVE_RAE,
    "content/narratives/ana-finding-my-people.md": NARRATIVE_ANA_NAMED,
}
RETOLD_PAGES = ("narratives/rae-peers/index.html", "people/rae/index.html")
ADDED = ("2025-03-05", "5 March 2025", "March 2025")


def built(make_site):
    site = make_site(RETOLD_SITE)
    site.build()
    return site


def main_text(site, page: str) -> str:
    return tree(site.html(page)).one("article").text


def test_a_retold_story_says_retold_from_its_work_with_a_link(make_site):
    site = built(make_site)
    byline = tree(site.html("narratives/rae-peers/index.html")).one("p.mc-byline")
    assert byline.text == ("Retold from Smith (2020), Peer groups in academic libraries · "
                           "the story of Rae Retold")
    work = byline.one("cite a")
    assert work.attrs["href"] == "https://doi.org/10.1234/example.5678"
    assert [a.attrs["href"] for a in byline.select("a")][-1] == "../../people/rae/"
    # A member's own story keeps its byline and its date.
    own = tree(site.html("narratives/ana-finding-my-people/index.html")).one("p.mc-byline")
    assert own.text == "A story by Ana Example · 1 February 2025"


def test_no_page_of_a_retold_entry_says_a_story_by(make_site):
    site = built(make_site)
    for page in RETOLD_PAGES:
        assert "A story by" not in site.html(page), page


def test_a_retold_story_is_never_dated_by_its_entry(make_site):
    site = built(make_site)
    for page in RETOLD_PAGES:
        text = main_text(site, page)
        assert not [d for d in ADDED if d in text], page
    story = tree(site.html("narratives/rae-peers/index.html")).one("article")
    assert not [t for t in story.select("time") if t.attrs.get("datetime") == "2025-03-05"]
    # Cards say where it is from instead of a month: on the listing, the person's page, and
    # in the filters' data the script draws cards from.
    listing = {a.text: card for card in tree(site.html("narratives/index.html"))
               .select("li.mc-card") for a in card.select("h2 a")}
    assert listing["Rae Retold: a group of peers"].one("p.mc-card__meta").text == \
        "Rae Retold · retold from Smith (2020)"
    assert listing["Ana Example: finding my people"].one("p.mc-card__meta").text == \
        "Ana Example · February 2025"
    person_card = tree(site.html("people/rae/index.html")).one("li.mc-card p.mc-card__meta")
    assert person_card.text == "Rae Retold · retold from Smith (2020)"
    facets = json.loads((site.site_dir / "narratives" / "facets.json").read_text("utf-8"))
    metas = {item["id"]: item["meta"] for item in facets["items"]}
    assert metas == {"rae-peers": "Rae Retold · retold from Smith (2020)",
                     "ana-finding-my-people": "Ana Example · February 2025"}


def test_the_entry_date_still_orders_the_listing_and_dates_the_feed(make_site):
    site = built(make_site)
    titles = [a.text for a in tree(site.html("narratives/index.html"))
              .select("li.mc-card h2 a")]
    assert titles == ["Rae Retold: a group of peers", "Ana Example: finding my people"]
    atom = (site.site_dir / "feeds" / "narratives.atom").read_text(encoding="utf-8")
    entry = atom[atom.index("Rae Retold: a group of peers"):]
    assert "<updated>2025-03-05T00:00:00Z</updated>" in entry.split("</entry>")[0]


def test_contributors_page_separates_members_from_the_authors_of_retold_works(make_site):
    site = built(make_site)
    page = tree(site.html("about/contributors/index.html"))
    members = page.one("section[aria-labelledby=stories]")
    retold = page.one("section[aria-labelledby=retold]")
    assert "Rae Retold" not in members.text
    assert [a.text for a in members.select("li a")] == ["Ana Example", "Finding my people"]
    assert "Ana Example: Ana Example" not in page.text
    works = retold.select("li")
    assert len(works) == 1
    assert works[0].text.startswith("Jo Smith, Peer groups in academic libraries (2020;")
    assert works[0].one("cite a").attrs["href"] == "https://doi.org/10.1234/example.5678"
    assert [a.text for a in works[0].select("a")][-1] == "Rae Retold: a group of peers"
    assert page.text.count("Rae Retold") == 1


def test_a_site_of_retold_stories_only_says_no_member_has_shared_one_yet(make_site):
    site = make_site({**RETOLD_SITE, "content/narratives/ana-finding-my-people.md": None,
                      "content/recommendations/join-a-peer-group-early.md": None,
                      "content/paths/first-month.yml": None})
    site.build()
    members = tree(site.html("about/contributors/index.html")).one(
        "section[aria-labelledby=stories]")
    assert "No member has shared their own story here yet" in members.text
    assert "shared anonymously" not in members.text


def test_title_after_name_drops_only_a_leading_name_and_its_separator():
    assert title_after_name("Denise Leyton: from student worker", "Denise Leyton") == \
        "From student worker"
    assert title_after_name("denise leyton — a year", "Denise Leyton") == "A year"
    assert title_after_name("Ana's year", "Ana") == "Ana's year"
    assert title_after_name("Anabel: a year", "Ana") == "Anabel: a year"
    assert title_after_name("A year with Ana", "Ana") == "A year with Ana"
    assert title_after_name("Ana:", "Ana") == "Ana:"


def test_natural_name_reverses_family_given_only():
    assert natural_name("García Mazari, Sheila") == "Sheila García Mazari"
    assert natural_name("Association of College and Research Libraries (ACRL)") == \
        "Association of College and Research Libraries (ACRL)"


def test_feeds_credit_a_retold_story_to_its_work_never_to_the_people_in_it(make_site):
    site = built(make_site)
    feed = json.loads(site.html("feeds/narratives.json"))
    authors = {item["url"].rstrip("/").rsplit("/", 1)[-1]: item["authors"]
               for item in feed["items"]}
    assert authors["rae-peers"] == [{"name": "Jo Smith"}]  # Smith 2020's author, no profile link
    assert authors["ana-finding-my-people"][0]["name"] == "Ana Example"  # her own story
    ns = {"a": "http://www.w3.org/2005/Atom"}
    atom = ElementTree.fromstring(site.html("feeds/narratives.atom").encode("utf-8"))
    by_page = {e.find("a:link", ns).get("href").rstrip("/").rsplit("/", 1)[-1]:
               [a.findtext("a:name", namespaces=ns) for a in e.findall("a:author", ns)]
               for e in atom.findall("a:entry", ns)}
    assert by_page["rae-peers"] == ["Jo Smith"]
    assert by_page["ana-finding-my-people"] == ["Ana Example"]


def test_structured_data_says_the_site_retold_it_and_mentions_the_people_in_it(make_site):
    site = built(make_site)
    html = site.html("narratives/rae-peers/index.html")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert [a["@type"] for a in data["author"]] == ["Organization"]
    assert {"@type": "Person", "name": "Rae Retold", "url": data["mentions"][-1]["url"]} \
        in data["mentions"]
    assert data["isBasedOn"]  # the work, with its own authors
    own = site.html("narratives/ana-finding-my-people/index.html")
    own_data = json.loads(own.split('<script type="application/ld+json">', 1)[1]
                          .split("</script>", 1)[0])
    assert [a["name"] for a in own_data["author"]] == ["Ana Example"]
