"""Hostile content: odd file names and links, script-capable Markdown, template-like and
HTML-special strings. Each is refused with a located message, or rendered inert."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
from conftest import (
    GLOSSARY,
    NARRATIVE_ANA,
    PERSON_ANA,
    PERSON_BEN,
    PROGRAM,
    TODAY,
    build_fails,
)
from mentoring_commons.cli import main
from mentoring_commons.core.check.markup import MarkdownRenderer, render_body, sanitize
from mentoring_commons.core.check.validate import check_content

NARRATIVE = "content/narratives/ana-finding-my-people.md"
NARRATIVE_PAGE = "narratives/ana-finding-my-people/index.html"
FRONT, _, _ = NARRATIVE_ANA.partition("---\nAna arrived")
FRONT += "---\n"  # the closing fence is on line 18: a body starts on line 19


def narrative(body: str, **replace: str) -> str:
    text = FRONT
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    return text + body


def errors() -> list[str]:
    _, report = check_content("content", today=dt.date.fromisoformat(TODAY))
    return [str(d) for d in report.errors]


# -- a small HTML tree, enough to ask where an element ended up ----------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "path"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str | None]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str):
        return [e for e in self.iter()
                if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
                and all(e.attrs.get(k) == v for k, v in attrs.items())]

    def ancestors(self) -> list[Element]:
        found, node = [], self.parent
        while node is not None:
            found.append(node)
            node = node.parent
        return found


class _TreeBuilder(HTMLParser):
    """Builds the tree as written: an end tag closes the nearest open element of its name,
    so an unclosed element stays open around everything after it (as it would in a browser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.open[-1])
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, dict(attrs), self.open[-1]))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def squashed_url(value: str) -> str:
    """A URL as the most lenient reader would see it: entities decoded, every control
    character and any whitespace removed, lowercased."""
    return re.sub(r"[\s\x00-\x20\x7f]", "", html.unescape(value)).lower()


DANGEROUS = ("javascript:", "vbscript:", "data:")
# Attributes a browser follows as a URL (a title or alt that starts with "data:" is only text).
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "poster", "data",
                  "background", "srcset", "ping", "cite", "longdesc", "manifest"}


def unsafe_parts(fragment: str) -> list[str]:
    """Everything in ``fragment`` that could run code: script-like elements, on* attributes,
    and URLs with a dangerous scheme."""
    found = []
    for element in parse(fragment).iter():
        if element.tag in ("script", "iframe", "object", "embed", "frame", "style", "base",
                           "meta", "form"):
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"{element.tag}[{name}]")
            if name in URL_ATTRIBUTES and value and squashed_url(value).startswith(DANGEROUS):
                found.append(f"{element.tag}[{name}={value!r}]")
    return found


# -- B. ids, paths and files ---------------------------------------------------------------------


@pytest.mark.parametrize(("name", "message"), [
    ("Carol.yml", "the file name 'Carol.yml' gives the id 'Carol', which is not a valid id: use "
     "lowercase ASCII letters, digits and single hyphens (like 'carol'); rename the file, e.g. "
     "to carol.yml."),
    ("carol_b.yml", "the file name 'carol_b.yml' gives the id 'carol_b', which is not a valid "
     "id: use lowercase ASCII letters, digits and single hyphens (like 'carol-b'); rename the "
     "file, e.g. to carol-b.yml."),
    # Cyrillic 'а' (U+0430): looks like 'a', so the message names it and suggests the Latin one.
    ("\u0430na.yml", "the file name '\u0430na.yml' gives the id '\u0430na', which is not a valid "
     "id (it contains U+0430 CYRILLIC SMALL LETTER A): use lowercase ASCII letters, digits and "
     "single hyphens (like 'ana'); rename the file, e.g. to ana.yml."),
    ("car\u200bol.yml", "the file name 'car\\u200bol.yml' gives the id 'car\\u200bol', which is "
     "not a valid id (it contains U+200B ZERO WIDTH SPACE): use lowercase ASCII letters, digits "
     "and single hyphens (like 'carol'); rename the file, e.g. to carol.yml."),
    ("c" * 65 + ".yml", f"the file name '{'c' * 65}.yml' gives the id '{'c' * 65}', which is 65 "
     f"characters long; ids are at most 64; rename the file, e.g. to {'c' * 64}.yml."),
    ("carol.yaml", "files in people/ end in .yml; rename to carol.yml."),
])
def test_file_name_that_is_not_an_id_is_located_with_a_suggested_name(make_site, name, message):
    make_site({f"content/people/{name}": PERSON_BEN})
    assert errors() == [f"content/people/{name}:1:1: error: {message}"]


