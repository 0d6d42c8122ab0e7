"""Time edits under ``mkdocs serve --dirty`` alone, without the rest of the benchmark:

    python benchmarks/serve_dirty.py 10000 [--edits 5]

Writes the seeded corpus of that size to a temporary folder, starts ``mkdocs serve --dirty``,
appends a sentence to a published narrative (``--edits`` times, a few seconds apart) and prints,
as JSON, how long the first build took and how long until the served page showed each edit,
with their median (see measure.serve_rebuild).
"""

from __future__ import annotations

import argparse
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of narratives")
    parser.add_argument("--edits", type=int, default=5, help="edits to time (default: 5)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="commons-serve-"))
    try:
        written = corpus.write_corpus(work / "site", args.size)
        narrative = written.published_narrative()
        print(json.dumps(measure.serve_rebuild(work / "site", narrative, dirty=True,
                                               edits=args.edits)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
