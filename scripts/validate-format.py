#!/usr/bin/env python3
"""Validates a spoolscan output file against the official JSON schema of its format, with an
independent validator (Python jsonschema), and round-trips CycloneDX through cyclonedx-python-lib.

usage: validate-format.py cyclonedx|spdx|sarif FILE [--schemas DIR]

  cyclonedx  bom-1.6 schema (and the spdx/jsf schemas it references) as shipped inside the
             cyclonedx-python-lib package; also its JsonStrictValidator, and a deserialize +
             re-serialize round trip that must keep every component, purl and vulnerability.
  spdx       DIR/spdx-2.3-schema.json (draft-07)
  sarif      DIR/sarif-schema-2.1.0.json (draft-04)

Prints one line per problem and exits 1 when there is any; prints a summary line and exits 0 when
the file is valid. Needs `jsonschema[format]` and `cyclonedx-python-lib[json-validation]`
(scripts/format-validators sets up a virtual environment with them).
"""
import json
import os
import sys

import jsonschema
from referencing import Registry, Resource


def problems(validator, document):
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '$'}: {e.message[:300]}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def cyclonedx(text, document):
    import cyclonedx.schema._res as res
    from cyclonedx.model.bom import Bom
    from cyclonedx.output.json import JsonV1Dot6
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    folder = os.path.dirname(res.__file__)
    def load(name):
        return json.load(open(os.path.join(folder, name)))
    schema = load("bom-1.6.SNAPSHOT.schema.json")
    # The packaged bom schema names its neighbours by file name (spdx, jsf, cryptography-defs).
    registry = Registry().with_resources([
        (f"http://cyclonedx.org/schema/{name}{suffix}", Resource.from_contents(load(f"{name}.SNAPSHOT.schema.json")))
        for name in ("spdx", "jsf-0.82", "cryptography-defs")
        for suffix in (".schema.json", ".SNAPSHOT.schema.json")
        if os.path.exists(os.path.join(folder, f"{name}.SNAPSHOT.schema.json"))
    ])
    validator = jsonschema.Draft7Validator(schema, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    found = problems(validator, document)
    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    if error is not None:
        found.append(f"cyclonedx-python-lib JsonStrictValidator: {str(error)[:300]}")
    if found:
        return found, ""
    # Round trip: the library reads our BOM into its model and writes it again, losing nothing we rely on.
    bom = Bom.from_json(document)
    again = json.loads(JsonV1Dot6(bom).output_as_string())
    def all_components(doc):
        out, stack = [], list(doc.get("components", []))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(c.get("components", []))
        return out
    ours = sorted(c.get("purl", "") for c in all_components(document))
    theirs = sorted(c.get("purl", "") for c in all_components(again))
    if ours != theirs:
        found.append(f"round trip changed the components: {len(ours)} before, {len(theirs)} after")
    if len(document.get("vulnerabilities", [])) != len(again.get("vulnerabilities", [])):
        found.append("round trip changed the number of vulnerabilities")
    found += [f"round trip: {p}" for p in problems(validator, again)]
    return found, f"{len(ours)} components, {len(document.get('vulnerabilities', []))} vulnerabilities, round trip intact"


def main():
    args = sys.argv[1:]
    schemas = None
    if "--schemas" in args:
        i = args.index("--schemas")
        schemas = args[i + 1]
        del args[i:i + 2]
    kind, path = args
    text = open(path).read()
    document = json.loads(text)
    if kind == "cyclonedx":
        found, summary = cyclonedx(text, document)
    elif kind == "spdx":
        schema = json.load(open(os.path.join(schemas, "spdx-2.3-schema.json")))
        found = problems(jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER), document)
        summary = f"{len(document.get('packages', []))} packages, {len(document.get('relationships', []))} relationships"
    elif kind == "sarif":
        schema = json.load(open(os.path.join(schemas, "sarif-schema-2.1.0.json")))
        found = problems(jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER), document)
        run = document["runs"][0]
        summary = f"{len(run['tool']['driver']['rules'])} rules, {len(run['results'])} results"
    else:
        sys.exit(f"unknown format {kind}")
    for line in found:
        print(line)
    if found:
        sys.exit(1)
    print(f"valid {kind}: {summary}")


main()
