"""Token-level F1 of extracted texts against the expected texts of the fixture pages.

A token is a maximal run of letters, digits and underscores (Python's \\w, Unicode),
lower-cased; precision and recall count tokens as a multiset (bag of words), as the
published comparisons of main-text extractors do.
"""
import collections
import json
import os
import re

TOKEN = re.compile(r"\w+", re.UNICODE)
FIELDS = ["title", "published", "author", "site", "url", "language"]


def tokens(text):
    return TOKEN.findall((text or "").lower())


def f1(predicted, expected):
    p, e = collections.Counter(tokens(predicted)), collections.Counter(tokens(expected))
    common = sum((p & e).values())
    if not p and not e:
        return 1.0, 1.0, 1.0
    if common == 0:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(e.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def pages(folder):
    """(name, html path, expected text, expected metadata) of every fixture page."""
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".html"):
            continue
        stem = os.path.join(folder, name[:-5])
        with open(stem + ".txt", encoding="utf-8") as handle:
            text = handle.read()
        with open(stem + ".json", encoding="utf-8") as handle:
            meta = json.load(handle)
        yield name[:-5], stem + ".html", text, meta


def body_only(text, title):
    """`text` without its first paragraph when that is the headline."""
    paragraphs = (text or "").split("\n\n")
    if title and paragraphs and paragraphs[0].strip().lower() == title.strip().lower():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)
