#!/usr/bin/env python3
"""Records what cfn-lint's E3601 says about the template corpus, for test/sources/cfn-lint.test.ts.

cfn-lint is not a dependency and CI does not have it: this script is run by hand where it is
installed (`python3 scripts/record-cfn-lint.py`), and writes test/sources/cfn-lint-e3601.json.

For every CloudFormation/SAM case of ../shared/corpus/templates (cfn-lint reads neither
Serverless nor Terraform files) it records:
- the findings of the state machine rules (E36xx, and E1029 on state machines) as cfn-lint
  reports them (rule, message, path);
- for each state machine, whether E3601 validates its definition at all: found by planting a
  definition that cannot be valid (a state whose Type is "NotAType") in a copy of the template
  and seeing whether E3601 reports it. cfn-lint transforms SAM templates first, and skips a definition
  built with an intrinsic function, so this is how it behaves, not how its docs say it does.
"""
import json
import os
import subprocess
import sys

import cfnlint
import cfnlint.api
import cfnlint.decode

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "templates")
OUT = os.path.join(ROOT, "test", "sources", "cfn-lint-e3601.json")
TYPES = ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine")
PLANT = {"StartAt": "A", "States": {"A": {"Type": "NotAType", "End": True}}}
KINDS = ("sam", "sam-translator-output", "cfn-yaml", "cfn-json")

def findings(path):
    out = subprocess.run(["cfn-lint", "--format", "json", "--", path], capture_output=True, text=True)
    try:
        data = json.loads(out.stdout or "[]")
    except json.JSONDecodeError:
        return [{"rule": "parse", "message": (out.stdout + out.stderr).strip()[:300], "path": []}]
    return [
        {"rule": m["Rule"]["Id"], "message": m["Message"], "path": m["Location"].get("Path") or []}
        for m in data
        if m["Rule"]["Id"].startswith("E36") or (m["Rule"]["Id"] == "E1029" and any(str(p).startswith("Definition") for p in (m["Location"].get("Path") or [])))
    ]

def plain(value):
    """cfn-lint's decoded nodes as plain JSON values."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value

def validated(path):
    """Logical ids of the state machines whose definition E3601 validates."""
    template, matches = cfnlint.decode.decode(path)
    if template is None:
        return {}, "cannot be decoded: " + "; ".join(str(m.message) for m in matches)
    template = plain(template)
    resources = template.get("Resources") or {}
    result = {}
    for name, resource in resources.items():
        if not isinstance(resource, dict) or resource.get("Type") not in TYPES:
            continue
        props = resource.get("Properties") or {}
        planted = json.loads(json.dumps(template, default=str))
        target = planted["Resources"][name].setdefault("Properties", {})
        if isinstance(props.get("Definition"), dict):
            target["Definition"] = PLANT
        elif isinstance(props.get("DefinitionString"), str):
            target["DefinitionString"] = json.dumps(PLANT)
        else:
            result[name] = False
            continue
        matches = cfnlint.api.lint(json.dumps(planted, default=str))
        result[name] = any(m.rule.id.startswith("E36") and name in [str(p) for p in (m.path or [])] for m in matches)
    return result, None

def main():
    manifest = json.load(open(os.path.join(CORPUS, "manifest.json")))
    cases = []
    for case in manifest:
        if case["kind"] not in KINDS:
            continue
        path = os.path.join(CORPUS, case["dir"], case["file"])
        machines, error = validated(path)
        entry = {"dir": case["dir"], "file": case["file"], "validated": machines, "findings": findings(path)}
        if error:
            entry["error"] = error
        cases.append(entry)
        print(case["dir"], machines, len(entry["findings"]), file=sys.stderr)
    version = subprocess.run(["cfn-lint", "--version"], capture_output=True, text=True).stdout.strip()
    with open(OUT, "w") as f:
        json.dump({"tool": version, "cases": cases}, f, indent=1)
        f.write("\n")

if __name__ == "__main__":
    main()
