#!/usr/bin/env python3
"""Writes COUNT small synthetic .crate files into DIR, for `wharf import` at scale (issue #17).

  python3 bench/synthetic_crates.py DIR COUNT

Names and descriptions are bench/search.py's synthetic crates; each file has a Cargo.toml with a
description and a licence, and a lib.rs of 3-30 small functions (1-3 KB gzip'd). Deterministic.
Standard library only.
"""

import gzip
import io
import os
import random
import sys
import tarfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import search  # noqa: E402


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    rng = random.Random(3)
    for row in search.synthetic_crates(count):
        name, version = row["name"], f"0.{rng.randint(1, 9)}.{rng.randint(0, 20)}"
        manifest = (
            f'[package]\nname = "{name}"\nversion = "{version}"\nedition = "2021"\n'
            f'description = "{row["description"][:80]}"\nlicense = "MIT OR Apache-2.0"\n'
        )
        lib = "".join(
            f"/// Adds {k}.\npub fn add_{k}(x: u64) -> u64 {{\n    x.wrapping_add({k})\n}}\n\n"
            for k in range(rng.randint(3, 30))
        )
        archive = io.BytesIO()
        with tarfile.open(fileobj=archive, mode="w") as tar:
            for path, body in (
                (f"{name}-{version}/Cargo.toml", manifest),
                (f"{name}-{version}/src/lib.rs", lib),
            ):
                data = body.encode()
                info = tarfile.TarInfo(path)
                info.size, info.mode = len(data), 0o644
                tar.addfile(info, io.BytesIO(data))
        with open(os.path.join(out, f"{name}-{version}.crate"), "wb") as f:
            f.write(gzip.compress(archive.getvalue(), mtime=0))


if __name__ == "__main__":
    main()
