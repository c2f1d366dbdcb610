/** The interactive HTML viewer: one self-contained file with the ELK layout, the graph as JSON and the viewer's script. */
@NullMarked
package io.github.torchviz4j.render.html;

import org.jspecify.annotations.NullMarked;
