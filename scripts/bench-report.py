"""Turns one scripts/bench run's raw output into a Markdown report.

    python3 scripts/bench-report.py <run folder> <size> [<size> ...]
"""

import json
import re
import sys
from pathlib import Path


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def read_text(path):
    return ANSI.sub("", path.read_text())


def read_json(path):
    return json.loads(path.read_text())


def load(path):
    w = read_json(path)
    seconds = w["duration_us"] / 1e6
    return {
        "requests": w["requests"],
        "throughput": w["requests"] / seconds if seconds else 0.0,
        "p50_ms": w["p50_us"] / 1000,
        "p95_ms": w["p95_us"] / 1000,
        "p99_ms": w["p99_us"] / 1000,
        "failed": w["non_2xx"] + w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["timeouts"],
    }


def row(name, how, t, reference):
    ratio = reference / t["throughput"] if t["throughput"] else float("inf")
    return (
        f"| {name} | {how} | {t['p50_ms']:.2f} | {t['p95_ms']:.2f} | {t['p99_ms']:.2f} "
        f"| {t['throughput']:,.0f} | {ratio:.2f}× |"
    )


def size_report(run, n):
    d = run / str(n)
    engines = read_json(d / "engines.json")
    http = load(d / "load-search.json")
    match = load(d / "load-match.json")
    meili = load(d / "load-meilisearch.json")
    seed_s, seed_kb = (float(x) for x in (d / "seed.time").read_text().split())
    import_s = float((d / "import.time").read_text().split()[0])
    imported = re.search(r"rows read (\d+).*\((\d+) ms\)", (d / "import.txt").read_text())
    import_rows, import_ms = int(imported.group(1)), int(imported.group(2))
    build_ms = int(re.search(r"index built .*elapsed_ms=(\d+)", read_text(d / "server.log")).group(1))
    ready_s = float((d / "ready.seconds").read_text())
    restart_s = float((d / "restart.seconds").read_text())
    restart_log = read_text(d / "restart.log")
    restore_ms = int(re.search(r"restored from its snapshot .*elapsed_ms=(\d+)", restart_log).group(1))
    snapshot_mb = int((d / "snapshot.bytes").read_text()) / 1e6
    written = [int(ms) for ms in re.findall(r"snapshot written .*elapsed_ms=(\d+)", read_text(d / "server.log"))]
    hwm_kb = int(re.search(r"VmHWM:\s+(\d+)", (d / "server.memory").read_text()).group(1))
    c = engines["concurrency"]
    ref = http["throughput"]
    scale_one = load(d / "load-scale-one.json")
    both_a, both_b = load(d / "load-scale-both-a.json"), load(d / "load-scale-both-b.json")
    raw_a, raw_b = read_json(d / "load-scale-both-a.json"), read_json(d / "load-scale-both-b.json")
    both = dict(both_a)
    both["throughput"] = (raw_a["requests"] + raw_b["requests"]) / (max(raw_a["duration_us"], raw_b["duration_us"]) / 1e6)
    both["p50_ms"] = max(both_a["p50_ms"], both_b["p50_ms"])
    both["p95_ms"] = max(both_a["p95_ms"], both_b["p95_ms"])
    both["p99_ms"] = max(both_a["p99_ms"], both_b["p99_ms"])
    scale_seed_s = float((d / "scale-seed.time").read_text().split()[0])
    replica_ready = [float((d / f"replica-{side}-ready.seconds").read_text()) for side in "ab"]
    scale_agreed = (d / "scale-agreement.txt").read_text().strip()
    visibility = read_json(d / "scale-visibility.json")["servers"]
    lines = [
        f"## {n:,} practitioners",
        "",
        f"Cross-check: {engines['agreed']} of {engines['checked']} queries gave the same answer "
        "(total and top 20) on all five engines.",
        "",
        "| engine | how | p50 ms | p95 ms | p99 ms | requests/s | HTTP API ÷ engine |",
        "|---|---|---:|---:|---:|---:|---:|",
        row("embedded index", "in-process, one query at a time", engines["embedded_in_process"], ref),
        row("embedded index", f"in-process, {c} in flight", engines["embedded_in_process_concurrent"], ref),
        row("HTTP search API (embedded)", f"replay, {c} connections, the mix ×{http['requests'] // engines['queries']}", http, ref),
        row("Meilisearch", f"replay, {c} connections, the mix ×{meili['requests'] // engines['queries']}", meili, ref),
        row("PostGIS, tuned (the baseline)", f"{c} connections, count and page", engines["postgis_tuned"], ref),
        row("PostGIS, tuned: the page alone", f"{c} connections", engines["postgis_tuned_page"], ref),
        row("PostGIS, tuned: the exact count alone", f"{c} connections", engines["postgis_tuned_count"], ref),
        row("PostGIS, naive (untuned, for the record)", f"{c} connections", engines["postgis"], ref),
        row("POST /api/v1/match (embedded)", f"replay, {c} connections, the mix ×{match['requests'] // engines['queries']}", match, ref),
        row("scale-out: one `INDEX_REPLICA` server (of two)", f"replay, {c} connections, the mix ×{scale_one['requests'] // engines['queries']}", scale_one, ref),
        row("scale-out: server A, both under load at once", f"replay, {c} connections each", both_a, ref),
        row("scale-out: server B, both under load at once", f"replay, {c} connections each", both_b, ref),
        row("scale-out: A and B together", "the two runs above", both, ref),
        "",
        f"Failed requests under load: search {http['failed']}, match {match['failed']}, "
        f"Meilisearch {meili['failed']}.",
        "",
        "| also measured | figure |",
        "|---|---:|",
        f"| `seed --demo {n}` on SQLite | {seed_s:.1f} s ({n / seed_s:,.0f} practitioners/s, peak RSS {seed_kb / 1024:.0f} MB) |",
        f"| roster import (`import-roster`, one transaction) | {import_rows:,} rows in {import_ms / 1000:.1f} s "
        f"({import_rows / (import_ms / 1000):,.0f} rows/s) |",
        f"| the whole `import-roster` command, with re-indexing every changed listing | {import_s:.1f} s |",
        f"| embedded index build at start-up | {build_ms / 1000:.1f} s |",
        f"| server start to ready (migrate, reference data, index) | {ready_s:.1f} s |",
        f"| restart to ready, restoring the index snapshot saved when it stopped | {restart_s:.1f} s (restore {restore_ms / 1000:.1f} s) |",
        f"| the index snapshot | {snapshot_mb:,.0f} MB, written in "
        + (", ".join(f"{ms / 1000:.1f} s" for ms in written) or "(not logged)")
        + " while serving |",
        f"| server peak RSS (after all load) | {hwm_kb / 1024:.0f} MB |",
        f"| documents read for the engines | {engines['load_seconds']['read_documents']:.1f} s |",
        f"| PostGIS load, tuned (insert in spatial order, GiST, CLUSTER, covering index, VACUUM ANALYZE) | {engines['load_seconds']['postgis_tuned']:.1f} s |",
        f"| PostGIS load, naive (insert, GiST index, analyze) | {engines['load_seconds']['postgis']:.1f} s |",
        f"| Meilisearch load (pipelined batches of 5,000, index and wait) | {engines['load_seconds']['meilisearch']:.1f} s |",
        f"| scale-out: `seed --demo {n}` and the roster into PostgreSQL | {scale_seed_s:.1f} s |",
        f"| scale-out: each `INDEX_REPLICA` server's start to ready | {replica_ready[0]:.1f} s and {replica_ready[1]:.1f} s |",
        f"| scale-out: answers equal to the embedded server's | {scale_agreed} queries |",
        "| scale-out: a write (unlist, then list again) visible in search, per server | "
        + "; ".join(f"{v['writes']} writes, median {v['median_ms']:.0f} ms, slowest {v['slowest_ms']:.0f} ms" for v in visibility)
        + " |",
        "",
        "Tuned PostGIS sessions: "
        + ", ".join(f"`{k} = {v}`" for k, v in sorted(engines["postgis_tuned_settings"].items()))
        + ". Its plans for the densest and sparsest checked query: `postgis-explain.txt`.",
        "",
    ]
    figures = {
        "in_process_p99": engines["embedded_in_process"]["p99_ms"],
        "http_rps": http["throughput"],
        "http_p99": http["p99_ms"],
        "match_rps": match["throughput"],
        "postgis_ratio": http["throughput"] / engines["postgis_tuned"]["throughput"],
        "naive_ratio": http["throughput"] / engines["postgis"]["throughput"],
        "meili_ratio": http["throughput"] / meili["throughput"],
        "rss_mb": hwm_kb / 1024,
        "build_s": build_ms / 1000,
        "seed_s": seed_s,
        "ready_s": ready_s,
        "restart_s": restart_s,
        "agreed": engines["agreed"] == engines["checked"],
        "scale_one_rps": scale_one["throughput"],
        "scale_agreed": scale_agreed.split()[0] == scale_agreed.split()[-1],
        "visible_ms": max(v["slowest_ms"] for v in visibility),
    }
    return lines, figures


