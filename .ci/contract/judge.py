#!/usr/bin/env python3
"""The contract test's spec work, for .ci/contract.sh.

  judge.py spec IN OUT
      Writes the spec Prism serves: IN with every security requirement that names several
      schemes split into one requirement per scheme. SuperOffice's specs put both schemes in
      one requirement object ({"SuperOffice Password": [], "SuperId Authentication": []}),
      which in Swagger 2.0 means both at once (Basic AND Bearer in one Authorization header,
      which no request can send, so Prism refuses every request with 401); their own
      descriptions present them as alternatives, as the server takes them. Nothing else changes.

  judge.py candidates SPEC... < contract_check output
      Prints, for each failure a kind below explains, the `id: kind: spec: fact` line the fact
      computed from the spec: a draft of ARTIFACTS, to review entry by entry.

  judge.py check ARTIFACTS SPEC... < contract_check output
      Reads the contract check's lines, and fails (exit 1) on any endpoint that did not pass
      unless ARTIFACTS lists it and the spec fact its entry names holds, checked here in the
      spec, for the failure seen. Also fails when an entry's fact does not hold in the spec
      (a list that no longer describes the spec). Prints what it explained and what not.

ARTIFACTS has one `id: kind: fact` per line (`#` comments); the kinds:

  patch-no-consumes     the operation is a PATCH whose spec lists no `consumes`, so Prism
                        refuses every body with 415; the failure must be that 415.
  invented-byte         the 2xx response schema has a `format: byte` string, which Prism fills
                        with invented text that is not base64; the failure must be a decode
                        failure of base64.
  overlapping-template  another operation of that method has the same template up to its
                        parameters' names (`/Hierarchy/{id}`, `/Hierarchy/{domain}`); the
                        server tells them apart by the parameters' types, Prism's router
                        (best per-segment score, ties to the later operation of the spec, a
                        literal path over a templated one) does not. The URL the contract
                        check printed must route to another operation, and the failure must be
                        that operation's: each violation a path parameter only it has (or
                        types differently) or a body only it requires, or a response schema
                        other than the intended operation's.
"""

import json
import re
import os
import sys
import urllib.parse

KINDS = ("patch-no-consumes", "invented-byte", "overlapping-template")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
LINE = re.compile(r"^(rejected|decode_fail|other) (\S+) ([A-Z]+) (\S+): (.*)$")


def derive_spec(src, dst):
    with open(src, encoding="utf-8-sig") as f:
        spec = json.load(f)
    split = 0

    def alternatives(requirements):
        nonlocal split
        out = []
        for req in requirements:
            if len(req) > 1:
                split += 1
                out.extend({name: scopes} for name, scopes in req.items())
            else:
                out.append(req)
        return out

    if isinstance(spec.get("security"), list):
        spec["security"] = alternatives(spec["security"])
    for ops in spec.get("paths", {}).values():
        for method, op in ops.items():
            if method in METHODS and isinstance(op.get("security"), list):
                op["security"] = alternatives(op["security"])
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(spec, f)
    print(f"{dst}: {split} security requirements split into alternatives")


class Specs:
    """The operations of each spec, in the order Prism lists them (paths, then methods, in
    the order of the document)."""

    def __init__(self, paths):
        self.by_id = {}  # operationId -> (method, template, operation, spec index)
        self.specs = []
        for path in paths:
            with open(path, encoding="utf-8-sig") as f:
                spec = json.load(f)
            ops = []
            for template, item in spec.get("paths", {}).items():
                for method, op in item.items():
                    if method in METHODS:
                        entry = (method, template, op, len(self.specs))
                        ops.append(entry)
                        self.by_id[op.get("operationId")] = entry
            self.specs.append((spec, ops))

    def definitions(self, entry):
        return self.specs[entry[3]][0].get("definitions", {})

    def route(self, entry, method, path):
        """The operation Prism's router picks for `method path` in the spec of `entry`."""
        ops = self.specs[entry[3]][1]
        request = path.split("/")

        def score(template):
            s = 0
            for i, seg in enumerate(template.split("/")):
                if i < len(request) and seg == request[i]:
                    s += 1
                elif is_templated(seg):
                    s += 0.5
                else:
                    break
            return s

        # A stable ascending sort by score, then reversed: ties go to the later operation.
        ranked = sorted(ops, key=lambda e: score(e[1]))[::-1]
        matches = [(e, match(e[1], path)) for e in ranked if e[0] == method.lower()]
        matches = [(e, m) for e, m in matches if m]
        if not matches:
            return None
        concrete = [e for e, m in matches if m == "concrete"]
        return (concrete or [matches[0][0]])[0]


