"""Every class of validation error: its message, file and line; all reported in one run."""

from __future__ import annotations

import datetime as dt

from conftest import PERSON_ANA, base_files
from mentoring_commons.core.check.validate import check_content


def check(site):
    _, report = check_content("content", today=dt.date(2026, 6, 1))
    return [str(d) for d in report.sorted()]


def only_errors(lines):
    return [line for line in lines if ": error: " in line]


def test_base_fixture_is_clean(make_site):
    make_site()
    assert check(None) == []


def test_wrong_type_names_the_field_line(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("roles: [librarian]",
                                                           "roles:\n  nested: value")})
    assert only_errors(check(None)) == [
        "content/people/ana.yml:4:3: error: expected a list, found a mapping (key: value lines)."
    ]


def test_missing_required_field(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("career_stage: early-career\n", "")})
    (line,) = only_errors(check(None))
    assert line.startswith("content/people/ana.yml:1:1: error: missing required field "
                           "'career_stage'")


def test_unknown_field_suggests_the_right_one(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("pronouns:", "pronoun:")})
    (line,) = only_errors(check(None))
    assert line.startswith("content/people/ana.yml:2:1: error: unknown field 'pronoun': "
                           "did you mean 'pronouns'?")


def test_value_outside_vocabulary_lists_allowed_values(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("career_stage: early-career",
                                                           "career_stage: early")})
    (line,) = only_errors(check(None))
    assert line == (
        "content/people/ana.yml:4:15: error: 'early' is not in the career_stages vocabulary: "
        "did you mean 'early-career'? allowed values are early-career, mid-career. "
        "(new values are added in vocabularies.yml)."
    )


def test_fixed_choice_lists_allowed_values(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("visibility: public",
                                                           "visibility: secret")})
    (line,) = only_errors(check(None))
    assert line.startswith("content/people/ana.yml:8:13: error: 'secret' is not allowed here")
    assert "public, internal" in line


def test_bad_date(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("given: 2025-01-10",
                                                           "given: 10/01/2025")})
    (line,) = only_errors(check(None))
    assert line == ("content/people/ana.yml:11:10: error: '10/01/2025' is not a date: "
                    "write YYYY-MM-DD, e.g. 2024-05-01.")


def test_impossible_date(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("given: 2025-01-10",
                                                           "given: 2025-02-30")})
    (line,) = only_errors(check(None))
    assert line.startswith("content/people/ana.yml:11:10: error: '2025-02-30' is not a real date")


def test_bad_url(make_site):
    program = base_files()["content/programs/lunch-club.yml"]
    make_site({"content/programs/lunch-club.yml": program.replace(
        "https://example.org/lunch-club", "example.org/lunch-club")})
    (line,) = only_errors(check(None))
    assert line == ("content/programs/lunch-club.yml:2:6: error: 'example.org/lunch-club' is "
                    "not a web address: it must start with https:// (or http://).")


def test_duplicate_id_in_a_mapping_file(make_site):
    glossary = base_files()["content/glossary.yml"]
    make_site({"content/glossary.yml": glossary + glossary})
    (line,) = only_errors(check(None))
    assert line == ("content/glossary.yml:6:1: error: duplicate key 'peer-mentoring': it is "
                    "already set on line 1; keep one of the two.")


def test_unknown_reference_suggests_the_closest_id(make_site):
    narrative = base_files()["content/narratives/ana-finding-my-people.md"]
    make_site({"content/narratives/ana-finding-my-people.md":
               narrative.replace("person: ben", "person: benn")})
    (line,) = only_errors(check(None))
    assert line == ("content/narratives/ana-finding-my-people.md:10:13: error: unknown person "
                    "'benn': did you mean 'ben'? no such id in content/people/.")


