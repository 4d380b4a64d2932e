#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Render the redund netlink spec as tables for the project's own clients.

  tables.py SPEC --cpp OUT.h   libmnl attribute policies for the controller
  tables.py SPEC --json OUT    the spec's names, values and types for the
                               selftests' Python tools

The kernel's ynl-gen-c.py renders the UAPI header and the module's
policies; these two outputs have no counterpart there (the controller
uses libmnl, not libynl, and the selftests' tools must run with Python's
standard library only). Called by scripts/ynl-gen.
"""

import argparse
import json
import sys

import yaml

SPEC_PATH = "Documentation/netlink/specs/redund.yaml"

# Spec attribute type -> libmnl type. Binary attributes (a MAC, an IPv6
# address) and pads get none: the parsers check their lengths.
MNL_TYPES = {
    "u8": "MNL_TYPE_U8",
    "u16": "MNL_TYPE_U16",
    "u32": "MNL_TYPE_U32",
    "u64": "MNL_TYPE_U64",
    "string": "MNL_TYPE_STRING",
    "flag": "MNL_TYPE_FLAG",
    "nest": "MNL_TYPE_NESTED",
}


def c_upper(name):
    return name.upper().replace("-", "_")


def camel(name):
    return "".join(part.capitalize() for part in name.split("-"))


def family_sets(spec):
    """The attribute sets generic netlink uses: every set but those that
    no command, event or nest refers to (rtnetlink's link-info)."""
    used = set()
    for op in spec["operations"]["list"]:
        if "attribute-set" in op:
            used.add(op["attribute-set"])
    by_name = {s["name"]: s for s in spec["attribute-sets"]}
    todo = list(used)
    while todo:
        for attr in by_name[todo.pop()]["attributes"]:
            nested = attr.get("nested-attributes")
            if nested and nested not in used:
                used.add(nested)
                todo.append(nested)
    return [s for s in spec["attribute-sets"] if s["name"] in used]


def render_cpp(spec):
    out = [
        "// Generated from %s by scripts/ynl-gen: do not edit." % SPEC_PATH,
        "//",
        "// The libmnl type of each attribute of the redund family, one table per",
        "// attribute set, indexed by attribute type. Binary attributes and pads",
        "// have none (MNL_TYPE_UNSPEC): their parsers check them.",
        "#pragma once",
        "",
        "#include <libmnl/libmnl.h>",
        "#include <linux/redund.h>",
        "",
        "#include <array>",
        "",
        "namespace redund::nl {",
    ]
    for aset in family_sets(spec):
        prefix = c_upper(aset["name-prefix"])
        const = "kRedund%sPolicy" % ("" if aset["name"] == spec["name"]
                                     else camel(aset["name"]))
        out += [
            "",
            "// Attribute set %s." % aset["name"],
            "inline constexpr auto %s = [] {" % const,
            "  std::array<mnl_attr_data_type, %sMAX + 1> policy{};" % prefix,
        ]
        for attr in aset["attributes"]:
            mnl = MNL_TYPES.get(attr["type"])
            if mnl:
                out.append("  policy[%s%s] = %s;" % (prefix, c_upper(attr["name"]), mnl))
        out += ["  return policy;", "}();"]
    out += ["", "}  // namespace redund::nl", ""]
    return "\n".join(out)


def render_json(spec):
    consts = {}
    enums = {}
    for d in spec.get("definitions", []):
        if d["type"] == "const":
            consts[d["name"]] = d["value"]
        elif d["type"] == "enum":
            value = d.get("value-start", 0)
            entries = {}
            for e in d["entries"]:
                if isinstance(e, str):
                    e = {"name": e}
                value = e.get("value", value)
                entries[e["name"]] = value
                value += 1
            enums[d["name"]] = entries

    attr_sets = {}
    for aset in spec["attribute-sets"]:
        value = 1  # numbering as in the kernel's tools/net/ynl/lib/nlspec.py
        attrs = {}
        for a in aset["attributes"]:
            value = a.get("value", value)
            if a["type"] != "unused":
                entry = {"value": value, "type": a["type"]}
                for key in ("nested-attributes", "multi-attr", "display-hint",
                            "byte-order", "enum", "checks"):
                    if key in a:
                        entry[key] = a[key]
                attrs[a["name"]] = entry
            value += 1
        attr_sets[aset["name"]] = attrs

    ops = {}
    value = 1
    for op in spec["operations"]["list"]:
        value = op.get("value", value)
        entry = {"value": value}
        value += 1
        for key in ("attribute-set", "flags"):
            if key in op:
                entry[key] = op[key]
        for mode in ("do", "dump"):
            if mode in op:
                entry[mode] = {part: op[mode][part]["attributes"]
                               for part in ("request", "reply")
                               if part in op[mode]}
        if "event" in op:
            entry["event"] = op["event"]["attributes"]
        ops[op["name"]] = entry

    tables = {
        "_comment": "Generated from %s by scripts/ynl-gen: do not edit."
                    % SPEC_PATH,
        "family": spec["name"],
        "version": spec.get("version", 1),
        "mcast-groups": [g["name"] for g in spec.get("mcast-groups", {}).get("list", [])],
        "consts": consts,
        "enums": enums,
        "attribute-sets": attr_sets,
        "operations": ops,
    }
    return json.dumps(tables, indent=1) + "\n"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec")
    parser.add_argument("--cpp", metavar="OUT")
    parser.add_argument("--json", metavar="OUT")
    args = parser.parse_args(argv)
    with open(args.spec, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    if args.cpp:
        with open(args.cpp, "w", encoding="utf-8") as f:
            f.write(render_cpp(spec))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(render_json(spec))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
