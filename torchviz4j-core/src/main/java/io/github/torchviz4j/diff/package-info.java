/**
 * The difference of two captured graphs: {@link io.github.torchviz4j.diff.GraphDiff} matches their
 * nodes by module and op order and says what was added, removed or changed.
 */
@NullMarked
package io.github.torchviz4j.diff;

import org.jspecify.annotations.NullMarked;
