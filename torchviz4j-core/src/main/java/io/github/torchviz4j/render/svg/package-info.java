/** The embedded SVG writer: hand-written SVG of an ELK layout, text kept as text. */
@NullMarked
package io.github.torchviz4j.render.svg;

import org.jspecify.annotations.NullMarked;
