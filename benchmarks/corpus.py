"""A synthetic, seeded corpus for the scale benchmark, and the plain-Markdown site it is
compared with.

``write_corpus(dest, size)`` copies the repository's real content (vocabularies, glossary,
references, paths, pages and the real entries), ``mkdocs.yml`` and ``theme/`` into ``dest`` and
adds, for ``size`` narratives: ``size // 5`` people, ``size // 20`` programs and ``size // 50``
recommendations. Bodies are 400-800 words drawn from a Zipf distribution over the real
content's words plus a long tail of invented ones, so a search index sees a realistic number
of distinct words. About one entry in twenty is withheld (internal, withdrawn, anonymous), so
the publishing boundary and the leak scan have real work to do.

``write_plain(dest, corpus)`` writes the baseline: the same number of pages as plain Markdown
with the same visible text and the same small nav, built by MkDocs + Material alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"
SEED = 7

# Index pages list this many entries per page (must match the site's pagination).
PER_PAGE = 50

_STOPWORDS = (
    "the a an and or but of to in on at for with from by as is was were be been it its that "
    "this these those i we you they she he her his our their my me us them who what when where "
    "how not no so if then than too very just also about into over after before during"
).split()
_FIRST = (
    "Ana Ben Carmen Dev Esi Farah Gil Hana Ivo Jun Kai Lena Malik Noor Omar Priya Quinn Rosa "
    "Sami Tariq Uma Vera Wen Xio Yara Zoe Aiko Bruno Chioma Dara Emeka Freya Goran Hiro Inez "
    "Jonah Kofi Lior Mina Nils Oona Pablo Rui Sade Teo Ulla Vik Wanjiru Yusuf Zan"
).split()
_SYLLABLES = (
    "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na "
    "ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za ze zi zo "
    "bra bre dri fro gra kle pla pro sta stri tra vla"
).split()


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


@dataclass
class Vocab:
    """Words for bodies: real words first (most frequent), then invented ones (the long tail)."""

    words: list[str]
    cumulative: list[float]

    @classmethod
    def build(cls, rng: random.Random, tail: int) -> Vocab:
        counts: dict[str, int] = {}
        for file in sorted((REPO / "content").rglob("*")):
            if file.suffix in (".md", ".yml") and file.is_file():
                for word in re.findall(r"[a-z][a-z']{2,}", file.read_text("utf-8").lower()):
                    counts[word] = counts.get(word, 0) + 1
        real = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                if w not in _STOPWORDS]
        seen = set(real)
        invented: list[str] = []
        while len(invented) < tail:
            word = _pseudo_word(rng, rng.choice((2, 3, 3, 4)))
            if word not in seen:
                seen.add(word)
                invented.append(word)
        words = real + invented
        weights = [1.0 / (rank + 10) ** 1.05 for rank in range(len(words))]
        return cls(words, list(itertools.accumulate(weights)))

    def word(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sentence(self, rng: random.Random, low: int = 8, high: int = 22) -> str:
        tokens = [rng.choice(_STOPWORDS) if rng.random() < 0.45 else self.word(rng)
                  for _ in range(rng.randint(low, high))]
        return tokens[0].capitalize() + " " + " ".join(tokens[1:]) + "."

    def text(self, rng: random.Random, words: int) -> str:
        out: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence(rng)
            out.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(out)

    def body(self, rng: random.Random, words: int) -> str:
        """Markdown with headings, paragraphs, a list and some emphasis."""
        parts: list[str] = []
        written = 0
        section = 0
        while written < words:
            if written and rng.random() < 0.3:
                section += 1
                parts.append("## " + self.sentence(rng, 2, 5).rstrip(".").title())
            if rng.random() < 0.12:
                items = [self.sentence(rng, 5, 12) for _ in range(rng.randint(3, 5))]
                parts.append("\n".join("- " + item for item in items))
                written += sum(i.count(" ") + 1 for i in items)
                continue
            paragraph = self.text(rng, rng.randint(50, 110))
            if rng.random() < 0.3:
                w = paragraph.split(" ")
                i = rng.randrange(1, len(w) - 2)
                w[i] = f"*{w[i]}*"
                paragraph = " ".join(w)
            written += paragraph.count(" ") + 1
            parts.append(textwrap.fill(paragraph, 100))
        return "\n\n".join(parts) + "\n"


@dataclass
class Corpus:
    """What was generated, for the plain baseline and for picking a narrative to edit."""

    root: Path
    size: int
    people: dict[str, dict] = field(default_factory=dict)
    narratives: dict[str, dict] = field(default_factory=dict)
    programs: dict[str, dict] = field(default_factory=dict)
    recommendations: dict[str, dict] = field(default_factory=dict)

    @property
    def content(self) -> Path:
        return self.root / "content"

    def published_narrative(self) -> str:
        """A narrative that is published (public, named, consent current)."""
        for nid, n in self.narratives.items():
            if n["visibility"] == "public" and n.get("consent", {}).get("naming") == "named":
                return nid
        raise LookupError("no published narrative")


def _vocabularies() -> dict[str, list[str]]:
    data = yaml.safe_load((REPO / "content/vocabularies.yml").read_text("utf-8"))
    return {name: list(terms) for name, terms in data.items()}


def _references() -> list[str]:
    return list(yaml.safe_load((REPO / "content/references.yml").read_text("utf-8")))


def _tolerate_nav(config: str) -> str:
    """A nav entry for a page still being written elsewhere must not fail the benchmark."""
    assert "    omitted_files: ignore\n" in config, "mkdocs.yml changed: update the benchmark"
    return config.replace("    omitted_files: ignore\n",
                          "    omitted_files: ignore\n    not_found: info\n")


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _date(rng: random.Random, start: int = 2005, end: int = 2025) -> dt.date:
    first, last = dt.date(start, 1, 1).toordinal(), dt.date(end, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(first, last))


def _zipf_choice(rng: random.Random, items: list[str], s: float = 0.8) -> str:
    # A gentle skew: a few programs and people appear much more often than most.
    weights = getattr(_zipf_choice, "_cache", {}).get((len(items), s))
    if weights is None:
        weights = list(itertools.accumulate(1 / (r + 1) ** s for r in range(len(items))))
        _zipf_choice._cache = {**getattr(_zipf_choice, "_cache", {}),  # type: ignore[attr-defined]
                               (len(items), s): weights}
    return items[bisect.bisect(weights, rng.random() * weights[-1])]


def write_corpus(dest: Path, size: int, seed: int = SEED) -> Corpus:
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "theme", dest / "theme")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    # Fix the date consent is compared with, so the same seed gives the same site every day.
    config = config.replace("edition: !ENV [COMMONS_EDITION, public]",
                            f'edition: public\n      today: "{TODAY}"')
    assert f'today: "{TODAY}"' in config, "mkdocs.yml changed: update the benchmark"
    # A site this size is configured as the plugin's documentation advises: Pagefind instead
    # of Material's search, whose one index every reader downloads whole (see the README).
    config = config.replace(f'today: "{TODAY}"', f'today: "{TODAY}"\n      pagefind: "on"')
    config = config.replace("\n  - search\n", "\n")
    assert "  - search\n" not in config, "mkdocs.yml changed: update the benchmark"
    config = _tolerate_nav(config)
    (dest / "mkdocs.yml").write_text(config, "utf-8")

    corpus = Corpus(dest, size)
    vocab = Vocab.build(rng, tail=60_000)
    vocabularies = _vocabularies()
    references = _references()
    today = dt.date.fromisoformat(TODAY)

    # -- people ----------------------------------------------------------------------------
    surnames: list[str] = []
    seen_surnames: set[str] = set()
    while len(surnames) < max(60, size // 20):
        name = _pseudo_word(rng, rng.choice((2, 3))).capitalize() + rng.choice(
            ("son", "ez", "ski", "ova", "ton", "ani", "ich", "berg", "ley", "ando"))
        if name not in seen_surnames:
            seen_surnames.add(name)
            surnames.append(name)
    names = [f"{f} {s}" for s, f in itertools.product(surnames, _FIRST)]
    rng.shuffle(names)
    people_ids: list[str] = []
    withheld_people: set[str] = set()
    for index in range(size // 5):
        name = names[index]
        pid = re.sub(r"[^a-z0-9]+", "-", name.lower()) + f"-{index}"
        roll = rng.random()
        person: dict = {
            "name": name,
            "roles": rng.sample(vocabularies["roles"], rng.randint(1, 2)),
            "career_stage": rng.choice(vocabularies["career_stages"]),
            "library_types": rng.sample(vocabularies["library_types"], rng.randint(1, 2)),
            "areas": list(dict.fromkeys(vocab.sentence(rng, 1, 3).rstrip(".").lower()
                                        for _ in range(2))),
            "interests": list(dict.fromkeys(vocab.sentence(rng, 1, 3).rstrip(".").lower()
                                            for _ in range(3))),
            "institution": f"{rng.choice(surnames)} {rng.choice(('University', 'Public'))} Library",
            "bio": vocab.text(rng, rng.randint(40, 70))[:590].rsplit(" ", 1)[0] + ".",
            "visibility": "internal" if roll < 0.02 else "public",
            "consent": {"naming": "anonymous" if 0.02 <= roll < 0.04 else "named",
                        "given": (today - dt.timedelta(days=rng.randint(30, 1500))).isoformat(),
                        "review_by": (today + dt.timedelta(days=rng.randint(60, 900))).isoformat()},
        }
        if roll < 0.04:
            withheld_people.add(pid)
        corpus.people[pid] = person
        people_ids.append(pid)
    public_people = [p for p in people_ids if p not in withheld_people]

    # -- programs --------------------------------------------------------------------------
    program_ids: list[str] = []
    for index in range(size // 20):
        name = (f"{rng.choice(surnames)} {rng.choice(('Library', 'Regional', 'State'))} "
                f"{rng.choice(('Mentoring Program', 'Residency', 'Fellowship', 'Peer Circle'))}")
        pid = re.sub(r"[^a-z0-9]+", "-", name.lower()) + f"-{index}"
        program: dict = {
            "name": f"{name} {index}",
            "url": f"https://example.org/programs/{pid}",
            "sponsor": f"{rng.choice(surnames)} Library Association",
            "kind": rng.choice(vocabularies["program_kinds"]),
            "audience": rng.sample(vocabularies["program_audiences"], rng.randint(1, 2)),
            "scope": rng.choice(("local", "regional", "national", "international")),
            "format": rng.choice(("in-person", "virtual", "hybrid")),
            "cost": rng.choice(("free", "membership", "paid", "funded", "varies")),
            "description": vocab.text(rng, 60)[:590].rsplit(" ", 1)[0] + ".",
            "last_checked": (today - dt.timedelta(days=rng.randint(1, 300))).isoformat(),
            "visibility": "public",
        }
        if rng.random() < 0.3:
            program["deadlines"] = [{"label": "Applications", "recurring": "each March"}]
        corpus.programs[pid] = program
        program_ids.append(pid)

    # -- narratives ------------------------------------------------------------------------
    titles: set[str] = set()
    narrative_ids: list[str] = []
    for index in range(size):
        author = _zipf_choice(rng, people_ids, 0.3)
        authors = [author]
        if rng.random() < 0.1:
            other = rng.choice(public_people)
            if other != author:
                authors.append(other)
        roll = rng.random()
        if any(a in withheld_people for a in authors):
            naming = "anonymous"  # a withheld author may only tell an anonymous story
        else:
            naming = ("named" if roll < 0.85 else "first-name" if roll < 0.92
                      else "pseudonym" if roll < 0.96 else "anonymous")
        while True:
            title = (f"{corpus.people[author]['name'].split()[0]}: "
                     f"{vocab.sentence(rng, 3, 8).rstrip('.')}")[:118]
            if title not in titles:
                titles.add(title)
                break
        nid = f"story-{index:05d}-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]
        nid = nid.rstrip("-")
        given = today - dt.timedelta(days=rng.randint(30, 1500))
        consent: dict = {"naming": naming, "given": given.isoformat(),
                         "review_by": (today + dt.timedelta(days=rng.randint(60, 900))).isoformat()}
        if naming == "pseudonym":
            consent["pseudonym"] = f"Member {index}"
        visibility = "public"
        withheld = rng.random()
        if withheld < 0.03:
            visibility = "internal"
        elif withheld < 0.05:
            consent["withdrawn"] = given.isoformat()
        relationships = []
        for other in rng.sample(people_ids, rng.choice((0, 1, 1, 2, 2, 3, 4))):
            if other in authors:
                continue
            rel: dict = {"person": other, "direction": rng.choice(("mentor", "mentee", "peer"))}
            if rng.random() < 0.5:
                rel["context"] = vocab.sentence(rng, 4, 12)[:190]
            relationships.append(rel)
        narrative: dict = {
            "title": title,
            "authors": authors,
            "summary": vocab.text(rng, rng.randint(25, 45))[:390].rsplit(" ", 1)[0] + ".",
            "date": _date(rng).isoformat(),
            "forms": rng.sample(vocabularies["mentoring_forms"], rng.randint(1, 3)),
            "topics": rng.sample(vocabularies["topics"], rng.randint(2, 5)),
            "programs": sorted({_zipf_choice(rng, program_ids)
                                for _ in range(rng.choice((0, 0, 1, 1, 1, 2)))}),
            "relationships": relationships,
            "visibility": visibility,
            "consent": consent,
        }
        if rng.random() < 0.02:
            narrative["source"] = rng.choice(references)
        if rng.random() < 0.1:
            narrative["content_notes"] = rng.sample(vocabularies["content_notes"], 1)
        body = vocab.body(rng, rng.randint(400, 800))
        corpus.narratives[nid] = {**narrative, "body": body}
        narrative_ids.append(nid)
        (dest / "content/narratives" / f"{nid}.md").write_text(
            "---\n" + _dump(narrative) + "---\n" + body, "utf-8")

    # -- recommendations --------------------------------------------------------------------
    for index in range(size // 50):
        title = f"{vocab.sentence(rng, 3, 7).rstrip('.')} {index}"[:118]
        rid = f"advice-{index:04d}-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:30]
        rid = rid.rstrip("-")
        rec: dict = {
            "title": title,
            "audience": rng.choice(vocabularies["recommendation_audiences"]),
            "theme": rng.choice(vocabularies["topics"]),
            "summary": vocab.text(rng, 35)[:390].rsplit(" ", 1)[0] + ".",
            "sources": rng.sample(references, rng.randint(1, 2)),
            "programs": rng.sample(program_ids, rng.randint(0, 2)),
            "narratives": rng.sample(narrative_ids, rng.randint(2, 8)),
            "visibility": "public",
        }
        body = vocab.body(rng, rng.randint(150, 300))
        corpus.recommendations[rid] = {**rec, "body": body}
        (dest / "content/recommendations" / f"{rid}.md").write_text(
            "---\n" + _dump(rec) + "---\n" + body, "utf-8")

    for pid, person in corpus.people.items():
        (dest / "content/people" / f"{pid}.yml").write_text(_dump(person), "utf-8")
    for pid, program in corpus.programs.items():
        (dest / "content/programs" / f"{pid}.yml").write_text(_dump(program), "utf-8")
    return corpus


# -- the plain baseline -------------------------------------------------------------------------

def _pages(items: list[str], per_page: int = PER_PAGE) -> list[list[str]]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def _listing(dest: Path, folder: str, title: str, lines: list[str]) -> None:
    """An index page and its numbered continuation pages, like the generated site's."""
    chunks = _pages(lines)
    for number, chunk in enumerate(chunks, start=1):
        rel = f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}.md"
        up = "../" * rel.count("/")
        nav = " · ".join(f"[{n}]({up}{folder}/" + ("index.md" if n == 1 else f"page/{n}.md") + ")"
                         for n in range(1, len(chunks) + 1)
                         if n in (1, len(chunks)) or abs(n - number) <= 2)
        body = "\n".join(line.replace("](", f"]({up}") for line in chunk)
        _write(dest / rel, f"# {title}\n\nPage {number} of {len(chunks)}.\n\n{body}\n\n{nav}\n")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def published_ids(content: Path) -> dict[str, set[str]]:
    """Ids each collection publishes, decided by the site's own publishing boundary."""
    from mentoring_commons.core.check.validate import check_content
    from mentoring_commons.core.publish.boundary import Edition, select

    today = dt.date.fromisoformat(TODAY)
    catalog, _ = check_content(content, today=today)
    cat = select(catalog, Edition("public", today)).catalog
    return {name: set(cat.collection(name)) for name in
            ("narratives", "people", "programs", "recommendations")}


