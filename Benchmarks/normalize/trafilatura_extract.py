"""Runs trafilatura on HTML files and prints one JSON object per file, in order, with
the fields geotag's `normalize --format json` prints. Run by compare.py with the
benchmark's own virtual environment; never a dependency of geotag.

    python trafilatura_extract.py [--jobs N] FILE...

Settings: comments are not included (the expected texts hold none, and geotag drops
them), everything else is trafilatura's default (tables included, no images).
"""
import json
import multiprocessing
import sys

import trafilatura


def extract(path):
    with open(path, "rb") as handle:
        html = handle.read()
    document = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if document is None:
        return {"file": path, "text": None}
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {
        "file": path,
        "title": data.get("title"),
        "published": data.get("date"),
        "author": data.get("author"),
        "site": data.get("sitename"),
        "url": data.get("url"),
        "language": data.get("language"),
        "text": data.get("text"),
    }


def main(arguments):
    jobs = 1
    if arguments[:1] == ["--jobs"]:
        jobs, arguments = int(arguments[1]), arguments[2:]
    if jobs > 1:
        with multiprocessing.Pool(jobs) as pool:
            results = pool.map(extract, arguments, chunksize=16)
    else:
        results = map(extract, arguments)
    out = sys.stdout
    for result in results:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