def test_file_name_with_a_line_break_stays_one_line_of_output(make_site, capsys):
    # Printed raw, the second half of the name would look like a problem of its own.
    make_site({"content/people/carol\nfake.yml:1:1: error: x.yml": PERSON_BEN})
    assert main(["check", "content", "--today", TODAY]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "content/people/carol\\nfake.yml:1:1: error: x.yml:1:1: error: the file name "
        "'carol\\nfake.yml:1:1: error: x.yml' gives the id 'carol\\nfake.yml:1:1: error: x', "
        "which is not a valid id (it contains U+000A CONTROL CHARACTER): use lowercase ASCII "
        "letters, digits and single hyphens (like 'carol-fake-yml-1-1-error-x'); rename the "
        "file, e.g. to carol-fake-yml-1-1-error-x.yml."
    ]


def test_symlinked_file_and_folder_in_content_are_refused(make_site, tmp_path):
    site = make_site()
    outside = tmp_path / "outside"
    (outside / "pages").mkdir(parents=True)
    (outside / "carol.yml").write_text(PERSON_BEN, encoding="utf-8")
    (outside / "pages" / "secret.md").write_text("# Secret\n", encoding="utf-8")
    os.symlink(outside / "carol.yml", site.content / "people" / "carol.yml")
    os.symlink(outside / "pages", site.content / "pages" / "linked")
    os.symlink(outside / "pages", site.content / "narratives-extra")
    message = "symbolic links are not allowed in content: commit a real file or folder."
    assert errors() == [
        f"content/narratives-extra:1:1: error: {message}",
        f"content/pages/linked:1:1: error: {message}",
        f"content/people/carol.yml:1:1: error: {message}",
    ]


def test_symlinked_mapping_file_is_refused(make_site, tmp_path):
    site = make_site({"content/glossary.yml": None})
    (tmp_path / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    os.symlink(tmp_path / "glossary.yml", site.content / "glossary.yml")
    assert errors() == [
        "content/glossary.yml:1:1: error: symbolic links are not allowed in content: commit a "
        "real file or folder.",
        # It is not read, so a step that links to one of its terms is reported too.
        "content/paths/first-month.yml:10:13: error: unknown term 'peer-mentoring': no such id in "
        "glossary.yml.",
    ]


@pytest.mark.parametrize("name", ["evil.html", "logo.svg", "app.js", "deep/x.HTML"])
def test_script_capable_files_in_pages_are_refused(make_site, name):
    make_site({f"content/pages/{name}": "<script>alert(1)</script>\n"})
    suffix = Path(name).suffix.lower()
    assert errors() == [
        f"content/pages/{name}:1:1: error: {suffix} files are not allowed in pages/ (they could "
        "carry scripts); allowed: .gif, .jpeg, .jpg, .md, .pdf, .png, .webp."
    ]


@pytest.mark.parametrize(("char", "col"), [("\u200b", 12), ("\u202e", 12), ("\u2066", 12)])
def test_invisible_characters_in_a_text_field_are_refused(make_site, char, col):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("name: Ana Example",
                                                           f"name: Ana Exam{char}ple")})
    assert errors() == [
        f"content/people/ana.yml:1:7: error: contains the invisible character "
        f"U+{ord(char):04X}; delete it (it can hide text or make two values look the same)."
    ]


def test_glossary_keys_differing_only_by_case_one_is_not_an_id(make_site):
    second = ("Peer-Mentoring:\n  term: Peer support\n"
              "  definition: Another definition of the same idea.\n")
    make_site({"content/glossary.yml": GLOSSARY + second})
    assert errors() == [
        "content/glossary.yml:6:1: error: the id 'Peer-Mentoring' is not a valid id: use "
        "lowercase ASCII letters, digits and single hyphens (like 'peer-mentoring')."
    ]


# -- C. hostile Markdown through the checks and a real build -------------------------------------

HOSTILE_BODY = """\
Intro line.

<script>alert(1)</script>

<img src=x onerror=alert(1)>

A [x](javascript:alert(1)) link.

A [y](JaVaScRiPt:alert(1)) link.

<a href="jav&#x61;script:alert(1)">z</a>

<a href="data:text/html,<b>hi</b>">d</a>

<iframe src="https://evil.example/"></iframe>

Para { onclick="alert(1)" }

A <a href="java\tscript:alert(1)">tab</a> link.
"""

