/**
 * Engine-neutral layout: where each node's box, label lines and edge route go, in points, and the
 * {@link io.github.torchviz4j.layout.LayoutEngine} that computes them.
 */
@NullMarked
package io.github.torchviz4j.layout;

import org.jspecify.annotations.NullMarked;
