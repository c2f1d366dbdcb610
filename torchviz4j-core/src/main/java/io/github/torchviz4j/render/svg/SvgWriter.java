package io.github.torchviz4j.render.svg;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import java.io.OutputStream;

/** Placeholder until the embedded SVG writer lands. */
public final class SvgWriter implements GraphWriter {
  @Override
  public Format format() {
    return Format.SVG;
  }

  @Override
  public void write(Graph graph, RenderOptions options, OutputStream out) {
    throw new UnsupportedOperationException("SVG not yet implemented");
  }
}
