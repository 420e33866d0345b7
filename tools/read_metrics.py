"""Reads a Prometheus text exposition on stdin with prometheus_client's parser (which
refuses a malformed one) and prints its samples as JSON: [{"name", "labels", "value"}]."""

import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> None:
    samples = []
    for family in text_string_to_metric_families(sys.stdin.read()):
        for sample in family.samples:
            samples.append(
                {"name": sample.name, "labels": sample.labels, "value": sample.value}
            )
    json.dump(samples, sys.stdout)


if __name__ == "__main__":
    main()
