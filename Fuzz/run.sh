#!/bin/sh
# Fuzz/run.sh TARGET SECONDS: runs one libFuzzer target (built by `make fuzz` into
# .build-fuzz) for SECONDS on its corpus in .build-fuzz/corpus/TARGET, which starts from
# the repository's own inputs; a crashing input is written to .build-fuzz/crashes/TARGET/
# and the script exits non-zero. Turn each into a regression test (Tests/.../Fuzz*).
set -eu
target=$1
seconds=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/.build-fuzz/corpus/$target
crashes=$root/.build-fuzz/crashes/$target
mkdir -p "$corpus" "$crashes"
case $target in
    FuzzHTML)    seeds="$root/Tests/GeotagCoreTests/Fixtures/normalize $root/seeds" ;;
    FuzzFeed)    seeds="$root/Fuzz/seeds/feed" ;;
    FuzzMatcher) seeds="$root/seeds $root/Tests/GeotagCoreTests/Fixtures/gold" ;;
    FuzzConfig)  seeds="$root/Fuzz/seeds/config $root/pipeline.yaml" ;;
    FuzzJSONL)   seeds="$root/Fuzz/seeds/jsonl" ;;
    *) echo "Fuzz/run.sh: unknown target $target" >&2; exit 2 ;;
esac
# The seeds go in through a folder of copies: libFuzzer reads folders, not single files.
mkdir -p "$corpus.seeds"
for seed in $seeds; do
    if [ -d "$seed" ]; then find "$seed" -type f -size -1M -exec cp {} "$corpus.seeds/" \; ; else cp "$seed" "$corpus.seeds/"; fi
done
echo "fuzz $target for $seconds s"
# Swift's backtracer would hold the crash for 30 s; libFuzzer and ASan report it.
# Leak detection is off: the Swift runtime's one-time allocations read as leaks.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
    "$root/.build-fuzz/release/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$corpus.seeds"
