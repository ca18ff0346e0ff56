#!/usr/bin/env python3
"""Run a bench command; sample CPU seconds of the harness JVM, its java children, and postgres every 0.5 s;
timestamp every output line. Writes OUT/samples.jsonl and OUT/console.txt."""
import subprocess, sys, time, json, os, threading
out = sys.argv[1]; cmd = sys.argv[2:]
os.makedirs(out, exist_ok=True)
HZ = os.sysconf('SC_CLK_TCK')
def cpu(pid):
    try:
        f = open(f'/proc/{pid}/stat').read().rsplit(')',1)[1].split()
        return (int(f[11]) + int(f[12])) / HZ
    except Exception: return None
def children(pid):
    r = []
    try:
        for t in os.listdir(f'/proc/{pid}/task'):
            try: r += [int(x) for x in open(f'/proc/{pid}/task/{t}/children').read().split()]
            except Exception: pass
    except Exception: pass
    return r
def comm(pid):
    try: return open(f'/proc/{pid}/comm').read().strip()
    except Exception: return '?'
def cmdline(pid):
    try: return open(f'/proc/{pid}/cmdline').read().replace('\0',' ')
    except Exception: return ''
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
con = open(f'{out}/console.txt','w')
def pump():
    for line in p.stdout:
        con.write(f'{time.time():.3f} {line}'); con.flush()
threading.Thread(target=pump, daemon=True).start()
smp = open(f'{out}/samples.jsonl','w')
while p.poll() is None:
    t = time.time()
    rec = {'t': t, 'harness': cpu(p.pid), 'kids': {}, 'postgres': 0.0}
    for c in children(p.pid):
        name = comm(c); cl = cmdline(c)
        key = 'variant' if '-impl-' in cl else ('upstream' if 'upstream' in cl.lower() else ('proxy' if 'toxiproxy' in cl.lower() else name))
        v = cpu(c)
        if v is not None: rec['kids'][f'{key}:{c}'] = v
    tot = 0.0
    for d in os.listdir('/proc'):
        if d.isdigit() and comm(int(d)) == 'postgres':
            v = cpu(int(d)); tot += v or 0
    rec['postgres'] = tot
    smp.write(json.dumps(rec)+'\n'); smp.flush()
    time.sleep(0.5)
time.sleep(0.5); con.close()
print('exit', p.returncode)
