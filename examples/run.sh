#!/usr/bin/env bash
# Runs one example of the examples module: examples/run.sh NAME [OUTPUT_DIR]
# NAME is a class in io.github.torchviz4j.examples: Neuron, Mlp, Cnn, SavedAndAttrs, TinyTransformer, FoldedEncoder, ModelDiff,
# Gradients, NeuronNotebook. Pictures are written to OUTPUT_DIR (default: the current directory).
# The project is built first (`mvn package` of the examples and the modules they need: nothing is
# installed into ~/.m2); set TORCHVIZ4J_NO_BUILD=1 to skip that when nothing changed. Maven's output
# goes to examples/target/build.log (shown only if the build fails), so that what this prints is
# the example's own output.
set -euo pipefail
if [[ $# -lt 1 || "$1" == -* ]]; then
  echo "usage: examples/run.sh NAME [OUTPUT_DIR]   (NAME: Neuron, Mlp, Cnn, SavedAndAttrs, TinyTransformer, FoldedEncoder, ModelDiff, Gradients, NeuronNotebook)" >&2
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
classpath="$repo/examples/target/classpath.txt"
if [[ "${TORCHVIZ4J_NO_BUILD:-}" != 1 || ! -f "$classpath" ]]; then
  command -v mvn >/dev/null || { echo "examples/run.sh: building needs Maven (mvn) on the PATH" >&2; exit 1; }
  mkdir -p "$repo/examples/target"
  log="$repo/examples/target/build.log"
  [[ -t 2 ]] && echo "examples/run.sh: building (mvn package; the first build downloads libtorch, ~100 MB) ..." >&2
  # build-classpath writes each module's runtime class path, resolved in this reactor (no install).
  if ! mvn -B -Dstyle.color=never -f "$repo/pom.xml" -pl examples -am -DskipTests -Dmaven.javadoc.skip=true \
      -Dmaven.source.skip=true -Denforcer.skip=true package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >"$log" 2>&1; then
    cat "$log" >&2
    echo "examples/run.sh: the build failed; its log is $log" >&2
    exit 1
  fi
fi
java_bin="java"
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && java_bin="$JAVA_HOME/bin/java"
exec "$java_bin" -Djava.awt.headless=true -cp "$repo/examples/target/classes:$(cat "$classpath")" \
  "io.github.torchviz4j.examples.$name" "$out"
