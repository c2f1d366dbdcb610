#!/usr/bin/env bash
# Builds torchviz4j, then runs the seed tutorial's one-neuron example: prints y_pred and writes
# neuron.svg and neuron.png into the current directory, then replays backward(), prints the gradients
# (1 -> 0.42 -> [0.42, 0.84] and 0.42) and writes neuron-backward.png, each edge labelled with its gradient. Needs only Java 17+ and Maven; installs
# nothing into ~/.m2 (see examples/run.sh). It prints only the example's own lines.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$repo/examples/run.sh" Neuron "$(pwd)"
