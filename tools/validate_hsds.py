"""Validates HSDS 3.0 output the way Open Referral's own CI does: schemas compiled with
`compiletojsonschema --set-additional-properties-false-everywhere` (so a property the
specification does not define is an error), instances checked with `check-jsonschema`.
Latitudes and longitudes are range-checked (the schema does not forbid latitude 100).

usage: python validate_hsds.py SCHEMA_DIR KIND=FILE [KIND=FILE …]

KIND is one of service, organization, service_at_location (one whole record),
service_list, organization_list, service_at_location_list (a paged envelope whose
contents are checked against the list schema), or datapackage (FILE is a folder with
datapackage.json and its CSV files). Prints every problem; exits 1 if there is one.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(sys.executable)
PAGE_KEYS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def compile_strict(schema_dir, name, out_dir):
    """The strict schema for `name`: from compiled/ (the list schemas) or schema/."""
    source = os.path.join(schema_dir, "compiled", f"{name}.json")
    if not os.path.exists(source):
        source = os.path.join(schema_dir, f"{name}.json")
    target = os.path.join(out_dir, f"{name}.strict.json")
    if not os.path.exists(target):
        with open(target, "w", encoding="utf-8") as out:
            subprocess.run(
                [os.path.join(BIN, "compiletojsonschema"), "-s", source],
                check=True,
                stdout=out,
                cwd=os.path.dirname(source),
            )
    return target


def check(schema_file, instances, out_dir, problems, label):
    """Runs check-jsonschema on every instance; records its report on failure."""
    if not instances:
        return
    files = []
    for i, instance in enumerate(instances):
        path = os.path.join(out_dir, f"{label}-{i}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(instance, f)
        files.append(path)
    done = subprocess.run(
        [os.path.join(BIN, "check-jsonschema"), "--schemafile", schema_file, *files],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        problems.append(f"{label}: check-jsonschema failed:\n{done.stdout}{done.stderr}")


def coordinates(value, where, problems):
    """Every latitude and longitude anywhere in `value` is a number in range."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("latitude", "longitude") and inner is not None:
                limit = 90 if key == "latitude" else 180
                if not isinstance(inner, (int, float)) or not -limit <= inner <= limit:
                    problems.append(f"{where}: {key} {inner!r} is out of range")
            coordinates(inner, where, problems)
    elif isinstance(value, list):
        for inner in value:
            coordinates(inner, where, problems)


def envelope(value, where, problems):
    for key, kind in PAGE_KEYS.items():
        if not isinstance(value.get(key), kind):
            problems.append(f"{where}: the page's {key} is missing or not {kind.__name__}")
    extra = set(value) - set(PAGE_KEYS)
    if extra:
        problems.append(f"{where}: the page has properties HSDS does not define: {sorted(extra)}")
    contents = value.get("contents") or []
    if value.get("size") != len(contents):
        problems.append(f"{where}: size {value.get('size')} but {len(contents)} items")
    return contents


def typed(value, kind):
    if kind in ("number", "integer"):
        return float(value) if kind == "number" else int(value)
    if kind == "boolean":
        return value.lower() == "true"
    return value


def datapackage(schema_dir, folder, out_dir, problems):
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        package = json.load(f)
    if package.get("profile") != "tabular-data-package":
        problems.append("datapackage.json: profile is not tabular-data-package")
    ids = {}
    references = []
    for resource in package.get("resources", []):
        name = resource["name"]
        with open(os.path.join(schema_dir, f"{name}.json"), encoding="utf-8") as f:
            table = json.load(f)
        if resource["path"] != f"data/{table['path']}":
            problems.append(f"{name}: path {resource['path']} is not data/{table['path']}")
        fields = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        unknown = set(fields) - set(table["properties"])
        if unknown:
            problems.append(f"{name}: columns HSDS does not define: {sorted(unknown)}")
        for required in table.get("required", []) + table.get("tabular_required", []):
            if required not in fields:
                problems.append(f"{name}: the required column {required} is missing")
        with open(os.path.join(folder, resource["path"]), newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != list(fields):
                problems.append(f"{name}: header {reader.fieldnames} is not {list(fields)}")
            rows = []
            for line in reader:
                row = {k: typed(v, fields[k]) for k, v in line.items() if v != ""}
                for required in table.get("tabular_required", []):
                    if required not in row:
                        problems.append(f"{name} {row.get('id')}: {required} is empty")
                rows.append(row)
        ids[name] = {row["id"] for row in rows}
        for row in rows:
            for key, value in row.items():
                if key.endswith("_id") and key != "id":
                    references.append((name, row["id"], key[: -len("_id")], value))
        coordinates(rows, name, problems)
        check(compile_strict(schema_dir, name, out_dir), rows, out_dir, problems, f"table-{name}")
    for table, row_id, target, value in references:
        target = {"link": "service"}.get(target, target)
        if target in ids and value not in ids[target]:
            problems.append(f"{table} {row_id}: {target} {value} is not in the package")


def main():
    schema_dir, *jobs = sys.argv[1:]
    schema_dir = os.path.abspath(schema_dir)
    problems = []
    with tempfile.TemporaryDirectory() as out_dir:
        for n, job in enumerate(jobs):
            kind, path = job.split("=", 1)
            if kind == "datapackage":
                datapackage(schema_dir, path, out_dir, problems)
                continue
            with open(path, encoding="utf-8") as f:
                value = json.load(f)
            coordinates(value, path, problems)
            if kind.endswith("_list"):
                items = envelope(value, path, problems)
            else:
                items = [value]
            check(compile_strict(schema_dir, kind, out_dir), items, out_dir, problems, f"{n}-{kind}")
    for p in problems:
        print(p)
    print(f"{len(jobs)} checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
