/**
 * Jupyter support for the JJava kernel: a {@link io.github.torchviz4j.Digraph} shows itself inline
 * as SVG, with PNG and text fallbacks, as torchviz's graph does in a Python notebook.
 */
@NullMarked
package io.github.torchviz4j.jupyter;

import org.jspecify.annotations.NullMarked;
