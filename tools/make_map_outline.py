"""Derive the map's simplified country outlines from Natural Earth (via the world-atlas package).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_map_outline.py package/countries-50m.json > docs/background/map/outline.json

world-atlas 2.0.2 (ISC licence) redistributes Natural Earth's 1:50m Admin 0 country boundaries,
version 4.1.0, as TopoJSON; Natural Earth data is in the public domain. This script decodes the
TopoJSON arcs of Iraq and its neighbours, simplifies each ring (Douglas-Peucker, 0.02°) and rounds
to 3 decimals. The output is committed; the build draws the map from it, with no network access.
"""

from __future__ import annotations

import json
import sys

COUNTRIES = {
    "368": "Iraq",
    "364": "Iran",
    "792": "Turkey",
    "760": "Syria",
    "400": "Jordan",
    "682": "Saudi Arabia",
    "414": "Kuwait",
}
TOLERANCE = 0.02


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indices) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def simplify(pts, tol):
    if len(pts) < 4:
        return pts
    (x1, y1), (x2, y2) = pts[0], pts[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1e-12
    far, index = 0.0, 0
    for i, (x, y) in enumerate(pts[1:-1], 1):
        d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if (dx or dy) else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, index = d, i
    if far <= tol:
        return [pts[0], pts[-1]]
    return simplify(pts[: index + 1], tol)[:-1] + simplify(pts[index:], tol)


def main(path: str) -> None:
    topo = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") not in COUNTRIES:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = []
        for poly in polys:
            outer = ring(arcs, poly[0])
            half = len(outer) // 2  # simplify a closed ring as two open halves, so it stays closed
            pts = simplify(outer[: half + 1], TOLERANCE)[:-1] + simplify(outer[half:], TOLERANCE)
            if len(pts) >= 4:
                rings.append([[round(x, 3), round(y, 3)] for x, y in pts])
        countries.append({"id": geom["id"], "name": COUNTRIES[geom["id"]], "rings": rings})
    json.dump(
        {
            "source": "world-atlas 2.0.2, countries-50m.json: Natural Earth 1:50m Admin 0 country boundaries, version 4.1.0",
            "licence": "Natural Earth data: public domain. world-atlas packaging: ISC licence, Copyright 2013-2019 Michael Bostock.",
            "derived_by": "tools/make_map_outline.py (Douglas-Peucker 0.02 degrees, 3 decimals)",
            "countries": sorted(countries, key=lambda c: c["name"]),
        },
        sys.stdout,
        indent=0,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
