/**
 * Writers that turn a {@link io.github.torchviz4j.graph.Graph} into DOT text or a picture, chosen by
 * {@link io.github.torchviz4j.render.Format}.
 */
@NullMarked
package io.github.torchviz4j.render;

import org.jspecify.annotations.NullMarked;
