package io.github.torchviz4j.render.pdf;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import java.io.OutputStream;

/** Placeholder until the embedded PDF writer lands. */
public final class PdfWriter implements GraphWriter {
  @Override
  public Format format() {
    return Format.PDF;
  }

  @Override
  public void write(Graph graph, RenderOptions options, OutputStream out) {
    throw new UnsupportedOperationException("PDF not yet implemented");
  }
}
