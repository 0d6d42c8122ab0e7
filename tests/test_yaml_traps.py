"""YAML's traps: duplicate keys, anchors, YAML 1.1 typing, tags, odd bytes and line ends.

Every test asserts the located message (file, line, column, key phrase) or the value kept."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from conftest import NARRATIVE_ANA, PERSON_ANA, REFERENCES
from mentoring_commons.cli import main
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.source import yamlnodes
from mentoring_commons.core.source.diagnostics import Report
from mentoring_commons.core.source.sourcefiles import Limits

PERSON = "content/people/ana.yml"
NARRATIVE = "content/narratives/ana-finding-my-people.md"


def check(limits: Limits | None = None):
    catalog, report = check_content("content", today=dt.date(2026, 6, 1), limits=limits)
    return catalog, [str(d) for d in report.sorted()]


def errors(limits: Limits | None = None) -> list[str]:
    return [line for line in check(limits)[1] if ": error: " in line]


def person(**replace: str) -> str:
    """PERSON_ANA with each ``old=new`` replacement made (each ``old`` must be there)."""
    text = PERSON_ANA
    for old, new in replace.items():
        text = edit(text, old, new)
    return text


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


# -- duplicate keys, anchors and aliases ----------------------------------------------------------


def test_duplicate_key_names_both_lines(make_site):
    make_site({PERSON: PERSON_ANA + "name: Ana Other\n"})
    assert errors() == [
        f"{PERSON}:12:1: error: duplicate key 'name': it is already set on line 1; "
        "keep one of the two."
    ]


def test_duplicate_key_inside_a_nested_mapping(make_site):
    make_site({PERSON: edit(PERSON_ANA, "  given: 2025-01-10\n",
                            "  given: 2025-01-10\n  naming: anonymous\n")})
    assert errors() == [
        f"{PERSON}:12:3: error: duplicate key 'naming': it is already set on line 10; "
        "keep one of the two."
    ]


def test_anchor_and_alias_are_refused_where_written(make_site):
    make_site({PERSON: edit(PERSON_ANA, "bio: Ana is an instruction librarian.\n",
                            "bio: &bio Ana is an instruction librarian.\ninstitution: *bio\n")})
    assert errors() == [
        f"{PERSON}:7:6: error: YAML anchors (&bio) are not allowed: remove it and write each "
        "value out in full.",
        f"{PERSON}:8:14: error: YAML aliases (*bio) are not allowed: write the value out in full.",
    ]


def test_an_anchor_alone_is_refused(make_site):
    make_site({PERSON: edit(PERSON_ANA, "roles: [librarian]", "roles: &r [librarian]")})
    assert errors() == [
        f"{PERSON}:3:8: error: YAML anchors (&r) are not allowed: remove it and write each "
        "value out in full."
    ]


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for index in range(1, levels):
        name, previous = chr(ord("a") + index), chr(ord("a") + index - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_fast_without_expanding(make_site):
    # Expanded, the last line would stand for 9**9 (387 million) strings.
    make_site({PERSON: billion_laughs()})
    start = time.perf_counter()
    found = errors()
    assert time.perf_counter() - start < 5
    assert found[0] == (f"{PERSON}:1:4: error: YAML anchors (&a) are not allowed: remove it "
                        "and write each value out in full.")
    assert found[2] == (f"{PERSON}:2:8: error: YAML aliases (*a) are not allowed: write the "
                        "value out in full.")
    # Nothing of the document was converted: only anchors and aliases are reported.
    assert all("YAML anchors" in line or "YAML aliases" in line for line in found)
    assert len(found) == 9 + 8 * 9


def test_the_converter_still_refuses_an_alias_if_the_event_scan_missed_it(monkeypatch):
    # The backstop: a node composed twice is an alias; it is refused before it is walked.
    # (Composed nodes keep no position of the alias itself, so it is shown at the anchor.)
    monkeypatch.setattr(yamlnodes, "_anchors_and_aliases", lambda text, offset: [])
    report = Report()
    start = time.perf_counter()
    root = yamlnodes.parse_yaml(billion_laughs(), "laughs.yml", report)
    assert time.perf_counter() - start < 5
    assert isinstance(root, yamlnodes.Map)
    assert [key.value for key, _ in root.items] == list("abcdefghi")
    assert [str(d) for d in report.sorted()] == [
        f"laughs.yml:{line}:4: error: YAML aliases (*name) are not allowed: write the value out "
        "in full."
        for line in range(1, 9)
    ]


# -- YAML 1.1 typing: the field decides, never the parser ----------------------------------------


def test_yes_no_on_off_stay_text_in_text_fields(make_site):
    make_site({PERSON: person(**{
        "pronouns: she/her": "pronouns: no",
        "bio: Ana is an instruction librarian.": "bio: on",
        "interests: [instruction]": "interests: [yes, off, Y, NO]",
    })})
    catalog, lines = check()
    assert lines == []
    ana = catalog.people["ana"]
    assert (ana.pronouns, ana.bio, ana.interests) == ("no", "on", ("yes", "off", "Y", "NO"))


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "True", "1", "'true'"])
def test_boolean_field_takes_only_true_or_false(make_site, value):
    make_site({NARRATIVE: edit(NARRATIVE_ANA, "visibility: public\n",
                               f"visibility: public\nallow_contact_details: {value}\n")})
    shown = value.strip("'")
    assert errors() == [
        f"{NARRATIVE}:15:24: error: expected true or false, found {shown!r}."
    ]


def test_boolean_field_accepts_true(make_site):
    make_site({NARRATIVE: edit(NARRATIVE_ANA, "visibility: public\n",
                               "visibility: public\nallow_contact_details: true\n")})
    catalog, lines = check()
    assert lines == []
    assert catalog.narratives["ana-finding-my-people"].allow_contact_details is True


def test_leading_zero_in_an_integer_field_is_an_error(make_site):
    make_site({"content/references.yml": edit(REFERENCES, "year: 2020", "year: 0755")})
    assert errors() == [
        "content/references.yml:5:9: error: expected a whole number from 1800 to 2100 written "
        "with digits and no leading zero, found '0755'."
    ]


def test_octal_float_and_date_lookalikes_stay_text_in_text_fields(make_site):
    make_site({
        "content/references.yml": edit(REFERENCES, "container: Journal of Examples",
                                       "volume: 0755\n  issue: 1.10\n  pages: 2021-12-03"),
        PERSON: person(**{"interests: [instruction]": "interests: [2021-12-03, 1e3, 0x1F]"}),
    })
    catalog, lines = check()
    assert lines == []
    smith = catalog.references["smith-2020"]
    assert (smith.volume, smith.issue, smith.pages) == ("0755", "1.10", "2021-12-03")
    assert catalog.people["ana"].interests == ("2021-12-03", "1e3", "0x1F")


def test_huge_integer_is_reported_with_its_line(make_site):
    make_site({"content/references.yml": edit(REFERENCES, "year: 2020",
                                              "year: 99999999999999999999")})
    assert errors() == [
        "content/references.yml:5:9: error: expected a whole number from 1800 to 2100 written "
        "with digits and no leading zero, found '99999999999999999999'."
    ]


def test_impossible_date_is_reported_with_its_line(make_site):
    make_site({PERSON: person(**{"given: 2025-01-10": "given: 2021-02-30"})})
    assert errors() == [
        f"{PERSON}:11:10: error: '2021-02-30' is not a real date (day is out of range for month)."
    ]


def test_block_of_text_where_a_list_goes_is_one_line_of_output(make_site):
    make_site({PERSON: person(**{"roles: [librarian]": "roles: |\n  librarian\n  mentor"})})
    assert errors() == [
        f"{PERSON}:3:8: error: expected a list, found the text 'librarian\\nmentor\\n'."
    ]


# -- tags ----------------------------------------------------------------------------------------


def test_python_and_binary_tags_are_refused(make_site, tmp_path):
    marker = tmp_path / "pwned"
    make_site({PERSON: person(**{
        "pronouns: she/her": "pronouns: !!binary aGVsbG8=",
        "bio: Ana is an instruction librarian.":
            f'bio: !!python/object/apply:os.system ["touch {marker}"]',
    })})
    assert errors() == [
        f"{PERSON}:2:11: error: the YAML tag '!!binary' is not allowed: remove it and write a "
        "plain value.",
        f"{PERSON}:7:6: error: the YAML tag '!!python/object/apply:os.system' is not allowed: "
        "remove it and write a plain value.",
    ]
    assert not marker.exists()


def test_custom_tag_is_refused(make_site):
    make_site({PERSON: person(**{"pronouns: she/her": "pronouns: !env HOME"})})
    assert errors() == [
        f"{PERSON}:2:11: error: the YAML tag '!env' is not allowed: remove it and write a "
        "plain value."
    ]


# -- depth, bytes, characters and line ends ------------------------------------------------------


def test_deep_block_nesting_is_reported_with_a_line(make_site):
    nested = "".join("  " * (i + 1) + f"k{i}:\n" for i in range(200))
    make_site({PERSON: person(**{"bio: Ana is an instruction librarian.\n": "bio:\n" + nested})})
    # bio's mapping (line 8) is level 1; k31 on line 39 is the first value 33 levels deep.
    assert errors() == [
        f"{PERSON}:8:3: error: expected text, found a mapping (key: value lines).",
        f"{PERSON}:39:65: error: values are nested more than 32 levels deep.",
    ]


@pytest.mark.parametrize(("depth", "expected"), [
    (200, ["12:9: error: expected text, found a list.",
           "12:40: error: values are nested more than 32 levels deep."]),
    # libyaml stops at 1,000 levels, before any recursion of ours could.
    (5000, ["12:1007: error: malformed YAML: exceeded maximum nesting depth (while increasing "
            "flow level)"]),
])
def test_deep_flow_nesting_is_reported_without_a_traceback(make_site, depth, expected):
    make_site({PERSON: PERSON_ANA + "areas: " + "[" * depth + "]" * depth + "\n"})
    assert errors() == [f"{PERSON}:{line}" for line in expected]


def test_bytes_that_are_not_utf8_are_reported_at_their_line(make_site):
    make_site({PERSON: person(**{"Ana is an": "Ana is a café"}).encode("latin-1")})
    assert errors() == [
        f"{PERSON}:7:18: error: the file is not valid UTF-8 (byte 0xe9): save it as UTF-8."
    ]


@pytest.mark.parametrize(("old", "new", "line"), [
    ("  naming: named", "\tnaming: named", 10),
    ("roles: [librarian]", "roles:\n\t- librarian", 4),
    ("consent:\n  naming: named\n", "consent:\n  naming: named\n  \t\n", 11),
])
def test_tabs_get_the_hint_about_spaces(make_site, old, new, line):
    make_site({PERSON: edit(PERSON_ANA, old, new)})
    (found,) = errors()
    assert found.startswith(f"{PERSON}:{line}:")
    assert found.endswith("hint: YAML indents with spaces, not tabs: replace the tab characters "
                          "with spaces.")


def test_control_character_is_reported_at_its_line(make_site):
    make_site({PERSON: person(**{"Ana is an": "Ana is\x0c an"})})
    assert errors() == [
        f"{PERSON}:7:12: error: the control character U+000C is not allowed in YAML: delete it."
    ]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separator_cannot_shift_line_numbers(make_site, separator):
    # YAML would count it as a line break, so every later line would be reported one too low.
    make_site({NARRATIVE: edit(NARRATIVE_ANA, "summary: How Ana", f'summary: "How{separator}Ana')
               .replace("first year.\n", 'first year."\n', 1)})
    assert errors() == [
        f"{NARRATIVE}:4:14: error: the invisible line separator U+{ord(separator):04X} is not "
        "allowed: YAML reads it as a line break. Delete it or replace it with a space."
    ]


def test_byte_order_mark_and_crlf_are_accepted(make_site):
    make_site({
        PERSON: b"\xef\xbb\xbf" + PERSON_ANA.replace("\n", "\r\n").encode(),
        NARRATIVE: b"\xef\xbb\xbf" + NARRATIVE_ANA.replace("\n", "\r\n").encode(),
    })
    catalog, lines = check()
    assert lines == []
    assert catalog.people["ana"].name == "Ana Example"
    assert catalog.narratives["ana-finding-my-people"].body.startswith("Ana arrived")


def test_byte_order_mark_and_crlf_keep_line_numbers_right(make_site):
    person_text = person(**{"visibility: public": "visibility: secret"})
    narrative = edit(NARRATIVE_ANA, "a monthly lunch club", "a <iframe src=x></iframe> club")
    make_site({
        PERSON: b"\xef\xbb\xbf" + person_text.replace("\n", "\r\n").encode(),
        NARRATIVE: b"\xef\xbb\xbf" + narrative.replace("\n", "\r\n").encode(),
    })
    assert errors() == [
        f"{NARRATIVE}:23:30: error: a <iframe> element is not allowed: it could run code or "
        "load content from elsewhere. Remove it.",
        f"{PERSON}:8:13: error: 'secret' is not allowed here: allowed values are public, "
        "internal.",
    ]


def test_old_mac_line_ends_are_accepted_with_right_lines(make_site):
    make_site({PERSON: person(**{"visibility: public": "visibility: secret"})
               .replace("\n", "\r").encode()})
    assert errors() == [
        f"{PERSON}:8:13: error: 'secret' is not allowed here: allowed values are public, "
        "internal."
    ]


def test_error_at_the_end_of_a_file_without_a_final_newline_is_on_its_last_line(make_site):
    # libyaml places the end of such a file on a line after the last one.
    make_site({PERSON: PERSON_ANA.replace("roles: [librarian]\n", "").rstrip("\n")
               + "\nroles: [librarian"})
    assert errors() == [
        f"{PERSON}:11:18: error: malformed YAML: did not find expected ',' or ']' (while "
        "parsing a flow sequence)"
    ]


# -- size limits ---------------------------------------------------------------------------------


def test_markdown_over_the_size_limit_is_refused_before_parsing(make_site):
    # Broken YAML and a script that would be reported if the file were read at all.
    hostile = NARRATIVE_ANA.replace("forms: [peer, group]", "forms: [peer, group") + (
        "<script>alert(1)</script>\n" * 20)
    make_site({NARRATIVE: hostile})
    size = len(hostile.encode())
    found = errors(Limits(max_markdown_bytes=1000))
    assert found == [
        f"{NARRATIVE}:1:1: error: file is {size:,} bytes; the limit is 1,000. Split it into "
        "smaller entries, or ask a maintainer to raise the limit."
    ]


def test_yaml_over_the_default_size_limit_is_refused_before_parsing(make_site):
    big = billion_laughs() + "# padding\n" * 60_000
    make_site({PERSON: big})
    assert errors() == [
        f"{PERSON}:1:1: error: file is {len(big):,} bytes; the limit is 524,288. Split it into "
        "smaller entries, or ask a maintainer to raise the limit."
    ]


# -- the command line ----------------------------------------------------------------------------


def test_cli_reports_yaml_traps_and_exits_1(make_site, capsys):
    make_site({
        PERSON: PERSON_ANA + "name: Ana Other\n",
        NARRATIVE: edit(NARRATIVE_ANA, "visibility: public\n",
                        "visibility: public\nallow_contact_details: yes\n"),
        "content/references.yml": edit(REFERENCES, "year: 2020", "year: 0755"),
    })
    assert main(["check", "content", "--today", "2026-06-01"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{NARRATIVE}:15:24: error: expected true or false, found 'yes'.",
        f"{PERSON}:12:1: error: duplicate key 'name': it is already set on line 1; "
        "keep one of the two.",
        "content/references.yml:5:9: error: expected a whole number from 1800 to 2100 written "
        "with digits and no leading zero, found '0755'.",
    ]
    assert err.strip() == "3 errors, 0 warnings in content"