def is_templated(segment):
    return re.search(r"{(.+)}", segment) is not None


def match(template, path):
    """'concrete', 'templated' or None, as Prism's matchPath: literal segments equal to the
    URL-decoded request's, templated ones matched by their pattern (unanchored, as Prism)."""
    t, p = template.split("/")[1:], [urllib.parse.unquote(s) for s in path.split("/")[1:]]
    if len(t) != len(p):
        return None
    templated = False
    for ts, ps in zip(t, p):
        if not is_templated(ts):
            if ts != ps:
                return None
            continue
        pattern = re.sub(r"\\{[^\\]+\\}", "(.*)", re.escape(ts))
        if not re.search(pattern, ps):
            return None
        templated = True
    return "templated" if templated else "concrete"


def has_byte(schema, defs, seen=frozenset()):
    """Whether `schema` reaches a string of `format: byte`."""
    if not isinstance(schema, dict):
        return False
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name in seen:
            return False
        return has_byte(defs.get(name), defs, seen | {name})
    if schema.get("type") == "string" and schema.get("format") == "byte":
        return True
    subs = list(schema.get("properties", {}).values())
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            subs.append(schema[key])
    subs.extend(schema.get("allOf", []))
    return any(has_byte(s, defs, seen) for s in subs)


def fact_holds(specs, op_id, kind):
    """Why `kind` is true of `op_id` in the spec, or None when it is not."""
    entry = specs.by_id.get(op_id)
    if entry is None:
        return None
    method, template, op, _ = entry
    spec = specs.specs[entry[3]][0]
    if kind == "patch-no-consumes":
        if method == "patch" and not op.get("consumes") and not spec.get("consumes"):
            return f"PATCH {template} lists no consumes"
    elif kind == "invented-byte":
        for status, resp in op.get("responses", {}).items():
            if status.startswith("2") and has_byte(resp.get("schema"), specs.definitions(entry)):
                return f"the {status} schema of {method.upper()} {template} has a format: byte string"
    elif kind == "overlapping-template":
        others = [
            f"{e[0].upper()} {e[1]} ({e[2].get('operationId')})"
            for e in specs.specs[entry[3]][1]
            if e[0] == method and e[2] is not op and shape(e[1]) == shape(template)
        ]
        if others:
            return f"{method.upper()} {template} has the template of " + ", ".join(others)
    return None


def shape(template):
    """The template with its parameters' names left out: two operations of one method and
    one shape match exactly the same URLs, and only their parameters' types tell them apart."""
    return re.sub(r"{[^}]+}", "{}", template)


def explains(specs, kind, failure):
    """Whether the failure seen is the one `kind` predicts."""
    category, op_id, method, url, message = failure
    if kind == "patch-no-consumes":
        return category == "rejected" and message.startswith("415 ")
    if kind == "invented-byte":
        return category == "decode_fail" and "base64" in message.lower()
    if kind == "overlapping-template":
        entry = specs.by_id.get(op_id)
        picked = entry and specs.route(entry, method, url.split("?", 1)[0])
        if not picked or picked[2] is entry[2]:
            return False
        if category == "decode_fail":
            return success_schema(picked) != success_schema(entry)
        return category == "rejected" and all(
            caused_by(v, entry, picked) for v in violations(message)
        )
    return False


def success_schema(entry):
    for status, resp in sorted(entry[2].get("responses", {}).items()):
        if status.startswith("2"):
            return resp.get("schema")
    return None


def violations(message):
    """The violations of a `rejected` line's message (after its status)."""
    _, _, rest = message.partition(" ")
    return [v.strip() for v in rest.split("; ") if v.strip()]


def params(entry, where):
    return {
        p.get("name", "").lower(): p
        for p in entry[2].get("parameters", [])
        if p.get("in") == where
    }


