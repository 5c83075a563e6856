#!/usr/bin/env python3
"""Writes english-words.txt: the common (lower-case) English words of Debian's
wamerican word list, one per line, sorted.

geotag's recognizer uses it to tell a town named like an English word ("Reading",
"Bath", "Mobile", "Snow", "Police") from the word: such a name is a place only where
the context says so ("in Reading") or when the place is notable.

Source: Debian package wamerican 2020.12.07-2 (/usr/share/dict/american-english),
from SCOWL by Kevin Atkinson; its copyright permits copying and redistribution (see
/usr/share/doc/wamerican/copyright). Only words written entirely in lower-case ASCII
letters are kept: capitalised entries are proper nouns, and forms with an apostrophe
are possessives.
"""
import pathlib
import subprocess
import sys

EXPECTED_VERSION = "2020.12.07-2"
SOURCE = pathlib.Path("/usr/share/dict/american-english")


def main() -> int:
    version = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "wamerican"], capture_output=True, text=True
    ).stdout.strip()
    if version != EXPECTED_VERSION:
        print(f"need wamerican {EXPECTED_VERSION} (apt-get install wamerican), found '{version}'", file=sys.stderr)
        return 2
    words = sorted({w for w in SOURCE.read_text(encoding="utf-8").split() if w.isascii() and w.isalpha() and w == w.lower()})
    out = pathlib.Path(__file__).with_name("english-words.txt")
    out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{out}: {len(words)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
