"""Property-based tests: whatever a content file holds, the check finishes and every problem is
one located line; annotations cannot forge commands; the sanitiser output never runs code."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import NARRATIVE_ANA, PROGRAM, base_files, mkdocs_yml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mentoring_commons.cli import main
from mentoring_commons.core.check.markup import MarkdownRenderer, render_body, sanitize
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.outputs.outputpaths import generated_outputs
from mentoring_commons.core.source.diagnostics import Diagnostic, format_github, format_plain
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_hostile_content import PAYLOADS, unsafe_parts
from test_inputs import invisible_in_output

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RENDERER = MarkdownRenderer()
TODAY = dt.date(2026, 6, 1)

# -- content that is almost YAML -----------------------------------------------------------------

KEYS = ["name", "title", "roles", "authors", "summary", "date", "forms", "consent", "naming",
        "given", "visibility", "allow_contact_details", "bio", "term", "definition", "year",
        "peer", "label", "unknown", "Name", "na me", "- name", "? name", "<<", ""]
SCALARS = ["no", "yes", "on", "0755", "1.10", "2021-02-30", "2025-01-10", "99999999999999999999",
           "~", "null", "true", "[ana]", "[peer, group]", "{a: 1}", "[", "{", "]", "&a x", "*a",
           "!!binary aGk=", "!!python/object/apply:os.system [ls]", "!tag x", "|", ">-",
           '"quoted', "'single'", '"\\u2028"', "a: b", "# comment", "---", "...", "%YAML 1.1",
           "<script>alert(1)</script>", "javascript:alert(1)", "public", "named", "ana"]
ODD = ["\t", "\r", "\r\n", "\ufeff", "\u200b", "\u202e", "\u2028", "\x85", "\x00", "\x0c",
       "\x7f", "\ud7ff", "\ufffd", "😀", "é", "а", ":", "-", "&", "*", "!", "%", "@", "`", "#",
       "{", "}", "[", "]", ",", "|", ">", "'", '"', "\\"]

value = st.one_of(st.sampled_from(SCALARS), st.text(max_size=12),
                  st.lists(st.sampled_from(ODD + SCALARS), max_size=4).map("".join))
line = st.builds(
    lambda indent, key, sep, val: " " * indent + key + sep + val,
    st.integers(0, 8), st.sampled_from(KEYS + ODD), st.sampled_from([": ", ":", " ", "", ":\t"]),
    value,
)
yamlish = st.lists(line, max_size=20).map("\n".join)
body = st.lists(st.one_of(st.sampled_from(PAYLOADS + ["## Heading", "!!! note", "    indented",
                                                      "=== \"Tab\"", "```", "<div>", "</div>",
                                                      "ana@example.org", "+1 555 123 4567"]),
                          st.text(max_size=30)), max_size=8).map("\n\n".join)
markdown_file = st.builds(lambda fm, b, close: "---\n" + fm + ("\n---\n" if close else "\n") + b,
                          yamlish, body, st.booleans())

TARGETS = {
    "person": ("content/people/ana.yml", st.one_of(yamlish, st.text())),
    "narrative": ("content/narratives/ana-finding-my-people.md",
                  st.one_of(markdown_file, st.text())),
    "glossary": ("content/glossary.yml", yamlish),
    "vocabularies": ("content/vocabularies.yml", yamlish),
    "page": ("content/pages/index.md", st.one_of(markdown_file, body)),
}


@pytest.fixture(scope="module")
def site_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("props")
    for rel, text in base_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@contextlib.contextmanager
def replaced(root: Path, rel: str, data: bytes):
    """The base site with one file's bytes replaced, restored afterwards."""
    path = root / rel
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        yield
    finally:
        path.write_bytes(original)


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8


