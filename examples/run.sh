#!/usr/bin/env bash
# Runs one example of the examples module: examples/run.sh NAME [OUTPUT_DIR]
# NAME is a class in io.github.torchviz4j.examples: Neuron, Mlp, Cnn, SavedAndAttrs, TinyTransformer,
# Gradients, NeuronNotebook. The project is built (and installed into ~/.m2) first; set TORCHVIZ4J_NO_BUILD=1 to
# skip that when nothing changed. Pictures are written to OUTPUT_DIR (default: the current directory).
set -euo pipefail
if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: examples/run.sh NAME [OUTPUT_DIR]   (NAME: Neuron, Mlp, Cnn, SavedAndAttrs, TinyTransformer, Gradients, NeuronNotebook)" >&2
  exit 2
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="$1"
mkdir -p "${2:-.}"
out="$(cd "${2:-.}" && pwd)"
if [[ ! -f "$repo/examples/src/main/java/io/github/torchviz4j/examples/$name.java" ]]; then
  echo "examples/run.sh: no example named '$name'; see examples/src/main/java/io/github/torchviz4j/examples/" >&2
  exit 2
fi
if [[ "${TORCHVIZ4J_NO_BUILD:-}" != 1 ]]; then
  mvn -B -q -Dstyle.color=never -f "$repo/pom.xml" -pl examples -am -DskipTests -Dmaven.javadoc.skip=true install
fi
mvn -B -q -Dstyle.color=never -f "$repo/examples/pom.xml" exec:java -Dexec.cleanupDaemonThreads=false \
  -Dexec.mainClass="io.github.torchviz4j.examples.$name" -Dexec.args="$out"
