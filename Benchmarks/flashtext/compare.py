#!/usr/bin/env python3
"""geotag's extraction against flashtext, side by side, in one run (issue 9).

Both get the same texts and the same names:
- texts: the clean texts of the first --docs articles of the generated 10k corpus
  (GeotagBench's corpus generator, deterministic from --seed, written once into
  .build/bench-corpus), as geotag's normalize makes them from the plain and HTML
  articles; both tools are timed on these texts only, not on normalization;
- names: every distinct gazetteer name in the bundled index (GeotagBench names),
  loaded into one flashtext KeywordProcessor (case-insensitive, its default).

geotag: the extract stage alone on one core (folding, matching, recognition,
resolution, the mention model, the mentions with their sentences), in GeotagBench's
child process, a warm-up run then --runs timed runs. flashtext: extract_keywords over
every text, a warm-up run then --runs timed runs, in one Python process. Figures are
medians, in MB of UTF-8 article text per second; the ratio is geotag's over
flashtext's. flashtext only finds the names; geotag also decides which are places
here and resolves them.

flashtext is installed by this script only, into a virtual environment under the
git-ignored .build-bench/, at a pinned version; it is never a dependency of geotag.

    python3 Benchmarks/flashtext/compare.py --bench PATH/GeotagBench [--docs N] [--runs N]
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
from benchvenv import venv_python as make_venv  # noqa: E402
BENCH = os.path.join(ROOT, ".build-bench")
VENV = os.path.join(BENCH, "flashtext-venv")
REQUIREMENTS = ["flashtext==2.7"]
CORPUS_DOCS = 10_000

# Runs inside the venv: builds the processor, times extract_keywords, prints one JSON line.
FLASHTEXT_TIMER = r"""
import json, statistics, sys, time
from flashtext import KeywordProcessor
names_path, texts_path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [json.loads(line) for line in open(texts_path, encoding="utf-8") if line.strip()]
size = sum(len(t.encode("utf-8")) for t in texts)
start = time.perf_counter()
processor = KeywordProcessor()
with open(names_path, encoding="utf-8") as handle:
    for line in handle:
        name = line.rstrip("\n")
        if name:
            processor.add_keyword(name)
build = time.perf_counter() - start
def once():
    found = 0
    for text in texts:
        found += len(processor.extract_keywords(text))
    return found
found = once()
seconds = []
for _ in range(runs):
    start = time.perf_counter()
    once()
    seconds.append(time.perf_counter() - start)
print(json.dumps({"seconds": seconds, "bytes": size, "docs": len(texts), "found": found,
                  "keywords": len(processor), "build_seconds": build}))
"""


def venv_python():
    return make_venv(VENV, REQUIREMENTS)


def median(values):
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", required=True, help="the GeotagBench executable")
    parser.add_argument("--gazetteer", default=os.path.join(ROOT, "data", "gazetteer", "geotag.gaz"))
    parser.add_argument("--docs", type=int, default=2000, help="articles of the 10k corpus to time on")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20241125)
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "bench-corpus"))
    args = parser.parse_args()
    if not 0 < args.docs <= CORPUS_DOCS:
        parser.error(f"--docs must be 1 to {CORPUS_DOCS}")

    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, f"corpus-{CORPUS_DOCS}")
    names = os.path.join(work, "gazetteer-names.txt")
    texts = os.path.join(work, f"texts-{args.docs}.jsonl")
    bench = [args.bench]
    gazetteer = ["--gazetteer", os.path.abspath(args.gazetteer)]
    subprocess.run(bench + ["corpus", "--docs", str(CORPUS_DOCS), "--seed", str(args.seed), "--out", corpus] + gazetteer, check=True)
    subprocess.run(bench + ["names", "--out", names] + gazetteer, check=True)
    subprocess.run(bench + ["texts", "--corpus", corpus, "--docs", str(args.docs), "--out", texts] + gazetteer, check=True)

    print(f"extraction side by side on the clean texts of {args.docs} generated articles, one core each, "
          f"medians of {args.runs} runs after a warm-up", flush=True)
    child = subprocess.run(bench + ["stage", "extract", "--corpus", corpus, "--docs", str(args.docs), "--runs", str(args.runs),
                                    "--work", work] + gazetteer, check=True, capture_output=True, text=True)
    geotag = json.loads(child.stdout.strip().splitlines()[-1])
    python = venv_python()
    child = subprocess.run([python, "-c", FLASHTEXT_TIMER, names, texts, str(args.runs)], check=True, capture_output=True, text=True)
    flashtext = json.loads(child.stdout.strip().splitlines()[-1])
    if geotag["bytes"] != flashtext["bytes"]:
        sys.exit(f"the texts differ: geotag timed {geotag['bytes']} bytes, flashtext {flashtext['bytes']}")

    geotag_rate = geotag["bytes"] / median(geotag["seconds"]) / 1e6
    flashtext_rate = flashtext["bytes"] / median(flashtext["seconds"]) / 1e6
    mb = geotag["bytes"] / 1e6
    print(f"  texts                    {geotag['docs']} articles, {mb:.1f} MB")
    print(f"  geotag extraction        {geotag_rate:8.2f} MB/s  {geotag['docs'] / median(geotag['seconds']):8.0f} articles/s"
          f"  ({geotag['items']} mentions, peak {geotag['peak_kb'] / 1024:.0f} MB)")
    print(f"  flashtext                {flashtext_rate:8.2f} MB/s  {flashtext['docs'] / median(flashtext['seconds']):8.0f} articles/s"
          f"  ({flashtext['found']} keywords found, {flashtext['keywords']} names loaded in {flashtext['build_seconds']:.0f} s)")
    ratio = geotag_rate / flashtext_rate
    verdict = "ok, target >= 10" if ratio >= 10 else "BELOW target >= 10"
    print(f"  ratio geotag / flashtext {ratio:8.2f}x  {verdict}")


if __name__ == "__main__":
    main()