def caused_by(violation, entry, picked):
    """Whether `violation` is one the picked operation has and the intended one cannot: a path
    parameter only the picked one has (or types differently), or a body only the picked one
    requires."""
    location, _, _ = violation.partition(" ")
    if "Body parameter is required" in violation:
        body = [p for p in params(entry, "body").values() if p.get("required")]
        return not body and any(p.get("required") for p in params(picked, "body").values())
    name = location.removeprefix("request.").removeprefix("path.")
    if not location.removeprefix("request.").startswith("path."):
        return False
    mine, theirs = params(entry, "path").get(name), params(picked, "path").get(name)
    return theirs is not None and (mine is None or mine != theirs)


def read_artifacts(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split(":", 2)]
            if len(parts) != 3 or parts[1] not in KINDS or not parts[2]:
                sys.exit(f"{path}:{n}: expected `id: kind: fact` with kind one of {', '.join(KINDS)}")
            if parts[0] in out:
                sys.exit(f"{path}:{n}: {parts[0]} listed twice")
            out[parts[0]] = (parts[1], parts[2], n)
    return out


def check(artifacts_path, spec_paths):
    specs = Specs(spec_paths)
    artifacts = read_artifacts(artifacts_path)
    bad = False
    for op_id, (kind, _, n) in sorted(artifacts.items()):
        if fact_holds(specs, op_id, kind) is None:
            print(f"{artifacts_path}:{n}: {op_id}: the spec does not say {kind}")
            bad = True
    failures, summaries = [], []
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line.startswith("CONTRACT "):
            summaries.append(line)
        m = LINE.match(line)
        if m:
            failures.append(m.groups())
    if not summaries:
        print("the contract check printed no CONTRACT line")
        return 1
    explained, unexplained = [], []
    for failure in failures:
        entry = artifacts.get(failure[1])
        if entry and explains(specs, entry[0], failure):
            explained.append((failure, entry))
        else:
            unexplained.append(failure)
    seen = {f[1] for f in failures}
    for failure, (kind, fact, _) in explained:
        print(f"prism artifact {failure[1]} ({kind}): {fact_holds(specs, failure[1], kind)}")
    for op_id in sorted(set(artifacts) - seen):
        print(f"note: {op_id} is listed as a Prism artifact but passed")
    known = read_known_defects(artifacts_path)
    known_failing = [f for f in unexplained if f[1] in known]
    unexplained = [f for f in unexplained if f[1] not in known]
    for category, op_id, method, url, message in known_failing:
        print(f"known defect {category} {op_id}: {known[op_id]}")
    for op_id in sorted(set(known) - seen):
        print(f"note: {op_id} is listed as a known defect but passes: remove it from the list")
    for category, op_id, method, url, message in unexplained:
        print(f"UNEXPLAINED {category} {op_id} {method} {url}: {message}")
    print(
        f"contract judge: {len(failures)} failures, {len(explained)} Prism artifacts, "
        f"{len(known_failing)} known client/docs defects, {len(unexplained)} unexplained"
    )
    return 1 if unexplained or bad else 0


def read_known_defects(artifacts_path):
    """`id -> family` of contract-known-defects.txt beside the artifacts list: the client and
    docs defects still open (issue 18). Kept apart from the Prism artifacts, so that list names
    only facts of the spec; a failure in neither list fails the test."""
    path = os.path.join(os.path.dirname(os.path.abspath(artifacts_path)), "contract-known-defects.txt")
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            op_id, _, family = line.partition(": ")
            out[op_id] = family
    return out


def candidates(spec_paths):
    """`id: kind: fact` for each failure of the contract check's output that a kind explains,
    its fact computed from the spec: a draft of ARTIFACTS to review, never to paste blindly."""
    specs = Specs(spec_paths)
    for line in sys.stdin:
        m = LINE.match(line.rstrip("\n"))
        if not m:
            continue
        failure = m.groups()
        for kind in KINDS:
            fact = fact_holds(specs, failure[1], kind)
            if fact and explains(specs, kind, failure):
                print(f"{failure[1]}: {kind}: spec: {fact}")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "candidates":
        return candidates(argv[2:])
    if len(argv) == 4 and argv[1] == "spec":
        derive_spec(argv[2], argv[3])
        return 0
    if len(argv) >= 4 and argv[1] == "check":
        return check(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
