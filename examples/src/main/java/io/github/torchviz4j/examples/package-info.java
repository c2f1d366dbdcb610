/**
 * Runnable examples, each started with {@code examples/run.sh NAME}: the seed tutorial's one neuron
 * ({@link io.github.torchviz4j.examples.Neuron}), an MLP, a CNN, a small transformer with its module
 * view, torchviz's detailed view (saved tensors and attributes), gradients, and the generator of the
 * seed notebook.
 */
@NullMarked
package io.github.torchviz4j.examples;

import org.jspecify.annotations.NullMarked;
