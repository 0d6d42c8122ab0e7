"""Time each stage of the content core on one content folder, in a fresh process.

    python benchmarks/stages.py SITE_ROOT [--today YYYY-MM-DD]

Prints JSON: CPU seconds (steadier than wall time on a busy machine) for loading, each
check, the publishing boundary, backlinks, every page planner and every exporter (after one
render of every body, timed on its own, so exporters that render bodies show only their own
work), and the leak scan of ``SITE_ROOT/site`` when it has been built. Comparing sizes shows
which stage grows faster than the content does.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path


def main() -> int:
    root = Path(sys.argv[1])
    today = dt.date.fromisoformat(sys.argv[3] if len(sys.argv) > 3 else "2026-06-01")
    from mentoring_commons.core.check import checks, links
    from mentoring_commons.core.check.markup import MarkdownRenderer
    from mentoring_commons.core.load.loader import load_catalog
    from mentoring_commons.core.outputs import siteplan
    from mentoring_commons.core.publish.boundary import Edition, select
    from mentoring_commons.core.publish.leakscan import scan
    from mentoring_commons.core.site.data import build_site_data

    times: dict[str, float] = {}

    def timed(name, fn, *args):  # type: ignore[no-untyped-def]
        start = time.process_time()
        value = fn(*args)
        times[name] = round(time.process_time() - start, 4)
        return value

    catalog, report = timed("load", load_catalog, root / "content", None, None)
    timed("sort", catalog.sort)
    timed("check_links", links.check_links, catalog, report)
    timed("check_contact_details", checks.check_contact_details, catalog, report)
    renderer = MarkdownRenderer()
    timed("check_bodies", checks.check_bodies, catalog, report, renderer)
    published = timed("select", select, catalog, Edition("public", today), report)
    site = timed("site_data", build_site_data, published)
    bodies = [r.body for c in ("narratives", "recommendations")
              for r in published.catalog.collection(c).values()]
    timed("render_bodies", lambda: [renderer.render(b) for b in bodies])
    for planner in siteplan.PLANNERS:
        timed(f"plan:{planner.__name__}", planner, site)
    for exporter in siteplan.EXPORTERS:
        timed(f"export:{exporter.__name__}", exporter, site)
    built = root / "site"
    if built.is_dir():
        timed("leak_scan", scan, built, published.withheld)
    times["withheld"] = len(published.withheld)
    print(json.dumps(times))
    return 0


if __name__ == "__main__":
    sys.exit(main())
