"""Glossary terms linked at their first use on a page: whole words, any case, term or alias,
never inside links, headings or code, with the definition's first sentence as tooltip."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from finding_support import article, build_once, narrative_md, tree
from mentoring_commons.core.site.glossarylinks import build_matcher, link_terms, terms_in_markdown


def term(id_: str, name: str, definition: str, *aliases: str) -> SimpleNamespace:
    return SimpleNamespace(id=id_, term=name, aliases=aliases, definition=definition)


GLOSSARY = {
    t.id: t for t in (
        term("peer-mentoring", "Peer mentoring", 'Mentoring between "equals" & friends. More.',
             "lateral mentoring"),
        term("cross-peer", "Cross-institutional peer mentoring", "Across institutions."),
        term("no-committee", "No committee", "Someone who helps you say no.", '"no" committee'),
        term("cohort", "Cohort", "A group that starts together."),
    )
}
URL = "../../glossary/"


def links(html: str) -> list[tuple[str, str]]:
    return [(a.attrs["data-term"], a.text) for a in tree(html).select("a.mc-term")]


def test_first_use_only_case_insensitive_whole_words_and_aliases():
    html = ("<p>LATERAL mentoring helps. Peer mentoring again, peer mentoring.</p>"
            "<p>Cohorts and cohort-based groups are not a cohort; the Cohort is.</p>")
    out = link_terms(html, GLOSSARY, URL)
    assert links(out) == [("peer-mentoring", "LATERAL mentoring"), ("cohort", "cohort")]
    assert out.count('class="mc-term"') == 2
    assert 'href="../../glossary/#peer-mentoring"' in out


def test_longest_name_wins_and_spacing_and_quotes_are_flexible():
    html = ("<p>Cross-institutional peer\n  mentoring first, then peer mentoring; "
            "my \u201cno\u201d committee said so.</p>")
    assert links(link_terms(html, GLOSSARY, URL)) == [
        ("cross-peer", "Cross-institutional peer mentoring"),
        ("peer-mentoring", "peer mentoring"),
        ("no-committee", "\u201cno\u201d committee"),
    ]


def test_never_inside_links_headings_code_or_abbreviations():
    html = ('<h2 id="x">Peer mentoring</h2><p><a href="y">peer mentoring</a> '
            "<code>cohort</code> <pre><code>cohort</code></pre> <abbr title=\"t\">cohort</abbr>"
            " <strong>cohort</strong> and <em>peer mentoring</em></p>")
    out = link_terms(html, GLOSSARY, URL)
    assert links(out) == [("cohort", "cohort"), ("peer-mentoring", "peer mentoring")]
    assert '<h2 id="x">Peer mentoring</h2>' in out and '<a href="y">peer mentoring</a>' in out
    assert "<code>cohort</code>" in out and '<strong><a class="mc-term"' in out


def test_tooltip_is_the_escaped_first_sentence_and_text_is_kept_intact():
    html = "<p>Fish &amp; chips, 1 &lt; 2, peer mentoring.</p>"
    out = link_terms(html, GLOSSARY, URL)
    assert out.startswith("<p>Fish &amp; chips, 1 &lt; 2, <a ")
    (a,) = tree(out).select("a.mc-term")
    assert a.attrs["title"] == 'Mentoring between "equals" & friends.'
    assert 'title="Mentoring between &quot;equals&quot; &amp; friends."' in out
    untouched = "<p>Nothing to see &amp; nothing&nbsp;here.</p>"
    assert link_terms(untouched, GLOSSARY, URL) == untouched
    assert link_terms(html, {}, URL) == html


def test_offsets_hold_when_lowercasing_changes_the_length():
    # "İ".lower() is two characters; matching falls back to a case-insensitive expression.
    html = "<p>İstanbul had a Cohort too.</p>"
    assert links(link_terms(html, GLOSSARY, URL)) == [("cohort", "Cohort")]
    assert link_terms(html, GLOSSARY, URL).startswith("<p>İstanbul had a <a ")


def test_terms_in_markdown_skip_code_and_link_targets():
    matcher = build_matcher(GLOSSARY)
    text = ("See [the guide](https://example.org/peer-mentoring) and `cohort`.\n\n"
            "```\nno committee\n```\nA Cohort met.")
    assert terms_in_markdown(matcher, [text]) == ["cohort"]



def test_terms_found_follow_the_glossary_not_a_stale_memo():
    # Terms found in a text are kept between builds (mkdocs serve) for an equal glossary only.
    text = "We met as a cohort and tried buddy systems."
    assert terms_in_markdown(GLOSSARY, [text]) == ["cohort"]
    assert terms_in_markdown(dict(GLOSSARY), [text]) == ["cohort"]  # equal: the same matcher
    grown = {**GLOSSARY, "buddy": term("buddy", "Buddy system", "A pairing.", "buddy systems")}
    assert terms_in_markdown(grown, [text]) == ["cohort", "buddy"]
    assert terms_in_markdown(GLOSSARY, [text]) == ["cohort"]


BODY = """\
A peer mentoring group met monthly. Later, peer mentoring became a habit.

## Peer mentoring in practice

They used [lateral mentoring](https://example.org/lateral) and `peer mentoring` in code.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("glossary-links"), {
        "content/narratives/ben-notes.md": narrative_md("Notes", "[ben]", body=BODY),
        "content/recommendations/join-a-peer-group-early.md": (
            "---\ntitle: Join a peer group early\naudience: individuals\ntheme: belonging\n"
            "summary: Peer groups help newcomers find their footing.\nsources: [smith-2020]\n"
            "---\nLook for lateral mentoring in your first month.\n"),
    })


def test_narrative_and_recommendation_bodies_link_terms_once(built):
    body = article(built, "narratives/ben-notes/index.html").one("div.mc-body")
    terms = body.select("a.mc-term")
    assert [(a.text, a.attrs["href"]) for a in terms] == [
        ("peer mentoring", "../../glossary/#peer-mentoring")]
    assert terms[0].attrs["title"].startswith("Mentoring between colleagues")
    assert body.one("h2").text.startswith("Peer mentoring in practice")
    rec = article(built, "recommendations/join-a-peer-group-early/index.html").one("div.mc-body")
    assert [a.text for a in rec.select("a.mc-term")] == ["lateral mentoring"]
    glossary = article(built, "glossary/index.html").one("#peer-mentoring")
    assert [a.text for a in glossary.select("p.mc-used-in a")] == [
        "Notes", "Join a peer group early", "Your first month"]