HOSTILE_ERRORS = [
    f"{NARRATIVE}:21:1: error: a <script> element is not allowed: it could run code or load "
    "content from elsewhere. Remove it.",
    f"{NARRATIVE}:23:12: error: the onerror attribute is not allowed: event handlers run code. "
    "Remove it.",
    f"{NARRATIVE}:25:7: error: a javascript: link is not allowed; link to an https:// address "
    "or a page of the site.",
    f"{NARRATIVE}:27:7: error: a javascript: link is not allowed; link to an https:// address "
    "or a page of the site.",
    f"{NARRATIVE}:29:10: error: a javascript: link is not allowed; link to an https:// address "
    "or a page of the site.",
    f"{NARRATIVE}:31:10: error: a data: link is not allowed; link to an https:// address or a "
    "page of the site.",
    f"{NARRATIVE}:33:1: error: a <iframe> element is not allowed: it could run code or load "
    "content from elsewhere. Remove it.",
    f"{NARRATIVE}:35:6: error: attribute lists cannot add event handlers; remove "
    "'{ onclick=\"alert(1)\" }'.",
    f"{NARRATIVE}:37:12: error: a javascript: link is not allowed; link to an https:// address "
    "or a page of the site.",
]


def test_hostile_markdown_is_reported_line_by_line_by_commons_check(make_site, capsys):
    make_site({NARRATIVE: narrative(HOSTILE_BODY)})
    assert main(["check", "content", "--today", TODAY]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == HOSTILE_ERRORS
    assert err.strip() == f"{len(HOSTILE_ERRORS)} errors, 0 warnings in content"


def test_hostile_markdown_fails_the_build_with_the_same_messages(make_site, caplog):
    site = make_site({NARRATIVE: narrative(HOSTILE_BODY)})
    logged = build_fails(site, caplog)
    assert [line for line in logged if line.startswith("content/")] == HOSTILE_ERRORS
    assert not (site.site_dir / NARRATIVE_PAGE).exists()


def test_code_that_only_shows_markup_is_not_an_error(make_site):
    body = ("Write `<script>` or `{ onclick=\"x\" }` in code.\n\n"
            "```html\n<img src=x onerror=alert(1)>\n{ onclick=\"x\" }\n```\n\n"
            "| Shown | As |\n| --- | --- |\n| `{ onclick=\"…\" }` | code |\n")
    make_site({NARRATIVE: narrative(body)})
    assert errors() == []


def test_attribute_list_with_a_handler_in_a_hand_written_page_is_refused(make_site):
    # MkDocs renders pages with attr_list on, so there it would add the attribute.
    page = "# Welcome\n\nSee `{ .note }` for a note.\n\nClick me { onclick=\"alert(1)\" }\n"
    make_site({"content/pages/index.md": page})
    assert errors() == [
        "content/pages/index.md:5:10: error: attribute lists cannot add event handlers; remove "
        "'{ onclick=\"alert(1)\" }'."
    ]


PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><a xlink:href='javascript:alert(1)'>s</a></svg>",
    "[x](javascript:alert(1))",
    "[y](JaVaScRiPt:alert(1))",
    "[e](javascript&#58;alert(1))",
    "![i](javascript:alert(1))",
    "[r][ref]\n\n[ref]: javascript:alert(1)",
    '<a href="jav&#x61;script:alert(1)">z</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">e</a>',
    '<a href="java\tscript:alert(1)">t</a>',
    '<a href="java&#9;script:alert(1)">t</a>',
    '<a href="&#1;javascript:alert(1)">c</a>',
    '<a href="\u00a0javascript:alert(1)">n</a>',
    '<a href=" JAVASCRIPT:alert(1)">u</a>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://e"><button formaction="javascript:alert(1)">b</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<style>body{display:none}</style>",
    '<details open ontoggle=alert(1)><summary>s</summary></details>',
    '<div markdown="1" onclick="alert(1)">t</div>',
    "Para { onclick=\"alert(1)\" }",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<template><script>alert(1)</script></template>',
    '<input type="image" src="x" onfocus=alert(1) autofocus>',
    "Text[^1]\n\n[^1]: <script>alert(1)</script>",
    '<a href="https://ok.example/" onmouseover="alert(1)">ok</a>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_alone_leaves_nothing_that_runs(payload):
    renderer = MarkdownRenderer()
    raw = renderer.render(payload)
    assert unsafe_parts(sanitize(raw)) == []
    assert unsafe_parts(render_body(renderer, payload)) == []
    assert unsafe_parts(sanitize(payload)) == []  # the payload as HTML, without Markdown


def test_unsafe_parts_sees_what_the_sanitiser_must_remove():
    # The detector used above finds each kind of danger when it is left in.
    assert unsafe_parts('<script>x</script><a href="jav&#x61;script:x" onclick="y">a</a>'
                        '<img src=" DATA:x"><iframe></iframe>') == [
        "<script>", "a[href='javascript:x']", "a[onclick]", "img[src=' DATA:x']", "<iframe>",
    ]


def test_sanitiser_keeps_safe_links_and_images():
    out = sanitize('<a href="https://example.org/?a=1&amp;b=2">a</a> <a href="../people/ana/">b'
                   '</a> <a href="mailto:x@example.org">c</a> <img src="img/photo.png" alt="p">')
    links = [a.attrs["href"] for a in parse(out).find_all("a")]
    assert links == ["https://example.org/?a=1&b=2", "../people/ana/", "mailto:x@example.org"]
    assert parse(out).find_all("img")[0].attrs["src"] == "img/photo.png"


def test_sanitiser_keeps_materials_features():
    body = '''\
!!! note "Remember"
    Take notes.

??? tip "Open me"
    Hidden tip.

=== "First"
    One.

=== "Second"
    Two.

```python
def f(x):
    return x + 1
```

An icon :material-account: here.

- [x] done
'''
    tree = parse(render_body(MarkdownRenderer(), body))
    (note,) = tree.find_all("div", cls="admonition")
    assert "note" in note.classes
    assert note.find_all("p", cls="admonition-title")[0].text() == "Remember"
    (details,) = tree.find_all("details", cls="tip")
    assert details.find_all("summary")[0].text() == "Open me"
    (tabs,) = tree.find_all("div", cls="tabbed-set")
    assert "tabbed-alternate" in tabs.classes
    radios = tabs.find_all("input", type="radio")
    assert [(r.attrs.get("id"), r.attrs.get("name")) for r in radios] == [
        ("__tabbed_1_1", "__tabbed_1"), ("__tabbed_1_2", "__tabbed_1")]
    assert [(label.attrs["for"], label.text()) for label in tabs.find_all("label")] == [
        ("__tabbed_1_1", "First"), ("__tabbed_1_2", "Second")]
    assert len(tabs.find_all("div", cls="tabbed-block")) == 2
    (code,) = tree.find_all("div", cls="highlight")
    assert "language-python" in code.classes
    assert {"k", "nf", "mi"} <= {c for span in code.find_all("span") for c in span.classes}
    (icon,) = tree.find_all("span", cls="twemoji")
    (svg,) = icon.find_all("svg")
    assert svg.attrs["viewbox"] == "0 0 24 24" and svg.find_all("path")[0].attrs["d"]
    assert tree.find_all("ul", cls="task-list")


def test_contributor_html_cannot_take_materials_own_ids():
    out = sanitize('<input id="__drawer" type="checkbox"><label for="__search">s</label>'
                   '<div id="__config">x</div><a name="__md_x">a</a><div id="my-box">ok</div>')
    tree = parse(out)
    assert [e.attrs.get("id") for e in tree.find_all("input")] == [None]
    assert tree.find_all("label")[0].attrs.get("for") is None
    assert [e.attrs.get("id") for e in tree.find_all("div")] == [None, "my-box"]


@pytest.mark.parametrize("unclosed", [
    "<div class=\"x\">\n\nUnclosed div",
    "<table><tr><td>\n\nUnclosed table",
    "<details><summary>s</summary>\n\nUnclosed details",
    "</div></div></article></main>\n\nStray end tags",
])
def test_unclosed_html_cannot_swallow_the_rest_of_the_page(make_site, unclosed):
    body = "Ana arrived knowing nobody.\n\n" + unclosed + "\n\nThe end of the story.\n"
    site = make_site({NARRATIVE: narrative(body)})
    site.build()
    tree = parse(site.html(NARRATIVE_PAGE))
    (body_div,) = tree.find_all("div", cls="mc-body")
    (source,) = tree.find_all("h2", id="source")
    (footer,) = tree.find_all("footer")
    # The Source section and the footer are where the templates put them, not inside the body.
    assert body_div not in source.ancestors() and body_div not in footer.ancestors()
    assert "mc-narrative" in source.parent.parent.classes
    assert not any(e.tag in ("table", "details", "td") for e in source.ancestors())
    assert [e.tag for e in footer.ancestors()][:3] == ["div", "body", "html"]
    assert "The end of the story." in body_div.text()


def test_markup_written_as_entities_in_headings_stays_text_in_the_table_of_contents(make_site):
    heading = "What &lt;img src=x onerror=alert(1)&gt; helped"
    site = make_site({
        NARRATIVE: NARRATIVE_ANA.replace("## What helped", f"## {heading}"),
        "content/pages/index.md": "# Welcome\n\n## Page &lt;script&gt;alert(2)&lt;/script&gt;\n",
    })
    site.build()
    for page, text in [(NARRATIVE_PAGE, "What <img src=x onerror=alert(1)> helped"),
                       ("index.html", "Page <script>alert(2)</script>")]:
        tree = parse(site.html(page))
        toc = [" ".join(a.text().split()) for a in tree.find_all("a", cls="md-nav__link")]
        assert text in toc
        headings = [" ".join(h2.text().split()).rstrip("¶") for h2 in tree.find_all("h2")]
        assert headings.count(text) == 1  # (a hand-written page adds a ¶ permalink)
    assert scan_built_site(site.site_dir) == []


# -- C. URL fields and plain-text fields ---------------------------------------------------------


@pytest.mark.parametrize(("value", "message"), [
    ("javascript:alert(1)", "javascript: addresses are not allowed; use an https:// address."),
    ('" JAVASCRIPT:alert(1)"', "javascript: addresses are not allowed; use an https:// address."),
    ('"java\\tscript:alert(1)"', "javascript: addresses are not allowed; use an https:// address."),
    ("data:text/html,x", "data: addresses are not allowed; use an https:// address."),
    ("vbscript:msgbox(1)", "vbscript: addresses are not allowed; use an https:// address."),
    ("//evil.example/x", "'//evil.example/x' is not a web address: it must start with https:// "
     "(or http://)."),
    ("https://example.org/a\u202eb", "contains the invisible character U+202E; delete it (it "
     "can hide part of the address)."),
    ("https://example.org/\u200b", "contains the invisible character U+200B; delete it (it can "
     "hide part of the address)."),
])
def test_dangerous_program_url_is_an_error(make_site, value, message):
    make_site({"content/programs/lunch-club.yml": PROGRAM.replace(
        "url: https://example.org/lunch-club", f"url: {value}")})
    assert errors() == [f"content/programs/lunch-club.yml:2:6: error: {message}"]


def header_topic(tree: Element) -> str:
    (topic,) = tree.find_all("div", cls="md-header__topic", **{"data-md-component": "header-topic"})
    return " ".join(topic.text().split())


def test_template_syntax_in_a_title_is_shown_literally(make_site):
    site = make_site({NARRATIVE: NARRATIVE_ANA.replace("title: Finding my people",
                                                       'title: "{{ 7*7 }} {% raw %}"')})
    site.build()
    tree = parse(site.html(NARRATIVE_PAGE))
    expected = "{{ 7*7 }} {% raw %}"
    assert tree.find_all("title")[0].text() == f"{expected} - Test Commons"
    assert header_topic(tree) == expected
    assert [h1.text() for h1 in tree.find_all("h1")] == [expected]
    listing = parse(site.html("narratives/index.html")).text()
    assert expected in listing
    assert "49" not in tree.find_all("title")[0].text() + header_topic(tree) + listing


def test_ampersand_and_quotes_in_a_title_are_escaped_once_everywhere(make_site):
    site = make_site({NARRATIVE: NARRATIVE_ANA.replace(
        "title: Finding my people", 'title: Q&A "peer" circles'
    ).replace("summary: How Ana", 'summary: Q&A "peer" notes - how Ana')})
    site.build()
    page = site.html(NARRATIVE_PAGE)
    tree = parse(page)
    title = 'Q&A "peer" circles'
    assert tree.find_all("title")[0].text() == f"{title} - Test Commons"
    assert header_topic(tree) == title
    assert [h1.text() for h1 in tree.find_all("h1")] == [title]
    (description,) = tree.find_all("meta", name="description")
    assert description.attrs["content"] == ('Q&A "peer" notes - how Ana found a peer group in '
                                            "her first year.")
    # Escaped exactly once: never a double-escaped '&amp;amp;' nor a raw quote in an attribute.
    assert "&amp;amp;" not in page and 'content="Q&A "peer"' not in page


@pytest.mark.parametrize("title", ["Less <than> more", "A > B", "<script>alert(1)</script>"])
def test_angle_brackets_in_a_title_are_refused(make_site, title):
    make_site({NARRATIVE: NARRATIVE_ANA.replace("title: Finding my people", f"title: {title}")})
    assert errors() == [
        f"{NARRATIVE}:2:8: error: plain text may not contain '<' or '>' (HTML is not allowed "
        "here); reword it, e.g. 'less than'."
    ]


# -- the whole built site ------------------------------------------------------------------------


def material_inline_scripts() -> list[re.Pattern[str]]:
    """Material's own inline scripts, from its templates; a Jinja ``{{ ... }}`` in them (a
    quoted URL or id) matches any text without a quote."""
    templates = Path(material.__file__).parent / "templates"
    patterns = []
    for template in templates.rglob("*.html"):
        for code in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"),
                               flags=re.S):
            parts = re.split(r"\{\{.*?\}\}", code.strip())
            patterns.append(re.compile('[^"<]*'.join(map(re.escape, parts))))
    assert len(patterns) >= 5
    return patterns


