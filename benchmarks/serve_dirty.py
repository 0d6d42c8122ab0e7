"""Time one edit under ``mkdocs serve --dirty`` alone, without the rest of the benchmark:

    python benchmarks/serve_dirty.py 10000

Writes the seeded corpus of that size to a temporary folder, starts ``mkdocs serve --dirty``,
appends a sentence to a published narrative and prints, as JSON, how long the first build took
and how long until the served page showed the edit (see measure.serve_rebuild).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import measure  # noqa: E402


def main(argv: list[str]) -> int:
    if not argv or not argv[0].isdigit():
        print(__doc__, file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="commons-serve-"))
    try:
        written = corpus.write_corpus(work / "site", int(argv[0]))
        narrative = written.published_narrative()
        print(json.dumps(measure.serve_rebuild(work / "site", narrative, dirty=True)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
