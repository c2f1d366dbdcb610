package io.github.torchviz4j.render.png;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import java.io.OutputStream;

/** Placeholder until the embedded PNG writer lands. */
public final class PngWriter implements GraphWriter {
  @Override
  public Format format() {
    return Format.PNG;
  }

  @Override
  public void write(Graph graph, RenderOptions options, OutputStream out) {
    throw new UnsupportedOperationException("PNG not yet implemented");
  }
}
