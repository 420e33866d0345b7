"""Checks that servers give the same answers: replays the first requests of a request
file (GET lines only) on each server and compares the totals and the slugs of every
page with the first server's. Prints "<agreed> of <checked>" and fails on a difference.

    python3 scripts/bench-same-answers.py <request file> <count> <server> <server> ...
"""

import json
import sys
import urllib.request


def answer(server, path):
    with urllib.request.urlopen(server + path, timeout=60) as response:
        body = json.load(response)
    return body["total"], [r["slug"] for r in body["results"]]


def main():
    requests, count, servers = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    paths = []
    with open(requests) as lines:
        for line in lines:
            method, path = line.split("\t")[:2]
            if method == "GET":
                paths.append(path)
            if len(paths) == count:
                break
    agreed = 0
    for path in paths:
        expected = answer(servers[0], path)
        differing = [s for s in servers[1:] if answer(s, path) != expected]
        if differing:
            print(f"{path}: {differing} differ from {servers[0]}", file=sys.stderr)
        else:
            agreed += 1
    print(f"{agreed} of {len(paths)}")
    sys.exit(0 if agreed == len(paths) else 1)


main()
