#!/usr/bin/env python3
"""CPU per request by process over the steady middle of the measured phase: from 'measuring' line + 3 s
to the end-of-run line - 2 s. Throughput from results.json."""
import json, sys, glob, re
d = sys.argv[1]
lines = open(f'{d}/console.txt').read().splitlines()
t0 = next(float(l.split()[0]) for l in lines if 'measuring' in l)
# end: first line after t0 that is not a progress line (the table) -- use the warm-up footer time
t1 = next(float(l.split()[0]) for l in lines if float(l.split()[0]) > t0 + 1 and ('Total Requests' in l or 'warm-up' in l or 'reconcil' in l.lower() or 'billing' in l.lower()))
S = [json.loads(x) for x in open(f'{d}/samples.jsonl')]
a = t0 + 3; b = t1 - 4
sa = min(S, key=lambda s: abs(s['t'] - a)); sb = min(S, key=lambda s: abs(s['t'] - b))
dt = sb['t'] - sa['t']
r = json.load(open(glob.glob(f'{d}/out/results.json')[0]))
run = r['runs'][0] if 'runs' in r else r
def find(o, k):
    if isinstance(o, dict):
        for kk, v in o.items():
            if kk == k: return v
            x = find(v, k)
            if x is not None: return x
    if isinstance(o, list):
        for v in o:
            x = find(v, k)
            if x is not None: return x
thr = find(run, 'throughput_rps') or find(run, 'throughputRps')
out = {'window_s': round(dt,1), 'rps': thr}
out['harness'] = (sb['harness'] - sa['harness']) / dt / thr * 1000
for k in sb['kids']:
    if k in sa['kids']:
        out[k.split(':')[0]] = (sb['kids'][k] - sa['kids'][k]) / dt / thr * 1000
out['postgres'] = (sb['postgres'] - sa['postgres']) / dt / thr * 1000
print(d, {k: (round(v,3) if isinstance(v,float) else v) for k,v in out.items()})
