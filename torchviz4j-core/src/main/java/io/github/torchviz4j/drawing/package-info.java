/**
 * What a picture shows of a graph: torchviz's statements, roles, labels and fills, modules
 * collapsed or drawn as clusters, the gradient legend. Depends on the graph package only.
 */
@NullMarked
package io.github.torchviz4j.drawing;

import org.jspecify.annotations.NullMarked;
