#!/usr/bin/env python3
"""geotag's normalize stage against trafilatura on the same pages, side by side.

Quality: token F1 of each tool's text against the expected texts of the fixture pages
(Tests/GeotagCoreTests/Fixtures/normalize/pages), and how many metadata fields each
gets right. Speed: pages per second of each tool as a whole process (start-up,
reading, parsing, extraction, output) over a corpus of copies of those pages; the
median of several runs.

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
import quality  # noqa: E402

PAGES = os.path.join(ROOT, "Tests", "GeotagCoreTests", "Fixtures", "normalize", "pages")
BENCH = os.path.join(ROOT, ".build-bench")
VENV = os.path.join(BENCH, "venv")
REQUIREMENTS = ["trafilatura==2.3.1", "lxml_html_clean==0.4.6"]


def venv_python():
    python = os.path.join(VENV, "bin", "python")
    stamp = os.path.join(VENV, "requirements.txt")
    if not os.path.exists(python) or not os.path.exists(stamp) or open(stamp).read() != "\n".join(REQUIREMENTS):
        print("installing " + ", ".join(REQUIREMENTS) + " into " + os.path.relpath(VENV, ROOT), file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + REQUIREMENTS, check=True)
        with open(stamp, "w") as handle:
            handle.write("\n".join(REQUIREMENTS))
    return python


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


def day(value):
    return value[:10] if value else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geotag", help="the geotag executable (default: build it in release)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each tool (the median counts)")
    parser.add_argument("--copies", type=int, default=20, help="copies of each page in the speed corpus")
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
            shutil.copyfile(path, target)
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
