#!/usr/bin/env python3
"""The project export (report --format json --template project) against docs/project-export.schema.json.

Usage: validate_json_schema.py STEGVIS_BINARY SCHEMA

Writes the export of a demo project and of an empty new project with the real binary and validates
both, with date formats checked. Then breaks the demo's export in the ways a drifting writer would
(a number as a string, a key left out, an unknown key, an impossible date, an unknown option key,
"" for null, a boolean as a string) and requires each broken document to be rejected, so the test
fails when the schema stops checking. Exit 0 when all holds, 1 when not, 77 (skipped) when the
jsonschema module is missing (Debian: python3-jsonschema; ./stegvis test installs it).
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("skipped: the Python module jsonschema is missing (apt-get install python3-jsonschema)")
    sys.exit(77)


def run(binary, args, env):
    r = subprocess.run([binary] + args, env=env, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise SystemExit("FAIL: stegvis %s exited %d: %s" % (" ".join(args), r.returncode, r.stderr.strip()))


def export(binary, db, out, env):
    run(binary, ["report", "--db", db, "--format", "json", "--template", "project", "--out", out], env)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 1
    binary, schema_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_DATA_HOME=tmp)  # never the user's own data folder
        demo_db, empty_db = os.path.join(tmp, "demo.stegvis"), os.path.join(tmp, "tom.stegvis")
        run(binary, ["demo", "--db", demo_db], env)
        run(binary, ["new", "--db", empty_db, "--name", "Införande 2027", "--org", "Umeå kommun"], env)
        docs = {
            "demo": export(binary, demo_db, os.path.join(tmp, "demo.json"), env),
            "empty": export(binary, empty_db, os.path.join(tmp, "tom.json"), env),
        }
    for name, doc in docs.items():
        found = errors(validator, doc)
        for e in found[:20]:
            print("FAIL: %s export: %s: %s" % (name, "/".join(str(p) for p in e.absolute_path), e.message))
        if found:
            failed = True
        else:
            print("ok: the %s export validates" % name)

    demo = docs["demo"]
    if not demo["recommendations"] or demo["recommendations"][0]["inventory"] is None or not demo["decisions"]:
        print("FAIL: the demo export lacks the parts the broken documents are made from")
        return 1

    def number_as_string(d):
        row = d["recommendations"][0]["inventory"]
        row["volume"] = str(row["volume"])

    def key_left_out(d):
        del d["steps"][0]["notes"]

    def unknown_key(d):
        d["project"]["municipality_code"] = "2480"

    def impossible_date(d):
        d["written_on"] = "2026-02-30"  # matches the pattern; only the date format rejects it

    def unknown_option(d):
        d["recommendations"][0]["inventory"]["offered"] = "kanske"

    def empty_for_null(d):
        d["steps"][0]["notes"] = ""

    def boolean_as_string(d):
        d["decisions"][0]["withdrawn"] = "false"

    for breaker in (number_as_string, key_left_out, unknown_key, impossible_date, unknown_option, empty_for_null,
                    boolean_as_string):
        broken = copy.deepcopy(demo)
        breaker(broken)
        if errors(validator, broken):
            print("ok: rejected (%s)" % breaker.__name__.replace("_", " "))
        else:
            print("FAIL: a document with %s was accepted" % breaker.__name__.replace("_", " "))
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
