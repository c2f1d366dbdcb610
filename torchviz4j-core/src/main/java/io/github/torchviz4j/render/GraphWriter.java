package io.github.torchviz4j.render;

import io.github.torchviz4j.graph.Graph;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a graph in one format. Implementations are stateless and thread-safe. */
public interface GraphWriter {

  /** @return the format this writer produces */
  Format format();

  /**
   * Writes the graph. Does not close the stream.
   *
   * @param graph the graph to draw
   * @param options how to draw it
   * @param out where the bytes go
   * @throws IOException if writing fails
   */
  void write(Graph graph, RenderOptions options, OutputStream out) throws IOException;
}