def targets(n, f):
    checks = [
        ("in-process search p99 ≤ 2 ms", f"{f['in_process_p99']:.2f} ms", f["in_process_p99"] <= 2),
        ("HTTP search ≥ 5,000 requests/s", f"{f['http_rps']:,.0f}/s", f["http_rps"] >= 5000),
        ("HTTP search p99 ≤ 25 ms at that load", f"{f['http_p99']:.1f} ms", f["http_p99"] <= 25),
        ("POST /api/v1/match ≥ 2,500 requests/s", f"{f['match_rps']:,.0f}/s", f["match_rps"] >= 2500),
        ("≥ 5× tuned PostGIS throughput", f"{f['postgis_ratio']:.1f}× (naive: {f['naive_ratio']:.0f}×)", f["postgis_ratio"] >= 5),
        ("≥ 3× Meilisearch throughput", f"{f['meili_ratio']:.1f}×", f["meili_ratio"] >= 3),
        ("same answers", "yes" if f["agreed"] else "no", f["agreed"]),
        ("peak RSS ≤ 1.5 GB", f"{f['rss_mb']:.0f} MB", f["rss_mb"] <= 1536),
        ("index build at start-up ≤ 20 s", f"{f['build_s']:.1f} s", f["build_s"] <= 20),
        ("one server's restart to ready ≤ 5 s", f"{f['restart_s']:.1f} s (first start, building: {f['ready_s']:.1f} s)", f["restart_s"] <= 5),
        ("scale-out: one server ≥ half the embedded server's requests/s",
         f"{f['scale_one_rps']:,.0f}/s ({f['scale_one_rps'] / f['http_rps']:.2f}×)", f["scale_one_rps"] >= f["http_rps"] / 2),
        ("scale-out: same answers as the embedded server", "yes" if f["scale_agreed"] else "no", f["scale_agreed"]),
        ("scale-out: a write visible on every server ≤ 2 s", f"{f['visible_ms']:.0f} ms", f["visible_ms"] <= 2000),
        ("`seed --demo 1000000` ≤ 180 s", f"{f['seed_s']:.0f} s", f["seed_s"] <= 180),
    ]
    lines = [f"## Targets at {n:,} practitioners", "", "| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in checks]
    return lines + [""]


def main():
    run = Path(sys.argv[1])
    sizes = [int(s) for s in sys.argv[2:]]
    out = ["# Benchmark run", "", "```", (run / "machine.txt").read_text().strip(), "```", ""]
    figures = {}
    for n in sizes:
        lines, figures[n] = size_report(run, n)
        out += lines
    largest = max(sizes)
    out += targets(largest, figures[largest])
    print("\n".join(out))


if __name__ == "__main__":
    main()