def scan_built_site(site_dir: Path) -> list[str]:
    """Every script that is not Material's own, every on* attribute, every dangerous URL and
    every embedding element in every HTML file of a built site."""
    material_scripts = material_inline_scripts()
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        for element in parse(page.read_text(encoding="utf-8")).iter():
            for name, value in element.attrs.items():
                if name.startswith("on"):
                    problems.append(f"{rel}: {element.tag}[{name}]")
                if name in URL_ATTRIBUTES and value and squashed_url(value).startswith(DANGEROUS):
                    problems.append(f"{rel}: {element.tag}[{name}={value[:40]!r}]")
            if element.tag in ("iframe", "object", "embed", "frame", "base"):
                problems.append(f"{rel}: <{element.tag}>")
            if element.tag != "script":
                continue
            src, code = element.attrs.get("src"), element.text().strip()
            if src is not None:
                if "assets/javascripts/" not in src and "search" not in src:
                    problems.append(f"{rel}: script src={src!r}")
            elif element.attrs.get("type") in ("application/json", "application/ld+json"):
                # Data, not code (Material's __config, our JSON-LD), if it is whole JSON that
                # no string in it could have closed early.
                try:
                    json.loads(code)
                except ValueError:
                    problems.append(f"{rel}: {element.attrs['type']} script is not JSON")
                if "<" in code:
                    problems.append(f"{rel}: '<' in a {element.attrs['type']} script")
            elif element.attrs.get("id") == "__config":
                problems.append(f"{rel}: __config script of type {element.attrs.get('type')}")
            elif not any(pattern.fullmatch(code) for pattern in material_scripts):
                problems.append(f"{rel}: inline script {code[:40]!r}")
    return problems


