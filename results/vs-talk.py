#!/usr/bin/env python3
"""Writes talk-15s/vs-talk.md: the 15 s reproduction beside the talk's own numbers, ratios side by side.

Usage (from results/):  python3 vs-talk.py
Reads talk-original.json (the talk's figures) and talk-15s/results.json (./caas bench --json/--out output).
"""
import json

talk = {r["variant"]: r for r in json.load(open("talk-original.json"))["runs"] if "variant" in r}
ours = json.load(open("talk-15s/results.json"))
runs = {r["variant"]: r for r in ours["runs"]}
p = ours["provenance"]
order = ["sync-sequential", "reactive-sequential", "reactive-gathered"]

def s(ms):
    return f"{ms / 1000:.2f} s"

lines = [
    "# The talk at its real scale, reproduced",
    "",
    "L = 15 s injected on both dependencies, 90 requests, 10 closed-loop clients. The talk's figures (Python:",
    "Flask + requests + psycopg2; Quart + aiohttp + asyncpg) beside ours (Java: `caas bench`).",
    "",
    "| talk attempt | talk stack | our variant | talk median | our median | talk mean | our mean | talk std. dev | our std. dev | our theory | our median / theory |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for v in order:
    t, r = talk[v], runs[v]
    lat = r["latency_ms"]
    lines.append(
        f"| {t['attempt']} {t['label']} | {t['stack']} | `{v}` | {s(t['median_ms'])} | {s(lat['median'])} | "
        f"{s(t['mean_ms'])} | {s(lat['mean'])} | {t['stddev_ms']} ms | {lat['stddev']:.0f} ms | "
        f"{s(r['theory']['median_ms'])} | {lat['median'] / r['theory']['median_ms']:.3f} |")

base_t = talk["sync-sequential"]["median_ms"]
base_o = runs["sync-sequential"]["latency_ms"]["median"]
lines += ["", "Ratios of the medians, each to its own attempt 1 (the talk's 3 : 3 : 2):", "",
          "| | attempt 1 | attempt 2 | attempt 3 |", "|---|---:|---:|---:|"]
lines.append("| talk | " + " | ".join(f"{talk[v]['median_ms'] / base_t:.3f}" for v in order) + " |")
lines.append("| ours | " + " | ".join(f"{runs[v]['latency_ms']['median'] / base_o:.3f}" for v in order) + " |")
lines.append("| theory (3 : 3 : 2) | 1.000 | 1.000 | 0.667 |")
lines += ["", f"Ours: {p.get('date')}, JDK {p.get('jdk')}, {p.get('cores')} cores, backends: PostgreSQL {p['backends']['postgres']}, Toxiproxy {p['backends']['toxiproxy']}; "
          "billed/served: " + ", ".join(f"{v} {runs[v]['billing']['billed']}/{runs[v]['billing']['served']}" for v in order) + ".",
          "Produced by `python3 results/vs-talk.py` from `talk-original.json` and `talk-15s/results.json`."]
open("talk-15s/vs-talk.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
