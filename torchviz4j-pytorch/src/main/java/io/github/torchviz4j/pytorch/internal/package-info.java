/** The libtorch side of capture: the only code that walks native autograd nodes. */
@NullMarked
package io.github.torchviz4j.pytorch.internal;

import org.jspecify.annotations.NullMarked;
