/** The gradient-flow summary as JSON and as a chart. */
@NullMarked
package io.github.torchviz4j.render.flow;

import org.jspecify.annotations.NullMarked;
