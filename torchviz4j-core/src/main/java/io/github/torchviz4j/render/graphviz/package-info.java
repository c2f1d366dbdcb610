/** The optional Graphviz engine: pipes torchviz's DOT text through {@code dot} on the PATH. */
@NullMarked
package io.github.torchviz4j.render.graphviz;

import org.jspecify.annotations.NullMarked;