def test_unknown_program_reference_and_reference_id(make_site):
    narrative = base_files()["content/narratives/ana-finding-my-people.md"]
    make_site({"content/narratives/ana-finding-my-people.md": narrative
               .replace("programs: [lunch-club]", "programs: [lunch-clubs]")
               .replace("source: smith-2020", "source: smyth-2020")})
    lines = only_errors(check(None))
    assert lines == [
        "content/narratives/ana-finding-my-people.md:8:12: error: unknown program 'lunch-clubs': "
        "did you mean 'lunch-club'? no such id in content/programs/.",
        "content/narratives/ana-finding-my-people.md:13:9: error: unknown reference "
        "'smyth-2020': did you mean 'smith-2020'? no such id in references.yml.",
    ]


def test_malformed_yaml(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("roles: [librarian]",
                                                           "roles: [librarian")})
    (line,) = only_errors(check(None))
    assert line.startswith("content/people/ana.yml:")
    assert "malformed YAML" in line


def test_malformed_front_matter(make_site):
    narrative = base_files()["content/narratives/ana-finding-my-people.md"]
    make_site({"content/narratives/ana-finding-my-people.md": narrative.replace("---\nAna", "Ana")})
    lines = only_errors(check(None))
    assert lines[0] == ("content/narratives/ana-finding-my-people.md:1:1: error: front matter "
                        "is not closed: add a line '---' after the last field.")


def test_missing_front_matter(make_site):
    make_site({"content/narratives/ana-finding-my-people.md": "Just a story.\n"})
    lines = only_errors(check(None))
    assert lines[0].startswith("content/narratives/ana-finding-my-people.md:1:1: error: "
                               "missing front matter")


def test_file_in_the_wrong_place_is_not_dropped_silently(make_site):
    make_site({"content/narrative/ana.md": "---\ntitle: x\n---\n"})
    (line,) = only_errors(check(None))
    assert line.startswith("content/narrative/ana.md:1:1: error: this file is not part of the "
                           "content model. Did you mean 'narratives'?")


def test_consent_or_published_basis_is_required(make_site):
    make_site({"content/people/ana.yml": PERSON_ANA.split("consent:")[0]})
    (line,) = only_errors(check(None))
    assert line.startswith("content/people/ana.yml:1:1: error: no consent recorded")


def test_every_problem_in_one_run_sorted_by_file_and_line(make_site):
    make_site({
        "content/people/ana.yml": PERSON_ANA.replace("pronouns:", "pronoun:")
                                            .replace("given: 2025-01-10", "given: soon"),
        "content/programs/lunch-club.yml": base_files()["content/programs/lunch-club.yml"]
            .replace("scope: local", "scope: galactic"),
    })
    lines = only_errors(check(None))
    assert [line.split(": error")[0] for line in lines] == [
        "content/people/ana.yml:2:1",
        "content/people/ana.yml:11:10",
        "content/programs/lunch-club.yml:6:8",
    ]


def test_broken_person_file_does_not_cascade_into_unknown_person_errors(make_site):
    make_site({"content/people/ben.yml": "name: [not, text]\n"})
    lines = only_errors(check(None))
    assert lines and all(line.startswith("content/people/ben.yml") for line in lines)


def test_contact_details_in_a_body_are_errors_unless_allowed(make_site):
    narrative = base_files()["content/narratives/ana-finding-my-people.md"]
    body = narrative + "\nWrite to ana@example.org or call +1 (555) 123-4567.\n"
    make_site({"content/narratives/ana-finding-my-people.md": body})
    lines = only_errors(check(None))
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "the text contains an e-mail address", "the text contains a phone number"]
    assert all(line.startswith("content/narratives/ana-finding-my-people.md:25:") for line in lines)

    allowed = body.replace("visibility: public", "visibility: public\nallow_contact_details: true")
    make_site({"content/narratives/ana-finding-my-people.md": allowed})
    assert only_errors(check(None)) == []


def test_expired_review_date_is_a_notice(make_site):
    """The entry is held back automatically: a notice, which fails neither the check nor a
    strict build (a failed build would leave the entry on the last published site)."""
    make_site({"content/people/ben.yml": base_files()["content/people/ben.yml"]
               .replace("given: 2025-01-10", "given: 2025-01-10\n  review_by: 2026-01-01")})
    lines = check(None)
    assert any(line.startswith("content/people/ben.yml:8:14: notice: consent was due for review")
               for line in lines)
