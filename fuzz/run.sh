#!/usr/bin/env bash
# Build the fuzz targets and run each for a number of seconds, one at a time, then
# print per target: seconds, executions, corpus size and findings (crash, timeout,
# out-of-memory inputs that libFuzzer wrote to fuzz/artifacts/<target>/).
#
#   fuzz/run.sh                      # every target, 600 s each
#   fuzz/run.sh 60 mime html         # these targets, 60 s each
#   SANITIZER=none fuzz/run.sh 30    # without AddressSanitizer
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the nightly
# flags cargo-fuzz passes are accepted through RUSTC_BOOTSTRAP=1 (set here).
# Builds with CARGO_BUILD_JOBS=1 unless set; runs one fuzzer process at a time
# (libFuzzer in-process, no -jobs/-workers fork), each input bounded by
# -rss_limit_mb=2048 -timeout=10 and -max_len (MAX_LEN, default 65536).
# Seeds: fuzz/seeds.sh fills an empty fuzz/corpus/<target>/ first.
# A summary line per target is appended to fuzz/logs/summary.tsv; libFuzzer's
# full output is in fuzz/logs/<target>.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

secs="${1:-600}"
shift || true
all=(mbox mime foia cable csv jsonl html article query claims pdf)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
sanitizer="${SANITIZER:-address}"
max_len="${MAX_LEN:-65536}"
export RUSTC_BOOTSTRAP=1
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

cargo fuzz build -a -s "$sanitizer" >&2

mkdir -p logs
need_seeds=0
for t in "${targets[@]}"; do
  if [[ ! -d corpus/$t ]] || [[ -z "$(ls -A "corpus/$t")" ]]; then need_seeds=1; fi
done
((need_seeds)) && ./seeds.sh >&2

printf '%-8s %7s %12s %8s %s\n' target seconds executions corpus findings
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t" "corpus/$t"
  before="$(find "artifacts/$t" -type f | sort)"
  log="logs/$t.log"
  start=$(date +%s)
  set +e
  cargo fuzz run -a -s "$sanitizer" "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
    -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  took=$(($(date +%s) - start))
  execs="$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)"
  if [[ -z "$execs" ]]; then
    # a run stopped by a finding prints no final stats: take the last status line
    execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
  fi
  corpus_n="$(find "corpus/$t" -type f | wc -l)"
  new="$(comm -13 <(echo "$before") <(find "artifacts/$t" -type f | sort) | sed '/^$/d')"
  if [[ -n "$new" ]]; then
    findings="$(echo "$new" | xargs -n1 basename | tr '\n' ' ')"
  elif ((rc != 0)); then
    findings="exit $rc (see $log)"
  else
    findings="none"
  fi
  printf '%-8s %7s %12s %8s %s\n' "$t" "$took" "${execs:-?}" "$corpus_n" "$findings"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$took" "${execs:-?}" "$corpus_n" "$findings" >>logs/summary.tsv
done
