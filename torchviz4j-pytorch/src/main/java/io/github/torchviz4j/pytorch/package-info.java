/**
 * Capture from libtorch: {@link io.github.torchviz4j.pytorch.TorchViz#makeDot} walks a tensor's
 * autograd graph and returns a {@link io.github.torchviz4j.Digraph}.
 */
@NullMarked
package io.github.torchviz4j.pytorch;

import org.jspecify.annotations.NullMarked;
