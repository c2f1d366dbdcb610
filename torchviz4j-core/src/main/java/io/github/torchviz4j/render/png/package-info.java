/** The embedded PNG writer: Java2D drawing of an ELK layout in the bundled font. */
@NullMarked
package io.github.torchviz4j.render.png;

import org.jspecify.annotations.NullMarked;
