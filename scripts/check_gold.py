#!/usr/bin/env python3
"""Check a set's gold files: YAML parses, required fields present, every quote occurs exactly once.

The checker the sets' writers ran (heldout9/ to heldout16/ kept copies of it):

    python3 scripts/check_gold.py heldout15
"""
import sys, glob, os, yaml

FIELDS = ["quote", "value", "unit", "qualifier", "change", "subject", "place", "year", "reported_by", "agency"]
QUALS = {"exact", "more-than", "at-least", "about", "up-to", "less-than"}
KINDS = {"us-government", "partner-government", "security-force", "armed-group", "international",
         "training-institution", "other"}

def check(d):
    ok = True
    golds = sorted(glob.glob(os.path.join(d, "*.gold.yaml")))
    for g in golds:
        data = yaml.safe_load(open(g, encoding="utf-8"))
        txt_path = os.path.join(d, data["document"])
        text = open(txt_path, encoding="utf-8").read()
        names = set()
        for o in data.get("organizations") or []:
            assert o["kind"] in KINDS, (g, o)
            names.add(o["name"]); names.update(o.get("aliases") or [])
        org_names = set(names)  # a credited agency or a reporter is an organization
        for p in data.get("programs") or []:
            names.add(p["name"]); names.update(p.get("aliases") or [])
        for m in data.get("measurements") or []:
            for f in FIELDS:
                if f not in m:
                    print(f"{g}: missing {f} in {m.get('quote')}"); ok = False
            n = text.count(m["quote"])
            if n != 1:
                print(f"{g}: quote occurs {n} times: {m['quote']!r}"); ok = False
            if m.get("qualifier") not in QUALS:
                print(f"{g}: bad qualifier {m.get('qualifier')}"); ok = False
            if m.get("change") not in (None, "increase", "decrease"):
                print(f"{g}: bad change {m.get('change')}"); ok = False
            for f in ("reported_by", "agency"):
                if m.get(f) is not None and m[f] not in org_names:
                    print(f"{g}: {f} {m[f]!r} is not an organization name/alias"); ok = False
            vmax = m.get("value_max")
            if vmax is not None and (isinstance(vmax, bool) or not isinstance(vmax, (int, float))):
                print(f"{g}: value_max must be a number or null: {vmax!r}"); ok = False
            if m.get("place") is not None and m["place"] not in data["places"]:
                print(f"{g}: place {m['place']!r} not in places"); ok = False
        for a in data.get("activities") or []:
            if a["actor"] not in names:
                print(f"{g}: note: actor {a['actor']!r} not an org/program name")
        for p in data.get("places") or []:
            if p not in text:
                print(f"{g}: note: place {p!r} not literally in text")
        print(f"{os.path.basename(g)}: {len(data.get('measurements') or [])} measurements, "
              f"{len(data.get('organizations') or [])} orgs, {len(data.get('programs') or [])} programs, "
              f"{len(data.get('activities') or [])} activities, {len(text.split())} words")
    return ok

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_gold.py SET_FOLDER")
    sys.exit(0 if check(sys.argv[1]) else 1)
