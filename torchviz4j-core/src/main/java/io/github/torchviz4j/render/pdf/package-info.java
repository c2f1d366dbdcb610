/** The embedded PDF writer: PDFBox drawing of an ELK layout, text as text in the embedded bundled font. */
@NullMarked
package io.github.torchviz4j.render.pdf;

import org.jspecify.annotations.NullMarked;
