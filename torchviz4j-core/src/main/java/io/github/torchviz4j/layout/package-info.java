/**
 * Engine-neutral layout: where each node's box, label lines and edge route go, in points, and the
 * options of the layout; the embedded ELK engine ({@code layout.elk}, not exported) computes them.
 */
@NullMarked
package io.github.torchviz4j.layout;

import org.jspecify.annotations.NullMarked;
