/** The JSON export of a graph: nodes, edges, outputs and modules as data, for programs and the HTML viewer. */
@NullMarked
package io.github.torchviz4j.render.json;

import org.jspecify.annotations.NullMarked;
