#!/usr/bin/env python3
"""Instructions each pipeline stage executes per article, counted by valgrind (issue 9).

Wall-clock figures on a shared virtual machine drift by 10% and more from one run to
the next (see Benchmarks/HISTORY.md), which hides most single changes. The number of
instructions a stage executes does not drift: it is a property of the code and the
input, so two builds can be compared on any host, one run each. It is not time (cache
misses and mispredicted branches cost time without instructions), so a change that
counts fewer instructions is then timed as well, alternated with the build before.

For each stage, GeotagBench's child process (`GeotagBench stage NAME`, the same code
`make bench-pipeline` times) runs under `valgrind --tool=callgrind` twice over the first
--docs articles of the generated 10k corpus: once with a warm-up and one timed run, once
with a warm-up and two. The difference is one run of the stage, without the set-up
(reading the corpus, opening the index, normalizing the articles) that both share.
Repeated, the difference varies by about 0.2% on a quiet machine and up to 1% beside other
work (the threads' timing), so figures are reported to three significant digits. jemalloc
runs without its decay (STEADY_JEMALLOC).

valgrind 3.19 cannot read the DWARF that Swift 6.3 writes ("Possibly corrupted
debuginfo file"), so the benchmark is copied without its debug information first.
valgrind itself is a bench-only tool: installed with apt-get when missing, never a
dependency of geotag.

    python3 Benchmarks/instructions/count.py --bench PATH/GeotagBench --gazetteer FILE
        [--docs N] [--stages fold,match,extract] [--seed S]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS_DOCS = 10_000
# jemalloc hands unused pages back to the system on a clock (its decay times), so the
# instructions it spends doing so grow with the wall time a run takes: under valgrind on
# a busy machine, one build's fold stage counted 223.3 and 230.3 million. Without the
# decay, two counts beside a compiler agreed within 0.05%. The count is then that of the
# code alone.
STEADY_JEMALLOC = "dirty_decay_ms:-1,muzzy_decay_ms:-1"
DEFAULT_STAGES = "fold,match,resolve,extract,normalize,load,bulk-load,export"


def ensure_valgrind():
    if shutil.which("valgrind"):
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("installing valgrind (bench only)", file=sys.stderr)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "valgrind"], check=True)


def instructions(bench, stage, corpus, docs, runs, gazetteer, work):
    """Instructions of the whole child process, and the JSON line it printed."""
    with tempfile.NamedTemporaryFile(prefix="callgrind-", suffix=".out", delete=False) as out:
        path = out.name
    try:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + path, bench, "stage", stage,
             "--corpus", corpus, "--docs", str(docs), "--runs", str(runs), "--gazetteer", gazetteer, "--work", work],
            capture_output=True, text=True, env=dict(os.environ, MALLOC_CONF=STEADY_JEMALLOC))
        if result.returncode != 0:
            sys.exit(f"{stage}: valgrind failed:\n{result.stderr[-2000:]}")
        with open(path) as handle:
            for line in handle:
                match = re.match(r"(?:summary|totals): (\d+)", line)
                if match:
                    return int(match.group(1)), json.loads(result.stdout.strip().splitlines()[-1])
        sys.exit(f"{stage}: no instruction count in {path}")
    finally:
        os.unlink(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", required=True, help="the GeotagBench executable")
    parser.add_argument("--gazetteer", default=os.path.join(ROOT, "data/gazetteer/geotag.gaz"))
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--stages", default=DEFAULT_STAGES)
    parser.add_argument("--seed", type=int, default=20241125)
    args = parser.parse_args()
    ensure_valgrind()

    # A folder of its own, so two counts (of two builds) can run side by side.
    os.makedirs(os.path.join(ROOT, ".build"), exist_ok=True)
    work = tempfile.mkdtemp(prefix="bench-instructions-", dir=os.path.join(ROOT, ".build"))
    try:
        count(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def count(args, work):
    """Strips the benchmark into `work`, makes sure of the corpus and prints each stage's count."""
    bench = os.path.join(work, "GeotagBench")
    subprocess.run(["strip", "--strip-debug", "-o", bench, args.bench], check=True)
    corpus = os.path.join(ROOT, ".build", "bench-corpus", f"corpus-{CORPUS_DOCS}")
    # Written only when missing or made with another seed or gazetteer (its MANIFEST).
    subprocess.run([args.bench, "corpus", "--docs", str(CORPUS_DOCS), "--seed", str(args.seed),
                    "--out", corpus, "--gazetteer", args.gazetteer], check=True)

    print(f"instructions per run of each stage over the first {args.docs} articles "
          f"(callgrind, two runs less one; normalize: per HTML page; per KB of the stage's input)")
    print(f"{'stage':<10} {'instructions':>14} {'per article':>12} {'per KB in':>9}  items")
    for stage in args.stages.split(","):
        one, result = instructions(bench, stage, corpus, args.docs, 1, args.gazetteer, work)
        two, _ = instructions(bench, stage, corpus, args.docs, 2, args.gazetteer, work)
        run = two - one
        # normalize times the HTML pages only (half the corpus): per page.
        per_article = run / (result["items"] if stage == "normalize" else result["docs"])
        per_kb = run / (result["bytes"] / 1000)
        print(f"{stage:<10} {run:>14.3e} {per_article:>12.3g} {per_kb:>9.3g}  {result['items']}", flush=True)
        print(json.dumps({"stage": stage, "docs": result["docs"], "bytes": result["bytes"], "items": result["items"],
                          "instructions": run}), file=sys.stderr)


if __name__ == "__main__":
    main()
