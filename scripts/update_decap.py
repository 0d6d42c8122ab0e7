#!/usr/bin/env python3
"""Vendor a pinned Decap CMS release into the plugin (the web editor at /admin/, issue 18).

    python3 scripts/update_decap.py            # re-vendor the pinned version (VERSION)
    python3 scripts/update_decap.py 3.17.0     # move the pin to another version
    python3 scripts/update_decap.py --check    # verify the vendored files against SHA256SUMS

Fetches the npm package with `npm pack` (npm checks the registry's sha512 integrity), keeps the
browser bundle `dist/decap-cms.js`, the chunks it loads on demand (`*.decap-cms.js`) and the two
WebAssembly files they load, and writes SHA256SUMS over them. Left out: the same bundle again
under the name `cms.js`, and the source maps (60 MB). The plugin refuses to publish /admin/ if a
vendored file does not match SHA256SUMS.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = (Path(__file__).resolve().parents[1]
          / "plugins/mentoring_commons/mkdocs/editor/vendor/decap-cms")
SUMS = "SHA256SUMS"
KEPT_BY_HAND = {"LICENSE", "VERSION", SUMS, "README.md"}


def wanted(name: str) -> bool:
    return (name == "decap-cms.js" or name.endswith(".decap-cms.js") or name.endswith(".wasm")
            or name == "decap-cms.js.LICENSE.txt")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sums() -> None:
    lines = [f"{sha256(p)}  {p.name}\n" for p in sorted(VENDOR.iterdir())
             if p.name not in (SUMS, "README.md")]
    (VENDOR / SUMS).write_text("".join(lines), encoding="utf-8")


def check() -> int:
    bad = []
    listed = set()
    for line in (VENDOR / SUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed.add(name)
        path = VENDOR / name
        if not path.is_file() or sha256(path) != digest:
            bad.append(name)
    extra = sorted(p.name for p in VENDOR.iterdir() if p.name not in listed | {SUMS, "README.md"})
    for name in bad:
        print(f"{VENDOR / name}: error: missing or changed (not the file SHA256SUMS lists)")
    for name in extra:
        print(f"{VENDOR / name}: error: not listed in SHA256SUMS")
    return 1 if bad or extra else 0


def vendor(version: str) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"decap-cms@{version}", "--silent"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(Path(tmp).glob("decap-cms-*.tgz"))
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        package = json.loads((Path(tmp) / "package/package.json").read_text("utf-8"))
        if package.get("license") != "MIT":
            print(f"error: decap-cms {version} is licensed {package.get('license')!r}, not MIT: "
                  "check it before vendoring (LICENSE here is the MIT text)")
            return 1
        for path in VENDOR.iterdir():
            if path.name not in KEPT_BY_HAND:
                path.unlink()
        dist = Path(tmp) / "package/dist"
        for path in sorted(dist.iterdir()):
            if wanted(path.name):
                shutil.copyfile(path, VENDOR / path.name)
    (VENDOR / "VERSION").write_text(package["version"] + "\n", encoding="utf-8")
    write_sums()
    size = sum(p.stat().st_size for p in VENDOR.iterdir())
    print(f"vendored decap-cms {package['version']}: {size / 1e6:.1f} MB in {VENDOR}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        return check()
    version = argv[0] if argv else (VENDOR / "VERSION").read_text("utf-8").strip()
    return vendor(version)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
