#!/usr/bin/env bash
# Builds torchviz4j, then runs the seed tutorial's one-neuron example: prints y_pred and writes
# neuron.svg and neuron.png into the current directory. Needs only Java 17+ and Maven.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(pwd)"
mvn -B -q -Dstyle.color=never -f "$repo/pom.xml" -DskipTests -Dmaven.javadoc.skip=true install
mvn -B -q -Dstyle.color=never -f "$repo/examples/pom.xml" exec:java -Dexec.cleanupDaemonThreads=false \
  -Dexec.mainClass=io.github.torchviz4j.examples.Neuron -Dexec.args="$out"
