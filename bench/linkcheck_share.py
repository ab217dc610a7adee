"""The link check's share of `make build` at N posts per language, in wall time.

Builds the synthetic bilingual blog (bench/synthetic.py) with the real config as `make build`
does, alternately with the check and without it (LINKCHECK=off), in groups of four (checked,
unchecked, unchecked, checked: the machine's drift falls on both sides alike). The first
build, which draws the sharing images, is left out. Prints each pair, the medians and means,
the check's share of the checked build, and the build's own line for its parts.

    python bench/linkcheck_share.py [--posts 1000] [--groups 4]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale import build
from bench.synthetic import generate

ORDER = (True, False, False, True)  # checked, unchecked, unchecked, checked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="linkcheck-share-") as temporary:
        root = Path(temporary)
        config = generate(root / "blog", args.posts)
        build(config, root / "site", strict=False)  # draws the cards; not counted
        times: dict[bool, list[float]] = {True: [], False: []}
        lines: list[str] = []
        for group in range(args.groups):
            row = []
            for checked in ORDER:
                found = build(config, root / "site", strict=False, link_check=checked)
                times[checked].append(found["seconds"])
                row.append(f"{'checked' if checked else 'unchecked'} {found['seconds']:.2f} s")
                if checked and (match := re.search(r"Link check: \d+ links.*", found["output"])):
                    lines.append(match.group(0))
            print(f"group {group + 1}: " + ", ".join(row), flush=True)
    for name, summary in (("median", statistics.median), ("mean", statistics.mean)):
        on, off = summary(times[True]), summary(times[False])
        print(
            f"{name}: checked {on:.2f} s, unchecked {off:.2f} s: the check costs "
            f"{on - off:.2f} s, {(on - off) / on:.1%} of the checked build"
        )
    for line in lines:
        print(f"  {line}")


if __name__ == "__main__":
    main()
