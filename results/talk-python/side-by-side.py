#!/usr/bin/env python3
"""Writes talk-python/side-by-side.md: the talk's three Python attempts as measured here (caas bench --target)
beside the talk's own numbers and the Java variants, at 100 ms and at 15 s, and the concurrency sweep at
C = 1,000 (Flask, Quart, loom-gathered).

Usage (from results/):  python3 talk-python/side-by-side.py
Reads talk-original.json, talk-python/talk-100ms/{targets,results}.json (one run: the attempts and the six
Java variants on the same testbed), talk-python/talk-15s/targets.json, talk-15s/results.json (the Java
variants at 15 s, an earlier run), and talk-python/sweep/{targets.json,results.csv}.
"""
import csv
import json

talk = {r["attempt"]: r for r in json.load(open("talk-original.json"))["runs"] if r["latency_ms"] == 15000}
java_15s = {r["variant"]: r for r in json.load(open("talk-15s/results.json"))["runs"]}
python_15s = {r["target"]: r for r in json.load(open("talk-python/talk-15s/targets.json"))["targets"]}
python_100 = {r["target"]: r for r in json.load(open("talk-python/talk-100ms/targets.json"))["targets"]}
java_100 = {r["variant"]: r for r in json.load(open("talk-python/talk-100ms/results.json"))["runs"]}
attempts = [(1, "flask-sequential", "sync-sequential"), (2, "quart-sequential", "reactive-sequential"),
            (3, "quart-gathered", "reactive-gathered")]


def ms(value):
    return f"{value:,.0f}"


lines = ["# The talk's Python attempts beside the talk and the Java variants", "",
         "Medians in ms. Python: `caas bench --target` against the attempts of `examples/python-talk`; Java: "
         "`caas bench` (launched jars). The talk's own figures are at 15 s only.", "",
         "| attempt | talk (15 s) | Python here (15 s) | Java here (15 s) | Python here (100 ms) | Java here (100 ms) | theory (100 ms) |",
         "|---|---:|---:|---:|---:|---:|---:|"]
for number, python, java in attempts:
    p15, j15, p100, j100 = python_15s[python], java_15s[java], python_100[python], java_100[java]
    lines.append(
        f"| {number} `{python}` / `{java}` | {ms(talk[number]['median_ms'])} | {ms(p15['latencyMs']['medianMs'])} | "
        f"{ms(j15['latency_ms']['median'])} | {ms(p100['latencyMs']['medianMs'])} | "
        f"{ms(j100['latency_ms']['median'])} | {ms(p100['theory']['medianMs'])} |")
others = [v for v in java_100 if v not in {java for _, _, java in attempts}]
lines += ["", "The Java variants at 100 ms ran at load 50 on 2 cores and are not comparable with the Python rows "
          "(README: at a quieter time they measured 315-321 ms sequential, 218-220 ms gathered, `../talk-100ms/`)."]
lines += ["", "The other Java variants in the same 100 ms run: " + ", ".join(
    f"`{v}` {ms(java_100[v]['latency_ms']['median'])}" for v in others) + "."]

sweep = [r for r in json.load(open("talk-python/sweep/targets.json"))["targets"] if r["concurrency"] == 1000]
with open("talk-python/sweep/results.csv") as f:
    loom = [r for r in csv.DictReader(f) if r.get("concurrency") == "1000"]
lines += ["", "Concurrency sweep, C = 1,000 (100 ms on the upstream only, 3,000 requests):", "",
          "| implementation | throughput (rps) | median (ms) | errors | billed / served |", "|---|---:|---:|---:|---:|"]
for r in sweep:
    lines.append(f"| `{r['target']}` | {r['throughputRps']:.1f} | {ms(r['latencyMs']['medianMs'])} | "
                 f"{sum(r['errors'].values())} | {r['billed']} / {r['served']} |")
for r in loom:
    lines.append(f"| `{r['variant']}` | {float(r['throughput_rps']):.1f} | {ms(float(r['median_ms']))} | "
                 f"{r['errors']} | {r['billed']} / {r['served']} |")
open("talk-python/side-by-side.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
