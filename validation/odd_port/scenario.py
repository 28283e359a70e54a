"""Scenario: defaults from docs/scenarios.md's generated table, the TOML file, then --set overrides."""
import os
import re
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "..", "docs", "scenarios.md")


def _convert(text):
    t = text.strip()
    m = re.fullmatch(r"(-?[\d.]+) each", t)
    if m:  # a per-dimension parameter: the same number on every dimension (expanded in load)
        return PerDimension(float(m.group(1)))
    if t in ("true", "false"):
        return t == "true"
    try:
        if re.fullmatch(r"-?\d+", t):
            return int(t)
        return float(t)
    except ValueError:
        return t


class PerDimension(float):
    """Default of a per-dimension parameter ("0.5 each"): one number for each of opgave.dimensions."""


def defaults():
    out = {}
    in_params = False
    with open(DOCS) as fh:
        for line in fh:
            if line.startswith("### Parameters"):
                in_params = True
            elif line.startswith("### ") and in_params:
                break
            m = re.match(r"\| `([a-z_.]+(?:<a>)?[a-z_.]*)` \| ([^|]*) \|", line)
            if in_params and m:
                out[m.group(1)] = _convert(m.group(2))
    return out


def _flatten(d, prefix=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _flatten(v, prefix + k + ".")
        else:
            yield prefix + k, v


def _merge(base, child):
    out = dict(base)
    for k, v in child.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def read_toml(path):
    with open(path, "rb") as fh:
        doc = tomllib.load(fh)
    ext = doc.pop("extends", None)
    if ext is not None:
        base = read_toml(os.path.join(os.path.dirname(os.path.abspath(path)), ext))
        doc = _merge(base, doc)
    return doc


def load(path, sets=()):
    params = defaults()
    doc = read_toml(path)
    partners = doc.pop("partners", {})
    for k, v in _flatten(doc):
        if k.startswith("scenario."):
            continue
        params[k] = v
    plist = []
    for name, cols in partners.items():
        p = {"name": name, "passion": 0.5, "commitment": 0.5, "urgency": 0.8, "resources": 1.0}
        p.update(cols)
        plist.append(p)
    K = int(params["opgave.dimensions"])
    for s in sets:
        if s.split("=", 1)[0] == "opgave.dimensions":
            K = int(s.split("=", 1)[1])
    for k, v in params.items():
        if isinstance(v, PerDimension):
            params[k] = [float(v)] * K
    for s in sets:
        key, val = s.split("=", 1)
        val = tomllib.loads("v = " + val)["v"] if not re.fullmatch(r"[A-Za-z_]\w*", val) or val in ("true", "false") else val
        if key.startswith("partners."):
            _, name, col = key.split(".", 2)
            p = next(p for p in plist if p["name"] == name)
            m = re.fullmatch(r"(\w+)\[(\d+)\]", col)
            if m:
                p[m.group(1)][int(m.group(2))] = val
            else:
                p[col] = val
        else:
            m = re.fullmatch(r"([a-z_.]+)\[(\d+)\]", key)
            if m:  # one number of a per-dimension parameter (docs/scenarios.md, --set)
                params[m.group(1)] = list(params[m.group(1)])
                params[m.group(1)][int(m.group(2))] = float(val)
                continue
            if key not in params:
                raise KeyError(key)
            params[key] = val
    return params, plist
