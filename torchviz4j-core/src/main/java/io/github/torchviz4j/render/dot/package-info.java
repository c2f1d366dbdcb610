/** DOT text, as torchviz writes it. */
@NullMarked
package io.github.torchviz4j.render.dot;

import org.jspecify.annotations.NullMarked;
