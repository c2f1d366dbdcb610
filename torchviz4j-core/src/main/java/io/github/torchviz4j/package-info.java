/** torchviz4j: draws the autograd graph of a PyTorch computation, as {@code torchviz.make_dot} does. */
@NullMarked
package io.github.torchviz4j;

import org.jspecify.annotations.NullMarked;
