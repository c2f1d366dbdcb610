/**
 * The engine-neutral autograd graph: immutable {@link io.github.torchviz4j.graph.Graph} of
 * {@link io.github.torchviz4j.graph.Node}s and {@link io.github.torchviz4j.graph.Edge}s, and
 * {@link io.github.torchviz4j.graph.TorchvizStatements}, torchviz's way of drawing it.
 */
@NullMarked
package io.github.torchviz4j.graph;

import org.jspecify.annotations.NullMarked;
