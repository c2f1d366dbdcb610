/** The default layout engine, Eclipse ELK Layered; the only package that imports ELK. */
@NullMarked
package io.github.torchviz4j.layout.elk;

import org.jspecify.annotations.NullMarked;
