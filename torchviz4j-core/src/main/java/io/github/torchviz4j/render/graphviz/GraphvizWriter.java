package io.github.torchviz4j.render.graphviz;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.render.Format;
import io.github.torchviz4j.render.GraphWriter;
import io.github.torchviz4j.render.RenderOptions;
import java.io.OutputStream;

/** Placeholder until the Graphviz engine lands. */
public final class GraphvizWriter implements GraphWriter {
  private final Format format;

  public GraphvizWriter(Format format) {
    this.format = format;
  }

  @Override
  public Format format() {
    return format;
  }

  @Override
  public void write(Graph graph, RenderOptions options, OutputStream out) {
    throw new UnsupportedOperationException("graphviz not yet implemented");
  }
}
