"""Where Meilisearch's search time goes: the benchmark's Meilisearch requests replayed
in four shapes (exact count or estimated total, with or without the geo sort), then
as benchmarked one at a time. Prints a Markdown table.

    python3 scripts/bench-meili-shapes.py URL KEY meili.requests QUERIES IN_FLIGHT

URL and KEY name a Meilisearch holding the benchmark's index (`reindex` with
MEILI_INDEX_PREFIX=bench_ on a seeded directory fills it); meili.requests is a
request file `scripts/bench` wrote."""
import json, sys, time, threading, urllib.request, statistics

base, key, reqfile, n, conc = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
lines = [l.rstrip("\n").split("\t") for l in open(reqfile) if l.strip()][:n]
path = lines[0][1]
bodies = [json.loads(l[2]) for l in lines]

def shape(b, name):
    b = dict(b)
    per = b.pop("hitsPerPage", 20); page = b.pop("page", 1)
    if name == "exact count, geo sort (as benchmarked)":
        b.update(hitsPerPage=per, page=page)
    elif name == "estimated total, geo sort":
        b.update(limit=per, offset=(page - 1) * per)
    elif name == "exact count, no sort":
        b.pop("sort", None); b.update(hitsPerPage=per, page=page)
    elif name == "estimated total, no sort":
        b.pop("sort", None); b.update(limit=per, offset=(page - 1) * per)
    return b

def run(name, c, limit=None):
    qs = [shape(b, name) for b in bodies[:limit]]
    lat = []; lock = threading.Lock(); idx = [0]
    def worker():
        while True:
            with lock:
                i = idx[0]; idx[0] += 1
            if i >= len(qs): return
            req = urllib.request.Request(base + path, data=json.dumps(qs[i]).encode(),
                headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
            t = time.perf_counter(); urllib.request.urlopen(req).read(); d = time.perf_counter() - t
            with lock: lat.append(d)
    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker) for _ in range(c)]
    [t.start() for t in ts]; [t.join() for t in ts]
    el = time.perf_counter() - t0
    lat.sort()
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000
    print(f"| {name} | {c} | {p(0.5):.0f} | {p(0.99):.0f} | {len(lat) / el:.1f} |", flush=True)

print("| shape | in flight | p50 ms | p99 ms | requests/s |\n|---|---:|---:|---:|---:|")
for name in ["exact count, geo sort (as benchmarked)", "estimated total, geo sort", "exact count, no sort", "estimated total, no sort"]:
    run(name, conc)
run("exact count, geo sort (as benchmarked)", 1, 100)
