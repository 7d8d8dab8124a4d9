#!/usr/bin/env bash
# Fill fuzz/corpus/<target>/ with seed inputs: the project's fixtures and, for the
# mail targets, the peer test messages of mail-parser and notmuch
# (shared/corpora/mail-tests/mail-tests.tar.zst, unpacked into a temporary folder).
# The corpora are not committed (fuzz/.gitignore); run this again to rebuild them.
#
#   fuzz/seeds.sh                   # every target
#   MAIL_TESTS=/path/to/mail-tests.tar.zst fuzz/seeds.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
fx="$root/fixtures"
corpus="$here/corpus"
# seeds larger than this are left out (the runs cap inputs at 64 KiB anyway)
max_seed=$((128 * 1024))

mail_tests="${MAIL_TESTS:-}"
if [[ -z "$mail_tests" ]]; then
  for c in "$root/../shared/corpora/mail-tests/mail-tests.tar.zst" \
    /work/shared/corpora/mail-tests/mail-tests.tar.zst; do
    [[ -f "$c" ]] && mail_tests="$c" && break
  done
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# seed TARGET FILE...: copy files (named by their content hash, as libFuzzer does)
seed() {
  local t="$1"
  shift
  mkdir -p "$corpus/$t"
  local f
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    [[ $(stat -c %s "$f") -le $max_seed ]] || continue
    cp "$f" "$corpus/$t/$(sha1sum "$f" | cut -c1-40)"
  done
}

# seed_text TARGET PREFIX FILE...: the prefix (map line, language byte) then the file
seed_prefixed() {
  local t="$1" prefix="$2"
  shift 2
  local f n=0
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    n=$((n + 1))
    { printf '%s' "$prefix"; cat "$f"; } >"$tmp/p$n"
    seed "$t" "$tmp/p$n"
  done
}

# peer messages
peer=()
if [[ -n "$mail_tests" ]]; then
  mkdir -p "$tmp/mail"
  zstd -dc "$mail_tests" | tar -x -C "$tmp/mail"
  while IFS= read -r -d '' f; do peer+=("$f"); done < <(
    find "$tmp/mail" -type f ! -name '*.json' ! -name '*.md' ! -name '*.txt' \
      ! -name '*.toml' ! -name 'COPYING' -print0 | sort -z
  )
  echo "peer messages: ${#peer[@]} (from $mail_tests)"
else
  echo "mail-tests.tar.zst not found: mail targets get the fixtures only" >&2
fi

# mime: the project's messages, the malformed ones, every peer message
seed mime "$fx"/mime/* "$fx"/mail/*.eml "$fx"/malformed/*.eml "${peer[@]}"

# mbox: the project's mbox, and peer messages made into mboxes (one message each,
# and groups of five behind `From ` lines, with `>From ` escaping)
seed mbox "$fx"/mail/seed.mbox
n=0
group=()
for f in "${peer[@]}"; do
  n=$((n + 1))
  { printf 'From fuzz@example Mon Jan  1 00:00:00 2001\n'; sed 's/^\(>*From \)/>\1/' "$f"; printf '\n'; } >"$tmp/m$n"
  seed mbox "$tmp/m$n"
  group+=("$tmp/m$n")
  if ((${#group[@]} == 5)); then
    cat "${group[@]}" >"$tmp/g$n"
    seed mbox "$tmp/g$n"
    group=()
  fi
done

# FOIA release texts (the real release's layouts), cables, plain documents
seed foia "$fx"/foia/* "$fx"/release/* "$fx"/seed/C05798096.txt "$fx"/demo.txt
seed cable "$fx"/cables/* "$fx"/docs/*

# tables: first line the mapping, then the table
kaggle_map="$(grep -v '^#' "$fx/exports/kaggle.map" | tr '\n' ',' | sed 's/,,*/,/g; s/,$//')"
seed_prefixed csv "$kaggle_map"$'\n' "$fx/exports/emails.csv"
seed_prefixed csv $'\n' "$fx/exports/emails.csv"
seed_prefixed csv $'body=text,from=sender\n' "$fx/exports/emails.csv"
seed_prefixed jsonl $'\n' "$fx/exports/messages.jsonl"
seed_prefixed jsonl $'body=body,from=from,to=to,date=date,subject=subject\n' "$fx/exports/messages.jsonl"

# HTML: the saved message page, HTML parts of the peer messages are left to mime
seed html "$fx"/html/*
printf '<html><head><title>t</title></head><body><p>From: A &lt;a@b.c&gt;</p><p>Subject: s</p><p>Text.</p></body></html>' >"$tmp/h1"
seed html "$tmp/h1"

# articles (text and saved page) and the claim splitter (first byte: the language)
seed article "$fx"/seed/article-nl.txt "$fx"/html/* "$fx"/articles/* "$fx"/arabic/* "$root"/eval/cases/*.txt
i=0
for f in "$fx"/seed/article-nl.txt "$fx"/arabic/* "$root"/eval/cases/*.txt "$root"/eval/sets/*/*.txt; do
  [[ -f "$f" ]] || continue
  i=$((i + 1))
  # the language byte: 0-7 one of the checkable languages, 8 the detector's guess
  { printf "\\x$(printf %02x $((i % 9)))"; cat "$f"; } >"$tmp/c$i"
  seed claims "$tmp/c$i"
done

# queries: the examples of docs/QUERY.md and a few hostile ones
mkdir -p "$tmp/q"
qn=0
while IFS= read -r q; do
  qn=$((qn + 1))
  printf '%s' "$q" >"$tmp/q/$qn"
done <<'EOF'
belmokhtar
from:"Sidney Blumenthal" date:2013-01..2013-02 "sensitive source"
algeria AND (hostage OR hostages) -libya
docno:C05798096
belmokhtr~ deriv* "sensitive source"~2
has:attachment kind:foia lang:fr folder:lay-k/inbox
NOT (a OR -b) AND c || d && e
date:..2013 date:2012.. date:2013-01-17
((((a))))
"unclosed
EOF
seed query "$tmp"/q/*

# PDF (optional target)
seed pdf "$fx"/pdf/* "$fx"/malformed/truncated.pdf

for t in "$corpus"/*; do
  echo "$(basename "$t"): $(find "$t" -type f | wc -l) seeds"
done
