#!/usr/bin/env bash
# Builds torchviz4j and runs its benchmarks: capture, layout, SVG/PNG and end to end on big
# graphs, against Graphviz's `dot -Tsvg` in the same run. Prints the tables of BENCHMARKS.md and
# writes them, with the DOT, SVG and PNG files, to benchmarks/target/bench/.
# Arguments go to BenchmarkMain: --runs N, --warmup N, --dot-runs N, --dot-timeout S, --no-dot,
# --only big_chain,transformer12,transformer48,transformer48_nn,rnn100,chain20k,chain100k, --out DIR,
# --no-heap-check.
#
# With --command first, runs CommandBenchmark instead: whole-process runs of bin/torchviz4j on the
# TorchScript files under --bench DIR (required), against Python's torchviz (when
# python3 has torch and torchviz) and `dot -Tsvg`, the launcher's start-up measures one by one, the
# in-process numbers with the command's defaults, and peak RSS on big models. Its arguments:
# --bench DIR, --runs N, --measure-runs N, --no-measures, --no-big, --out DIR, --python COMMAND
# (repeatable: each Python to compare with; python3 by default).
set -euo pipefail
main=io.github.torchviz4j.benchmarks.BenchmarkMain
if [ "${1:-}" = --command ]; then
  main=io.github.torchviz4j.benchmarks.CommandBenchmark
  shift
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# Compiles the benchmark and the modules it needs in one reactor run, and writes its class path
# (the modules' target/classes plus their jars); nothing is installed into ~/.m2.
mvn -B -q -Dstyle.color=never -DskipTests -pl benchmarks -am compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# A fixed, pre-touched heap: resident memory then changes only with native memory, and the
# collector does not resize the heap between runs.
exec java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -Xss16m -Djava.awt.headless=true \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  "$main" "$@"
