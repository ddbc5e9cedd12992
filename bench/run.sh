#!/usr/bin/env bash
# Build benchmark of `portal` (see bench/README.md).
#
#   bench/run.sh [N ...]          N = corpus sizes in items, default: 1000 10000
#
# Environment:
#   RUNS    timed runs per measurement, default 5 (every figure printed is the median)
#   WORK    scratch directory, default /work/bench-tmp (must be outside the repository;
#           corpus-N/, site-N/ and out-N/ under it are deleted and rewritten)
#   OUTROOT where the build outputs and the copy floor are written, default WORK; e.g.
#           OUTROOT=/dev/shm/portal-bench (tmpfs) takes the disk out of the measurement
#   SHARED  the project's shared/ directory, default <repo>/../shared
#   SEED    corpus seed, default 1
#   HUGO    optional: a Hugo binary; when set, Hugo is timed on the same corpus
#   ZOLA    optional: a Zola binary; when set, Zola is timed on the same corpus
#
# For each N it:
#   1. generates the corpus once (gen_corpus.py --plain) in WORK/corpus-N;
#   2. assembles the site WORK/site-N: bench/site.yaml, content/ hard-linked from the corpus
#      (cp -al: no copy cost), themes/ a symlink to the repository's themes/;
#   3. times RUNS cold builds, each into an output directory deleted just before the run;
#   4. times RUNS warm rebuilds (same output again, nothing changed) and reads portal's
#      "已生成 N 个页面（共 F 个文件，C 个有变化）" line for the number of changed files;
#   5. times two floors, RUNS times each: reading every corpus file (cat > /dev/null) and a
#      plain `cp -r` of the corpus into a fresh directory;
#   6. with HUGO / ZOLA: prepares the peer sites as shared/bench/run_peers.sh does and times
#      the peers' cold builds with run_peers.sh's exact commands (no cache), alternating
#      portal / hugo / zola within each run.
# Every timing is `/usr/bin/time -f '%e %U %S %M'` (user s, sys s, peak RSS KiB; the wall time
# is read from the shell's microsecond clock around it).
# The page cache is not dropped: the corpus is read from memory after the first run, as on
# an editor's machine that has just written it; `sync` runs (untimed) before every timed run
# so that one run's disk writes are not flushed during the next. Raw figures go to WORK/results.tsv.
set -euo pipefail
export LC_NUMERIC=C   # decimal points in $EPOCHREALTIME, awk and printf

# ---------------------------------------------------------------- paths and settings
bench_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(git -C "$bench_dir" rev-parse --show-toplevel)
shared=${SHARED:-$repo/../shared}
shared=$(cd "$shared" && pwd)
gen="$shared/bench/gen_corpus.py"
peers_dir="$shared/bench/peers"
work=${WORK:-/work/bench-tmp}
runs=${RUNS:-5}
seed=${SEED:-1}
hugo_bin=${HUGO:-}
zola_bin=${ZOLA:-}
portal="$repo/target/release/portal"
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi

case "$runs" in ''|*[!0-9]*|0) echo "run.sh: RUNS must be a positive integer" >&2; exit 2 ;; esac
for n in "${sizes[@]}"; do
  case "$n" in ''|*[!0-9]*|0) echo "run.sh: N must be a positive integer, got '$n'" >&2; exit 2 ;; esac
