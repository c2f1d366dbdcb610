/** Benchmarks of capture, layout and writers on big autograd graphs, against Graphviz {@code dot}. */
@NullMarked
package io.github.torchviz4j.benchmarks;

import org.jspecify.annotations.NullMarked;
