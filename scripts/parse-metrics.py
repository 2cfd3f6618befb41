#!/usr/bin/env python3
"""Parses a Prometheus text-format file with prometheus_client's own parser and prints it as JSON:
[{"name", "type", "documentation", "samples": [{"name", "labels", "value"}]}].
A file the parser rejects makes it exit 1 with the parser's message on stderr.
Needs `pip install prometheus_client` (the Spool tests install it into a temporary folder)."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def value(v):
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    if math.isnan(v):
        return "NaN"
    return v


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    try:
        families = [
            {"name": f.name, "type": f.type, "documentation": f.documentation,
             "samples": [{"name": s.name, "labels": s.labels, "value": value(s.value)} for s in f.samples]}
            for f in text_string_to_metric_families(text)
        ]
    except Exception as error:  # the parser raises ValueError and others on bad input
        print(f"rejected: {error}", file=sys.stderr)
        return 1
    json.dump(families, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