def assert_located(diagnostics: list[Diagnostic], root: Path, rel: str, data: bytes) -> None:
    # The most lines the file can have, however its line ends are written.
    max_line = data.count(b"\n") + data.count(b"\r") + 1
    for d in diagnostics:
        assert d.path and d.path.startswith(str(root / "content")), d
        assert d.line >= 1 and d.col >= 1, d
        assert d.message.strip(), d
        assert "\n" not in d.message and "\r" not in d.message, d  # one line per problem
        if d.path == str(root / rel):
            assert d.line <= max_line, (d, max_line)


def run_check(root: Path, rel: str, data: bytes) -> None:
    with replaced(root, rel, data):
        _, report = check_content(root / "content", today=TODAY, renderer=RENDERER)
    assert_located(report.items, root, rel, data)


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_any_text_in_a_content_file_is_checked_without_raising(site_root, target):
    rel, strategy = TARGETS[target]

    @SETTINGS
    @given(strategy)
    def check(text: str) -> None:
        run_check(site_root, rel, encode(text))

    check()


@SETTINGS
@given(data=st.binary(max_size=300),
       rel=st.sampled_from(["content/people/ana.yml", "content/narratives/ana-finding-my-people.md",
                            "content/references.yml", "content/pages/index.md"]))
def test_any_bytes_in_a_content_file_are_checked_without_raising(site_root, data, rel):
    run_check(site_root, rel, data)


DIAGNOSTIC_LINE = re.compile(r"^.+:[1-9]\d*:[1-9]\d*: (error|warning): \S.*$")


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(person=st.one_of(yamlish, st.text()), story=markdown_file,
       github=st.booleans())
def test_cli_check_returns_0_or_1_and_prints_one_line_per_problem(site_root, person, story,
                                                                   github):
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", str(site_root / "content"), "--today", TODAY.isoformat()]
    argv += ["--format", "github"] if github else []
    with replaced(site_root, "content/people/ana.yml", encode(person)), \
            replaced(site_root, "content/narratives/ana-finding-my-people.md", encode(story)), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code in (0, 1)
    lines = out.getvalue().splitlines()
    if github:
        assert all(line.startswith(("::error ", "::warning ")) for line in lines), lines
    else:
        assert all(DIAGNOSTIC_LINE.match(line) for line in lines), lines
    has_errors = any(line.startswith("::error ") or ": error: " in line for line in lines)
    assert code == (1 if has_errors else 0)
    assert re.fullmatch(r"\d+ errors?, \d+ warnings? in .+\n", err.getvalue())


# -- GitHub annotations cannot be forged ---------------------------------------------------------

NASTY = ["\n", "\r", "\r\n", "::", "%", "%0A", "%25", ",", ":", "::error file=x::pwned",
         "\n::warning::injected", "\u2028", "\x85", "\x0b", "\x0c", "\x1e", " "]
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=10).map(
    "".join)
diagnostic = st.builds(Diagnostic, path=nasty_text, line=st.integers(1, 10**6),
                       col=st.integers(1, 10**4), severity=st.sampled_from(["error", "warning"]),
                       message=nasty_text)
PROPS = re.compile(r"file=[^:,\r\n]*,line=[1-9]\d*,col=[1-9]\d*,title=[^:,\r\n]*")


def unescape_data(text: str) -> str:
    # What the Actions runner does to a command's message.
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


