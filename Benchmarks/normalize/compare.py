#!/usr/bin/env python3
"""geotag's normalize stage against trafilatura on the same pages, side by side.

Quality: token F1 of each tool's text against the expected texts of the fixture pages
(Tests/GeotagCoreTests/Fixtures/normalize/pages), and how many metadata fields each
gets right. Speed: pages per second of each tool as a whole process (start-up,
reading, parsing, extraction, output) over a corpus of copies of those pages, each
given the bulk a real news page carries (inline state and styles, icon sprites, a
mega-menu and a footer of links: about 100 KB; --light times them as they are);
the median of several runs.

trafilatura is installed by this script only, into a virtual environment under the
git-ignored .build-bench/, at a pinned version; it is never a dependency of geotag.

    python3 Benchmarks/normalize/compare.py [--geotag PATH] [--runs N] [--copies N]

geotag's text starts with the headline; trafilatura gives the headline as its title
and not in its text, so its text is scored with its title put first ("title + text"),
and both are also scored on the body alone (the expected text and each tool's text
without a first paragraph that is the headline).
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import quality  # noqa: E402
from benchvenv import venv_python as make_venv  # noqa: E402

PAGES = os.path.join(ROOT, "Tests", "GeotagCoreTests", "Fixtures", "normalize", "pages")
BENCH = os.path.join(ROOT, ".build-bench")
VENV = os.path.join(BENCH, "venv")
REQUIREMENTS = ["trafilatura==2.3.1", "lxml_html_clean==0.4.6"]


def venv_python():
    return make_venv(VENV, REQUIREMENTS)


def geotag_binary(given):
    if given:
        return given
    flags = ["-c", "release", "-Xswiftc", "-enable-testing"]
    subprocess.run(["swift", "build"] + flags + ["--product", "geotag"], cwd=ROOT, check=True)
    path = subprocess.run(["swift", "build"] + flags + ["--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "geotag")


def run_lines(command):
    result = subprocess.run(command, capture_output=True, text=True)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return lines, result


def timed(command, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def heavy(html):
    """The page with the bulk real news pages carry around the article: an inline
    JSON state script (~40 KB), an inline style sheet (~12 KB), an SVG icon sprite,
    a mega-menu of 240 links and a footer of 120 (~100 KB in all). Deterministic, so
    every run times the same bytes."""
    state = json.dumps({"props": {"pageProps": {"items": [
        {"id": i, "headline": f"Story number {i} about the region", "summary": "Lorem ipsum dolor sit amet, " * 4,
         "url": f"/news/2025/story-{i}", "tags": ["iraq", "syria", "energy"]} for i in range(110)]}}})
    style = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i * 4099 % 0xFFFFFF:06x}}}\n" for i in range(380))
    sprite = "<svg style=\"display:none\">" + "".join(
        f"<symbol id=\"i{i}\" viewBox=\"0 0 24 24\"><path d=\"M{i} 0L24 {i}L0 24Z\"/></symbol>" for i in range(60)) + "</svg>"
    menu = "<div class=\"mega-menu\"><ul>" + "".join(
        f"<li class=\"menu-item\"><a href=\"/section/{i}\">Section {i}</a><ul><li><a href=\"/section/{i}/a\">Local {i}</a></li></ul></li>"
        for i in range(120)) + "</ul></div>"
    footer = "<div class=\"site-footer-links\">" + "".join(f"<a href=\"/page/{i}\">Page {i}</a> " for i in range(120)) + "</div>"
    head_end = html.find("</head>")
    if head_end >= 0:
        html = html[:head_end] + f"<style>{style}</style><script>window.__STATE__ = {state};</script>" + html[head_end:]
    body = html.find("<body")
    if body >= 0:
        body_end = html.find(">", body) + 1
        html = html[:body_end] + sprite + menu + html[body_end:]
    end = html.rfind("</body>")
    if end >= 0:
        html = html[:end] + footer + html[end:]
    return html


def day(value):
    return value[:10] if value else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geotag", help="the geotag executable (default: build it in release)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each tool (the median counts)")
    parser.add_argument("--copies", type=int, default=20, help="copies of each page in the speed corpus")
    parser.add_argument("--light", action="store_true", help="time the pages as they are, without the bulk of real pages")
    options = parser.parse_args()

    python = venv_python()
    geotag = geotag_binary(options.geotag)
    extractor = os.path.join(HERE, "trafilatura_extract.py")
    pages = list(quality.pages(PAGES))
    files = [path for _, path, _, _ in pages]

    # Quality, page by page.
    ours, result = run_lines([geotag, "normalize", "--format", "json"] + files)
    if len(ours) != len(files):
        sys.exit("geotag normalize failed: " + result.stderr)
    theirs, result = run_lines([python, extractor] + files)
    if len(theirs) != len(files):
        sys.exit("trafilatura failed: " + result.stderr)

    rows = []
    for (name, path, expected, meta), mine, other in zip(pages, ours, theirs):
        title = meta["title"]
        other_text = other.get("text") or ""
        other_full = other_text
        if other.get("title") and not other_text.lower().startswith(other["title"].lower()):
            other_full = other["title"] + "\n\n" + other_text
        expected_body = quality.body_only(expected, title)
        row = {
            "page": name,
            "geotag": quality.f1(mine["text"], expected)[2],
            "trafilatura": quality.f1(other_full, expected)[2],
            "geotag_body": quality.f1(quality.body_only(mine["text"], mine.get("title")), expected_body)[2],
            "trafilatura_body": quality.f1(other_text, expected_body)[2],
            "geotag_fields": sum([mine.get("title") == title, day(mine.get("published")) == day(meta["published"]),
                                  mine.get("author") == meta["author"], mine.get("site") == meta["site"]]),
            "trafilatura_fields": sum([other.get("title") == title, day(other.get("published")) == day(meta["published"]),
                                       other.get("author") == meta["author"], other.get("site") == meta["site"]]),
        }
        rows.append(row)

    print(f"{'page':30} {'F1 geotag':>10} {'F1 trafil.':>10} {'body geotag':>12} {'body trafil.':>12} {'meta g/t (of 4)':>16}")
    for row in rows:
        print(f"{row['page']:30} {row['geotag']:10.3f} {row['trafilatura']:10.3f} {row['geotag_body']:12.3f} "
              f"{row['trafilatura_body']:12.3f} {row['geotag_fields']:>9}/{row['trafilatura_fields']}")
    mean = {key: statistics.mean(row[key] for row in rows) for key in rows[0] if key != "page"}
    print(f"{'mean':30} {mean['geotag']:10.3f} {mean['trafilatura']:10.3f} {mean['geotag_body']:12.3f} "
          f"{mean['trafilatura_body']:12.3f} {mean['geotag_fields'] * len(rows):>9.0f}/{mean['trafilatura_fields'] * len(rows):.0f}"
          f" of {4 * len(rows)}")

    # Speed, as whole processes over a corpus of copies.
    corpus = os.path.join(BENCH, "normalize-corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    corpus_files = []
    for copy in range(options.copies):
        for name, path, _, _ in pages:
            target = os.path.join(corpus, f"{copy:03d}-{name}.html")
            with open(path, "rb") as handle:
                data = handle.read()
            if not options.light:
                data = heavy(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
            with open(target, "wb") as handle:
                handle.write(data)
            corpus_files.append(target)
    size = sum(os.path.getsize(path) for path in corpus_files)
    cores = os.cpu_count()
    print(f"\nspeed: {len(corpus_files)} pages ({size / len(corpus_files) / 1024:.1f} KB on average), "
          f"{options.runs} runs each, median, whole process, {cores} cores")
    speed = {}
    commands = {
        "geotag (all cores)": [geotag, "normalize", "--format", "json"] + corpus_files,
        "trafilatura (1 process)": [python, extractor] + corpus_files,
        f"trafilatura ({cores} processes)": [python, extractor, "--jobs", str(cores)] + corpus_files,
    }
    for label, command in commands.items():
        median, times = timed(command, options.runs)
        speed[label] = len(corpus_files) / median
        print(f"  {label:28} {speed[label]:8.1f} pages/s   (runs: {', '.join(f'{t:.2f}s' for t in times)})")
    ours_speed = speed["geotag (all cores)"]
    for label, value in speed.items():
        if label.startswith("trafilatura"):
            print(f"  geotag is {ours_speed / value:.1f}x as fast as {label}")

    with open(os.path.join(BENCH, "normalize-results.json"), "w") as handle:
        json.dump({"pages": rows, "mean": mean, "pages_per_second": speed, "corpus_pages": len(corpus_files)}, handle, indent=1)


if __name__ == "__main__":
    main()
