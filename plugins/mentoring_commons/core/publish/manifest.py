"""The build manifest: every published entry, its basis for publishing, and a hash of its page.

It lists published entries only; even a count of withheld ones would say something about them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .boundary import Published


def _basis(record: Any) -> dict[str, Any]:
    consent = getattr(record, "consent", None)
    published = getattr(record, "published", None)
    if consent is not None:
        return {"basis": "consent", "naming": consent.naming, "given": consent.given.isoformat(),
                "review_by": consent.review_by.isoformat() if consent.review_by else None}
    if published is not None:
        return {"basis": "published", "reference": published.reference,
                "licence": published.licence}
    return {"basis": "not about a person"}


def build_manifest(
    published: Published, site_dir: Path, page_files: dict[tuple[str, str], str]
) -> dict[str, Any]:
    """``page_files`` maps (collection, id) to the path of that entry's page in ``site_dir``."""
    cat = published.catalog
    entries = []
    for collection in ("people", "narratives", "programs", "recommendations", "paths"):
        for entry_id, record in cat.collection(collection).items():
            item: dict[str, Any] = {"collection": collection, "id": entry_id, **_basis(record)}
            if collection == "programs":
                item["last_checked"] = (record.last_checked.isoformat()
                                        if record.last_checked else None)
            page = page_files.get((collection, entry_id))
            if page is not None and (site_dir / page).is_file():
                item["page"] = page
                item["sha256"] = hashlib.sha256((site_dir / page).read_bytes()).hexdigest()
            entries.append(item)
    return {
        "edition": published.edition.name,
        "entries": entries,
    }


def render_manifest(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