@SETTINGS
@given(st.lists(diagnostic, min_size=1, max_size=5))
def test_github_annotations_are_one_command_line_each(diagnostics):
    output = format_github(diagnostics)
    lines = output.splitlines()  # splits at every line end Python knows, not only CR and LF
    assert len(lines) == len(diagnostics)
    assert output.split("\n") == lines and "\r" not in output
    for d, line in zip(diagnostics, lines, strict=True):
        assert line.startswith(f"::{d.severity} ")
        properties, separator, data = line[len(f"::{d.severity} "):].partition("::")
        assert separator and PROPS.fullmatch(properties), line
        # The message comes back as written, apart from line ends other than CR and LF.
        expected = d.message.translate(str.maketrans(dict.fromkeys(
            "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " ")))
        assert unescape_data(data) == expected


@SETTINGS
@given(st.lists(diagnostic, max_size=5))
def test_plain_output_is_one_line_per_diagnostic(diagnostics):
    lines = format_plain(diagnostics).splitlines()
    assert len(lines) == len(diagnostics)
    for d, line in zip(diagnostics, lines, strict=True):
        assert f":{d.line}:{d.col}: {d.severity}: " in line


# -- the sanitiser, on any mixture of hostile pieces ---------------------------------------------

HTML_PIECES = PAYLOADS + [
    "<a href=\"", "\">", "<img src=", " onerror=alert(1)", "javascript:", "jav&#x61;script:",
    "&#106;", "&colon;", "\t", "\n", "<", ">", "\"", "'", "=", "</a>", "<svg>", "</svg>",
    "<math>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<div>", "</div>", "<table>",
    "data:text/html,", "vbscript:", " ", "x",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), min_size=1, max_size=12).map("".join))
def test_sanitiser_output_never_runs_code(fragment):
    assert unsafe_parts(sanitize(fragment)) == []
    assert unsafe_parts(render_body(RENDERER, fragment)) == []


# -- commons check and the build agree, near the edges (issue 19) --------------------------------

# Ids a planner or the theme might also want (with the names the site plan itself uses, drawn
# in the test), look-alikes of them, and ordinary ones.
EDGE_IDS = ["index", "page", "facets", "forms", "topics", "search", "admin", "assets", "feeds",
            "export", "calendar", "downloads", "glossary", "tools", "map", "about", "Index",
            "index-", "ïndex", "in dex", "con", "a", "x" * 64, "x" * 65]
EDGE_DATES = [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(2199, 12, 31),
              dt.date(2200, 1, 1), dt.date(9999, 12, 31), dt.date(2026, 6, 1),
              dt.date(2026, 6, 2)]
INVISIBLE = ["\u202e", "\u2066", "\u2069", "\u200b", "\u200e", "\ufeff", "\u00ad", "\u2060",
             "\x1b", "&#x202e;", "&rlm;", "&#8203;", "\u200d", "\u200c", "\t"]
ADDRESSES = ["https://evil.example/p.png", "//evil.example/p.png", "HTTPS://evil.example/p.webp",
             "https://user:pw@example.org/", "picture.png", "https://example.org/page",
             "mailto:someone"]
USES = ["![p]({})", "[l]({})", '<img src="{}" alt="p">', "<{}>", '<audio src="{}"></audio>',
        '<img srcset="{} 2x" alt="p">', "[r]\n\n[r]: {}"]
PAGE_PATHS = ["glossary.md", "glossary/index.md", "tools.md", "about/mine.md", "mine.md",
              "narratives/mine.md", "map/page/2.md", "people/page/2.md", "404.md",
              "admin/index.md", "assets/images/favicon.png", "images/ok.png"]
PAGE_WORDS = ["Words.", "[A page](missing.md)", "[The glossary](/glossary.md)",
              "[Home](index.md)", "[Stories](narratives/index.md)"]
KIND_FILES = {"narrative": "content/narratives/{}.md", "person": "content/people/{}.yml",
              "program": "content/programs/{}.yml"}

edge_body = st.lists(st.one_of(
    st.sampled_from(INVISIBLE),
    st.builds(str.format, st.sampled_from(USES), st.sampled_from(ADDRESSES)),
    st.sampled_from(["Plain words. ", "\n\n", "## Part\n\n", "ISBN 978-3-16-148410-0 ",
                     "1998-2003 ", "<a ", "[a](", "*[A]: b\n"]),
    st.text(max_size=8)), max_size=6).map("".join)


def entry_text(kind: str, date: dt.date, body: str) -> str:
    if kind == "person":
        return "name: Edge Case\nroles: [librarian]\ncareer_stage: early-career\n" \
               "visibility: public\nconsent:\n  naming: named\n  given: 2025-01-10\n"
    if kind == "program":
        return PROGRAM + f"deadlines:\n  - label: Apply\n    date: {date.isoformat()}\n"
    return NARRATIVE_ANA.replace("date: 2025-02-01", f"date: {date.isoformat()}") + body


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def agreeing_site(tmp_path_factory) -> Iterator[tuple[Path, list[str]]]:
    """The fixture site, and the names its plan gives pages and folders (``index``, ``page``,
    ``contributors``...): the ids most likely to collide."""
    root = tmp_path_factory.mktemp("agree")
    for rel, text in {**base_files(), "mkdocs.yml": mkdocs_yml()}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    catalog, _ = check_content(root / "content", today=TODAY)
    outputs = generated_outputs(catalog)
    names = {path.rstrip("/").split("/")[-1].split(".")[0]
             for path in [*outputs.pages, *outputs.folders]}
    names |= {path.split("/")[-2] for path in outputs.pages if path.endswith("/index.html")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        yield root, sorted(names)


def check_and_build(root: Path) -> tuple[int, list[str], list[str], bool, list[str]]:
    """`commons check` (exit code, errors, warnings) and a strict build (built?, its lines)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["check", "content", "--today", TODAY.isoformat()])
    lines = out.getvalue().splitlines()
    errors = [line for line in lines if ": error: " in line]
    warnings = [line for line in lines if ": warning: " in line]
    handler = _Lines()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
            built = True
        except Abort:
            built = False
        finally:
            config.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return code, errors, warnings, built, [r.getMessage() for r in handler.records]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), kind=st.sampled_from(sorted(KIND_FILES)),
       date=st.one_of(st.sampled_from(EDGE_DATES), st.dates()), body=edge_body,
       page=st.one_of(st.none(), st.none(), st.sampled_from(PAGE_PATHS)))
def test_check_and_build_agree_near_the_edges(agreeing_site, data, kind, date, body, page):
    """An entry with an edge id, date and body (and perhaps a page at an edge path): `commons
    check` and a strict build either both refuse, with the same lines, or the build succeeds
    and publishes nothing invisible or fetched from elsewhere; never a traceback."""
    root, plan_names = agreeing_site
    entry_id = data.draw(st.one_of(st.sampled_from(plan_names), st.sampled_from(EDGE_IDS),
                                   st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True)), "id")
    added = [root / KIND_FILES[kind].format(entry_id)]
    if page is not None:
        added.append(root / "content" / "pages" / page)
    try:
        added[0].write_text(entry_text(kind, date, body), encoding="utf-8")
        if page is not None:
            added[1].parent.mkdir(parents=True, exist_ok=True)
            if page.endswith(".md"):
                words = data.draw(st.sampled_from(PAGE_WORDS), "page text")
                added[1].write_text(f"---\ntitle: Mine\n---\n# Mine\n\n{words}\n",
                                    encoding="utf-8")
            else:
                added[1].write_bytes(b"\x89PNG\r\n\x1a\n")
        with contextlib.chdir(root):
            code, errors, warnings, built, logged = check_and_build(root)
    finally:
        for path in added:
            path.unlink(missing_ok=True)
    event("refused" if errors else "warned" if warnings else "built")
    # No traceback reached here (an exception other than Abort fails the test), and:
    if errors:  # the check refused: so does the build, with the same lines, before writing
        assert code == 1 and not built
        assert [line for line in logged if ": error: " in line] == errors
    elif warnings:  # the check refused (it exits 1 on warnings): so does the strict build
        assert code == 1 and not built, warnings
    else:  # a clean check: the build succeeds, and what it wrote is neutral
        assert code == 0 and built, logged
        site_dir = root / "site"
        assert invisible_in_output(site_dir) == []
        for page_file in site_dir.rglob("*.html"):
            text = page_file.read_text(encoding="utf-8")
            assert not re.search(r'<(img|audio|source)[^>]*\s(src|srcset)="(https?:)?//', text)
            assert "user:pw@" not in text