def _published_entries(corpus: Corpus) -> dict[str, dict[str, dict]]:
    """Every entry our site publishes, by kind and id, as its file's data (``body`` added)."""
    entries: dict[str, dict[str, dict]] = {"narratives": {}, "people": {}, "programs": {},
                                          "recommendations": {}}
    published = published_ids(corpus.content)
    # Real entries are part of the generated site too; give them plain pages as well. Only
    # what our site publishes gets a page, so both sites have the same number of pages.
    for folder in entries:
        for file in sorted((corpus.content / folder).iterdir()):
            if file.stem not in published[folder]:
                continue
            text = file.read_text("utf-8")
            if file.suffix == ".md":
                _, front, body = text.split("---\n", 2)
                entries[folder][file.stem] = {**yaml.safe_load(front), "body": body}
            else:
                entries[folder][file.stem] = yaml.safe_load(text)
    return entries


def write_floor(dest: Path, corpus: Corpus) -> int:
    """The floor under any generator of this site: one page per published entry with the
    entry's own Markdown, the same theme, ``markdown_extensions`` and Material search, a
    two-entry nav, and nothing else (no listings, facets, map, feeds or exports). It answers
    "what does MkDocs itself cost for the pages it must render anyway"; returns the page count.
    """
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(REPO / "theme", dest / "theme")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"  # commons comes first.*?\n  - search", "  - search", config, flags=re.S)
    config = config.replace("docs_dir: content/pages", "docs_dir: docs")
    config = re.sub(r"\nnav:\n(  .*\n)+", "\nnav:\n  - Home: index.md\n"
                    "  - Narratives: narratives/index.md\n", config)
    config = _tolerate_nav(config.replace("strict: true", "strict: false"))
    assert "commons" not in config.split("plugins:")[1].split("markdown_extensions")[0]
    _write(dest / "mkdocs.yml", config)
    _write(docs / "index.md", "# Home\n")
    _write(docs / "narratives/index.md", "# Narratives\n")
    pages = 2
    for folder, records in _published_entries(corpus).items():
        for entry_id, record in records.items():
            title = record.get("title") or record.get("name") or entry_id
            text = record.get("body") or record.get("description") or record.get("bio") or ""
            _write(docs / f"{folder}/{entry_id}.md", f"# {title}\n\n{text}\n")
            pages += 1
    return pages


