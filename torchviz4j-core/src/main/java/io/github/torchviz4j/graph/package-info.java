/**
 * The engine-neutral autograd graph, data only: immutable {@link io.github.torchviz4j.graph.Graph}
 * of {@link io.github.torchviz4j.graph.Node}s and {@link io.github.torchviz4j.graph.Edge}s, what
 * autograd holds. How it is drawn is decided in {@code io.github.torchviz4j.drawing}.
 */
@NullMarked
package io.github.torchviz4j.graph;

import org.jspecify.annotations.NullMarked;