done
[ -f "$gen" ] || { echo "run.sh: $gen not found (set SHARED)" >&2; exit 2; }
mkdir -p "$work"
work=$(cd "$work" && pwd)
outroot=${OUTROOT:-$work}
mkdir -p "$outroot"
outroot=$(cd "$outroot" && pwd)
for d in "$work" "$outroot"; do
  case "$d/" in "$repo"/*) echo "run.sh: WORK and OUTROOT ($d) must be outside the repository" >&2; exit 2 ;; esac
done

# GNU time (Debian package `time`), not the shell keyword: it reports the peak RSS.
if [ ! -x /usr/bin/time ]; then
  echo "== /usr/bin/time missing: installing the Debian package 'time'"
  apt-get update -qq && apt-get install -y -qq time > /dev/null
fi

# ---------------------------------------------------------------- helpers
# median: the median of the numbers on stdin (mean of the two middle ones for an even count).
median() {
  sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed LABEL LOG CMD...: runs CMD under /usr/bin/time with stdout+stderr in LOG, appends
# "N LABEL wall user sys peak_kib" to results.tsv, and stops the benchmark if CMD fails.
timed() {
  local label=$1 log=$2; shift 2
  local tfile="$work/.time" t0 t1 wall
  sync   # flush the previous run's writes now, not in the background of this run
  t0=$EPOCHREALTIME
  if ! /usr/bin/time -o "$tfile" -f '%e %U %S %M' "$@" > "$log" 2>&1; then
    echo "run.sh: '$label' failed (N=$n); last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  # GNU time's %e has 10 ms steps; the shell's clock gives the wall time to the microsecond
  # (it adds the ~1 ms start-up of /usr/bin/time itself). CPU and RSS come from GNU time.
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}')
  tail -n 1 "$tfile" | awk -v n="$n" -v l="$label" -v w="$wall" -v OFS='\t' \
    '{print n, l, w, $2, $3, $4}' >> "$results"
}

# med N LABEL COLUMN: median of one column (3 wall, 4 user, 5 sys, 6 peak KiB, 7 user+sys)
# over the runs recorded for N and LABEL.
med() {
  awk -F'\t' -v n="$1" -v l="$2" -v c="$3" '$1 == n && $2 == l {
      print (c == 7 ? $4 + $5 : $c) }' "$results" | median
}

# changed_files LOG: the "C 个有变化" figure of portal's summary line.
changed_files() { sed -n 's/.*共 [0-9]* 个文件，\([0-9]*\) 个有变化.*/\1/p' "$1" | tail -n 1; }

