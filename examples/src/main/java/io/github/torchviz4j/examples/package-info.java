/** Runnable examples: the seed tutorial's one neuron, in Java. */
@NullMarked
package io.github.torchviz4j.examples;

import org.jspecify.annotations.NullMarked;