def write_plain(dest: Path, corpus: Corpus) -> None:
    """The same number of pages as plain Markdown, the same nav, no ``commons`` plugin."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(REPO / "theme", dest / "theme")
    config = (REPO / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"  # commons comes first.*?\n  - search", "  - search", config, flags=re.S)
    config = config.replace("docs_dir: content/pages", "docs_dir: docs")
    config = _tolerate_nav(config.replace("strict: true", "strict: false"))
    assert "commons" not in config.split("plugins:")[1].split("markdown_extensions")[0]
    _write(dest / "mkdocs.yml", config)
    shutil.copytree(corpus.content / "pages", docs)

    real = yaml.safe_load
    entries = _published_entries(corpus)

    def facts(record: dict, keys: tuple[str, ...]) -> str:
        return "\n".join(f"- **{k}**: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                         for k in keys if (v := record.get(k)))

    narratives = sorted(entries["narratives"].items(), key=lambda kv: str(kv[1]["date"]),
                        reverse=True)
    by_person: dict[str, list[str]] = {}
    for nid, n in narratives:
        for author in n["authors"]:
            by_person.setdefault(author, []).append(nid)
        people = entries["people"]
        rels = "\n".join(f"- [{people[r['person']]['name']}](../people/{r['person']}.md): "
                         f"{r['direction']}" for r in n.get("relationships", [])
                         if r["person"] in people)
        authors = ", ".join(f"[{people[a]['name']}](../people/{a}.md)" if a in people
                            else "A community member" for a in n["authors"])
        _write(docs / f"narratives/{nid}.md",
               f"# {n['title']}\n\nA story by {authors} · {n['date']}\n\n{n['summary']}\n\n"
               f"{facts(n, ('forms', 'topics', 'programs'))}\n\n{n.get('body', '')}\n\n"
               f"## Mentoring relationships in this story\n\n{rels}\n\n## Source\n\nShared.\n")
    _listing(docs, "narratives", "Narratives",
             [f"- [{n['title']}](narratives/{nid}.md) · {n['date']}\n\n    {n['summary']}"
              for nid, n in narratives])
    for pid, p in entries["people"].items():
        stories = "\n".join(f"- [{entries['narratives'][n]['title']}](../narratives/{n}.md)"
                            for n in by_person.get(pid, []))
        _write(docs / f"people/{pid}.md",
               f"# {p['name']}\n\n{p.get('bio', '')}\n\n"
               f"{facts(p, ('roles', 'career_stage', 'library_types', 'areas', 'interests'))}\n\n"
               f"## Narratives\n\n{stories}\n")
    _listing(docs, "people", "People",
             [f"- [{p['name']}](people/{pid}.md) · {p['career_stage']}"
              for pid, p in sorted(entries["people"].items())])
    for pid, p in entries["programs"].items():
        _write(docs / f"programs/{pid}.md",
               f"# {p['name']}\n\n{p['description']}\n\n"
               f"{facts(p, ('sponsor', 'kind', 'audience', 'scope', 'format', 'cost'))}\n")
    _listing(docs, "programs", "Programs and communities",
             [f"- [{p['name']}](programs/{pid}.md)\n\n    {p['description']}"
              for pid, p in sorted(entries["programs"].items())])
    for rid, r in entries["recommendations"].items():
        _write(docs / f"recommendations/{rid}.md",
               f"# {r['title']}\n\n{r['summary']}\n\n{r.get('body', '')}\n")
    _listing(docs, "recommendations", "Recommendations",
             [f"- [{r['title']}](recommendations/{rid}.md)\n\n    {r['summary']}"
              for rid, r in sorted(entries["recommendations"].items())])
    for file in sorted((corpus.content / "paths").iterdir()):
        _write(docs / f"paths/{file.stem}.md", f"# {real(file.read_text('utf-8'))['title']}\n")
    _write(docs / "paths/index.md", "# Onboarding paths\n")
    for rel, title in (("glossary.md", "Glossary"), ("references.md", "References"),
                       ("about/content-model.md", "The content model"),
                       ("about/vocabularies.md", "Vocabularies")):
        _write(docs / rel, f"# {title}\n")


class _Article(HTMLParser):
    """The main text of a built page as simple Markdown: headings, list items, paragraphs."""

    BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "pre"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if self.depth and tag in self.BLOCKS:
            self._flush()
            self.tag = tag

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in self.BLOCKS:
            self._flush()
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split()).replace("[", "(").replace("]", ")")
        self.current = []
        if not text:
            return
        if self.tag.startswith("h") and self.tag[1:].isdigit():
            self.blocks.append("#" * int(self.tag[1:]) + " " + text)
        elif self.tag == "li":
            self.blocks.append("- " + text)
        else:
            self.blocks.append(text)


def mirror_missing_pages(plain: Path, built: Path) -> int:
    """Give the plain site a page for every page of the built site it lacks (facet listings,
    the map, tools...), with the same main text, so both sites have the same pages."""
    docs = plain / "docs"
    have = {_page_of(p.relative_to(docs)) for p in docs.rglob("*.md")}
    added = 0
    for page in sorted(built.rglob("*.html")):
        rel = page.relative_to(built)
        if rel.parts[0] in ("assets", "search") or rel.name == "404.html" or rel in have:
            continue
        parser = _Article()
        parser.feed(page.read_text("utf-8"))
        parser._flush()
        target = docs / (rel.parent if rel.name == "index.html" else rel.with_suffix(""))
        target = target.with_suffix(".md") if str(target) != str(docs) else docs / "index.md"
        _write(target, "\n\n".join(parser.blocks or ["# Page"]) + "\n")
        added += 1
    return added


def _page_of(md: Path) -> Path:
    """Where MkDocs writes the page built from ``md`` (directory URLs)."""
    if md.name in ("index.md", "README.md"):
        return md.parent / "index.html"
    return md.with_suffix("") / "index.html"