count_index() { find "$1" -name index.html | wc -l; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

# ---------------------------------------------------------------- machine and versions
echo "== machine"
echo "nproc: $(nproc)"
echo "cpu:   $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "kernel: $(uname -sr)"
free -g
echo "work dir: $work ($(df -T "$work" | awk 'NR == 2 {print $2}')), outputs in: $outroot ($(df -T "$outroot" | awk 'NR == 2 {print $2}'))"
echo "runs: $runs (medians), seed: $seed, sizes: ${sizes[*]}"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (figures are only meaningful on an otherwise idle machine)"

echo "== build portal (cargo build --release)"
(cd "$repo" && cargo build --release --quiet && cargo bench --no-run --quiet --bench markdown_floor 2>/dev/null)
md_floor=$(ls -t "$repo"/target/release/deps/markdown_floor-* 2>/dev/null | grep -v '\.d$' | head -n 1)
echo "$("$portal" --version)  (commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src Cargo.toml Cargo.lock 2>/dev/null || echo ', src modified'))"
[ -n "$hugo_bin" ] && echo "peer: $("$hugo_bin" version)"
[ -n "$zola_bin" ] && echo "peer: $("$zola_bin" --version)"

results="$work/results.tsv"
printf 'n\tlabel\twall_s\tuser_s\tsys_s\tpeak_kib\n' > "$results"
declare -A pages html_peer changed

for n in "${sizes[@]}"; do
  echo "== N=$n: corpus and site"
  corpus="$work/corpus-$n" site="$work/site-$n" out="$outroot/out-$n"
  rm -rf "$corpus" "$site" "$out" "$outroot/copy-$n"
  python3 "$gen" --items "$n" --out "$corpus" --seed "$seed" --plain
  mkdir -p "$site"
  cp "$bench_dir/site.yaml" "$site/site.yaml"
  cp -al "$corpus/content" "$site/content"
  ln -s "$repo/themes" "$site/themes"

  # Peer sites, exactly as run_peers.sh lays them out. The peers get the corpus WITHOUT
  # --plain (same seed, same items and bodies): Zola drops unknown page keys unless they sit
  # under `extra:` and paginates only with the per-section `paginate_by`, while portal rejects
  # those extra keys; the two corpora differ only in those front-matter lines.
  peers=()
  [ -n "$hugo_bin" ] && peers+=(hugo)
  [ -n "$zola_bin" ] && peers+=(zola)
  if [ ${#peers[@]} -gt 0 ]; then
    pw="$work/peers-$n"
    rm -rf "$pw"
    mkdir -p "$pw"
    python3 "$gen" --items "$n" --out "$pw/corpus" --seed "$seed"
    for peer in "${peers[@]}"; do
      mkdir -p "$pw/$peer"
      cp -R "$peers_dir/$peer/." "$pw/$peer/"
      cp -al "$pw/corpus/content" "$pw/$peer/content"
    done
  fi

  echo "== N=$n: $runs cold builds${peers[*]:+ (alternating portal ${peers[*]})}"
  for ((r = 1; r <= runs; r++)); do
    rm -rf "$out"   # cold: the output directory does not exist
    timed portal-cold "$work/portal-$n.log" "$portal" build --root "$site" --output-dir "$out" --future
    # The same cold build without minify-html, to state what minification costs.
    rm -rf "$out-nominify"
    timed portal-nominify "$work/portal-nominify-$n.log" "$portal" build --root "$site" --output-dir "$out-nominify" --future --no-minify
    rm -rf "$out-nominify"
    for peer in "${peers[@]}"; do
      pout="$outroot/out-$n-$peer"
      rm -rf "$pout"
      if [ "$peer" = hugo ]; then
        timed hugo "$pw/hugo.log" "$hugo_bin" --source "$pw/hugo" --destination "$pout" --ignoreCache --quiet
      else
        timed zola "$pw/zola.log" "$zola_bin" --root "$pw/zola" build --output-dir "$pout"
      fi
      html_peer[$n.$peer]=$(count_index "$pout")
    done
    echo "  run $r/$runs done (${SECONDS}s since start)"
  done
  pages[$n]=$(count_index "$out")
  grep -q '已生成' "$work/portal-$n.log" || { echo "run.sh: no summary line in $work/portal-$n.log" >&2; exit 1; }

  echo "== N=$n: $runs warm rebuilds (same output, nothing changed)"
  changed[$n]=0
  for ((r = 1; r <= runs; r++)); do
    timed portal-warm "$work/portal-warm-$n.log" "$portal" build --root "$site" --output-dir "$out" --future
    c=$(changed_files "$work/portal-warm-$n.log")
    [ "${c:-0}" -gt "${changed[$n]}" ] && changed[$n]=$c   # the largest count of any run
  done

  echo "== N=$n: floors (read the corpus, copy the corpus)"
  for ((r = 1; r <= runs; r++)); do
    timed read "$work/read-$n.log" sh -c 'find "$1" -type f -print0 | xargs -0 cat > /dev/null' sh "$corpus/content"
    rm -rf "$outroot/copy-$n"
    timed copy "$work/copy-$n.log" cp -r "$corpus/content" "$outroot/copy-$n"
  done
  rm -rf "$outroot/copy-$n"

  echo "== N=$n: pulldown-cmark floor (every body, one thread) and the freshness report"
  for ((r = 1; r <= runs; r++)); do
    "$md_floor" "$corpus/content" | awk -v n="$n" -v OFS='\t' '{print n, "markdown", $2, $2, 0, 0}' >> "$results"
    timed report "$work/report-$n.log" "$portal" report --root "$site" --as-of 2026-11-01 --format json --output /dev/null
  done
done

# ---------------------------------------------------------------- tables
echo
echo "== portal, cold build (median of $runs; floors: same corpus, median of $runs)"
printf '%7s %7s %8s %8s %9s %9s   %8s %8s\n' \
  N pages wall_s cpu_s rss_MiB items/s read_s copy_s
for n in "${sizes[@]}"; do
  wall=$(med "$n" portal-cold 3)
  printf '%7s %7s %8.3f %8.2f %9s %9.0f   %8.3f %8.3f\n' "$n" "${pages[$n]}" "$wall" \
    "$(med "$n" portal-cold 7)" "$(mib "$(med "$n" portal-cold 6)")" \
    "$(awk -v n="$n" -v w="$wall" 'BEGIN {print (w > 0 ? n / w : 0)}')" \
    "$(med "$n" read 3)" "$(med "$n" copy 3)"
done

echo
echo "== floors beside the build (median of $runs): floor = copy + Markdown alone; the freshness report"
printf '%7s %12s %8s %8s %11s %8s %12s %10s %13s\n' \
  N build_wall_s us/item copy_s markdown_s floor_s build/floor report_s report/build
for n in "${sizes[@]}"; do
  b=$(med "$n" portal-cold 3) rep=$(med "$n" report 3) cp=$(med "$n" copy 3) md=$(med "$n" markdown 3)
  floor=$(awk -v a="$cp" -v b="$md" 'BEGIN {printf "%.4f", a + b}')
  printf '%7s %12.3f %8.1f %8.3f %11.3f %8.3f %12s %10.3f %13s\n' "$n" "$b" \
    "$(awk -v w="$b" -v n="$n" 'BEGIN {print w / n * 1e6}')" "$cp" "$md" "$floor" \
    "$(ratio "$b" "$floor")" "$rep" "$(ratio "$rep" "$b")"
done
echo "  what minify-html costs (cold build with and without it, medians):"
for n in "${sizes[@]}"; do
  b=$(med "$n" portal-cold 3) nm=$(med "$n" portal-nominify 3)
  echo "    N=$n: $(printf '%.3f' "$b") s with, $(printf '%.3f' "$nm") s without (--no-minify): +$(awk -v a="$b" -v b="$nm" 'BEGIN {printf "%.3f s wall, %.0f %%", a - b, (a - b) / b * 100}'); CPU $(med "$n" portal-cold 7) s vs $(med "$n" portal-nominify 7) s"
done
# No cliff: time per item at each N against N=10000 when both ran in this invocation.
if [ -n "${pages[10000]:-}" ]; then
  ref=$(med 10000 portal-cold 3)
  for n in "${sizes[@]}"; do
    [ "$n" -gt 10000 ] || continue
    echo "  N=$n: time per item $(awk -v w="$(med "$n" portal-cold 3)" -v r="$ref" -v n="$n" \
      'BEGIN {printf "%.2f", (w / n) / (r / 10000)}')x that at N=10000 (target <= 1.2)"
  done
fi

# The system CPU of the cold builds run by run: on some disks (ext4 mounted with `discard`
# on this VM) it climbs from run to run as outputs are created and deleted; see README.
for n in "${sizes[@]}"; do
  echo "  N=$n cold-build system CPU s by run: $(awk -F'\t' -v n="$n" '$1 == n && $2 == "portal-cold" {printf "%s ", $5}' "$results")"
done

echo
echo "== portal, warm rebuild into the same output, nothing changed (median of $runs)"
printf '%7s %8s %8s %9s %8s\n' N wall_s cpu_s rss_MiB changed
for n in "${sizes[@]}"; do
  printf '%7s %8.3f %8.2f %9s %8s\n' "$n" "$(med "$n" portal-warm 3)" \
    "$(med "$n" portal-warm 7)" "$(mib "$(med "$n" portal-warm 6)")" "${changed[$n]}"
done

if [ -n "$hugo_bin$zola_bin" ]; then
  echo
  echo "== peers, cold build into a fresh output, no cache (median of $runs, interleaved with portal)"
  printf '%7s %-7s %7s %8s %8s %9s   %11s %10s\n' \
    N tool pages wall_s cpu_s rss_MiB portal/wall portal/rss
  for n in "${sizes[@]}"; do
    pwall=$(med "$n" portal-cold 3) pm=$(med "$n" portal-cold 6)
    printf '%7s %-7s %7s %8.3f %8.2f %9s   %11s %10s\n' "$n" portal "${pages[$n]}" "$pwall" \
      "$(med "$n" portal-cold 7)" "$(mib "$pm")" 1.00 1.00
    for peer in hugo zola; do
      [ -n "${html_peer[$n.$peer]:-}" ] || continue
      w=$(med "$n" "$peer" 3) m=$(med "$n" "$peer" 6)
      printf '%7s %-7s %7s %8.3f %8.2f %9s   %11s %10s\n' "$n" "$peer" "${html_peer[$n.$peer]}" \
        "$w" "$(med "$n" "$peer" 7)" "$(mib "$m")" "$(ratio "$pwall" "$w")" "$(ratio "$pm" "$m")"
    done
  done
  echo "(portal/wall, portal/rss: portal's median divided by the tool's; below 1 = portal faster / smaller)"
fi
echo
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg); total ${SECONDS}s"
echo "raw timings: $results"
