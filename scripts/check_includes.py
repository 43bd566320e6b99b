#!/usr/bin/env python3
"""Fails when the library's headers include each other in a cycle.

Reads every header under include/danchu/ 
follows the ``#include <danchu/...>`` lines, and prints each cycle found as
``a.hpp -> b.hpp -> a.hpp``; also fails when a header includes one that does
not exist, or when the umbrella header <danchu/danchu.hpp> leaves out a public
header (one not under a detail/ folder) other than the opt-in ones (OPT_IN). Exit status 1 on any, 0 otherwise.
Usage: scripts/check_includes.py [ROOT]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Public headers the umbrella leaves out on purpose (and says so).
OPT_IN = {"danchu/core/boost_date.hpp"}
# Headers of the compiled libraries danchu::office (XLSX, DOCX: src/office/) and
# danchu::ingest (simdjson: src/ingest/), linked with libraries the header-only
# core does not need, so never in the umbrella.
COMPILED = ("danchu/office/", "danchu/ingest/")

# The concepts from the bottom up: a header may include headers of its own
# concept and of the concepts before it, never of one after it
# (docs/architecture.md, "Where each concept lives").
LAYERS = ["core", "io", "calendar", "logic", "organisation", "evidence", "rules", "scoring", "schedule", "report", "office", "ingest"]

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](danchu/[^>"]+)[>"]', re.MULTILINE)


def graph(root: Path) -> dict[str, list[str]]:
    base = root / "include"
    edges: dict[str, list[str]] = {}
    for header in sorted(base.rglob("*.hpp")):
        name = header.relative_to(base).as_posix()
        edges[name] = INCLUDE.findall(header.read_text(encoding="utf-8"))
    return edges


def cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle reachable by depth-first search, each once."""
    found: list[list[str]] = []
    seen_keys: set[tuple[str, ...]] = set()
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                cyc = stack[stack.index(nxt):] + [nxt]
                body = cyc[:-1]
                k = body.index(min(body))
                key = tuple(body[k:] + body[:k])
                if key not in seen_keys:
                    seen_keys.add(key)
                    found.append(cyc)
            elif nxt in edges and state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    sys.setrecursionlimit(10000)
    for node in edges:
        if state.get(node) is None:
            visit(node)
    return found


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    edges = graph(root)
    missing = sorted({t for ts in edges.values() for t in ts if t not in edges})
    found = cycles(edges)
    umbrella = "danchu/danchu.hpp"
    public = sorted(h for h in edges if "/detail/" not in h and h != umbrella and h not in OPT_IN
              and not h.startswith(COMPILED))
    left_out = [h for h in public if h not in edges.get(umbrella, [])]
    for h in left_out:
        print(f"check_includes: the umbrella header <{umbrella}> does not include <{h}>", file=sys.stderr)
    upward = []
    for h, targets in edges.items():
        parts = h.split("/")
        if len(parts) < 3 or parts[1] not in LAYERS:
            continue
        for tgt in targets:
            tp = tgt.split("/")
            if len(tp) >= 3 and tp[1] in LAYERS and LAYERS.index(tp[1]) > LAYERS.index(parts[1]):
                upward.append((h, tgt))
    for h, tgt in upward:
        print(f"check_includes: <{h}> includes <{tgt}>, a concept above its own ({' < '.join(LAYERS)})",
              file=sys.stderr)
    for m in missing:
        print(f"check_includes: a header includes <{m}>, which does not exist", file=sys.stderr)
    for c in found:
        print("check_includes: include cycle: " + " -> ".join(c), file=sys.stderr)
    if found or missing or left_out or upward:
        return 1
    print(f"check_includes: {len(edges)} headers, {sum(map(len, edges.values()))} includes, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
