/** Helpers shared by torchviz4j's packages; not part of the public API. */
@NullMarked
package io.github.torchviz4j.internal;

import org.jspecify.annotations.NullMarked;