def test_no_script_or_handler_of_ours_anywhere_in_the_built_site(make_site):
    site = make_site()
    site.build()
    pages = sorted(site.site_dir.rglob("*.html"))
    assert len(pages) >= 15
    assert sum("<script" in p.read_text(encoding="utf-8") for p in pages) == len(pages)
    assert scan_built_site(site.site_dir) == []
    # The scan finds each kind of problem when one is planted in a built page.
    planted = site.html("index.html").replace(
        "</body>",
        '<script>alert(1)</script><script src="https://evil.example/x.js"></script>'
        '<a href=" javascript:alert(1)" onclick="x">a</a><iframe src="x"></iframe>'
        '<script type="application/ld+json">{"name": "</script><b>"}</script>'
        '<script type="application/json">{"name": "<!--"}</script></body>',
    )
    (site.site_dir / "planted.html").write_text(planted, encoding="utf-8")
    assert scan_built_site(site.site_dir) == [
        "planted.html: inline script 'alert(1)'",
        "planted.html: script src='https://evil.example/x.js'",
        "planted.html: a[href=' javascript:alert(1)']",
        "planted.html: a[onclick]",
        "planted.html: <iframe>",
        "planted.html: application/ld+json script is not JSON",
        "planted.html: '<' in a application/json script",
    ]
