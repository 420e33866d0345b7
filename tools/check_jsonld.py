"""Extracts the JSON-LD of a page with extruct, parsed strictly (a syntax error is a
failure, not a skipped block), and checks it against the small profile of what our
profile pages promise (jsonld-profile.schema.json).

usage: python check_jsonld.py PAGE.html URL
Prints the extracted items and every problem; exits 1 if there is one.
"""

import json
import os
import sys

import extruct
import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    page, url = sys.argv[1:]
    with open(page, encoding="utf-8") as f:
        html = f.read()
    items = extruct.extract(html, base_url=url, syntaxes=["json-ld"], errors="strict")["json-ld"]
    with open(os.path.join(HERE, "jsonld-profile.schema.json"), encoding="utf-8") as f:
        profile = json.load(f)
    problems = []
    if len(items) != 1:
        problems.append(f"expected one JSON-LD block, found {len(items)}")
    for item in items:
        validator = jsonschema.Draft202012Validator(profile, format_checker=jsonschema.FormatChecker())
        for error in validator.iter_errors(item):
            problems.append(f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}")
        graph = item.get("@graph", [])
        ids = {node.get("@id") for node in graph}
        for node in graph:
            for key in ("worksFor", "employee"):
                ref = node.get(key, {}).get("@id")
                if ref is not None and ref not in ids:
                    problems.append(f"{key} points at {ref}, which is not in the graph")
            if node.get("url") not in (None, url):
                problems.append(f"url {node.get('url')} is not the page's {url}")
    print(json.dumps(items, indent=1))
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
