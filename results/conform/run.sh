#!/usr/bin/env bash
# Runs `caas conform` with the options given and writes what it printed, with its provenance (commit, JDK,
# load average before and after, the exact command, duration, exit), to results/conform/NAME.txt.
# Run from the project root, one at a time (the shape area measures times; two runs at once skew both):
#   java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   results/conform/run.sh sync-sequential --launch "$java -jar sync-impl/target/sync-impl-0.1.0-SNAPSHOT-all.jar" \
#     --name sync-sequential --composition sequential
# (README.md here lists every command that made a file.)
set -uo pipefail
name="$1"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
out="results/conform/$name.txt"
command=(./caas conform "$@" --logs "target/conform/$name")
started=$(date -u +%s)
{
  echo "# caas conform: $name"
  echo "# commit:   ${COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
  echo "# JDK:      $("$java" -version 2>&1 | head -n 1)"
  echo "# host:     $(nproc) cores, $(uname -sr)"
  echo "# started:  $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '# command: '
  printf ' %q' "${command[@]}"
  echo
  echo
} >"$out"
"${command[@]}" >>"$out" 2>&1
status=$?
ended=$(date -u +%s)
{
  echo
  echo "# exit:     $status"
  echo "# ended:    $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# duration: $((ended - started)) s"
} >>"$out"
exit "$status"
