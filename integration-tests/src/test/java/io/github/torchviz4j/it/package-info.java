/** Tests of what users run: the command's jar, {@code bin/torchviz4j} and the example mains. */
@NullMarked
package io.github.torchviz4j.it;

import org.jspecify.annotations.NullMarked;
