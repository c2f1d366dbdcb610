package io.github.torchviz4j.render;

import io.github.torchviz4j.graph.Graph;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a graph in one format. Implementations are stateless and thread-safe; each reads what it
 * needs from a {@link Scene} (the drawing of its format, or that drawing's layout) and never
 * prepares the graph or changes the options itself.
 */
public interface GraphWriter {

  /** @return the format this writer produces */
  Format format();

  /**
   * Writes a scene. Does not close the stream.
   *
   * @param scene the graph, its options, and the drawing and layout made from them
   * @param out where the bytes go
   * @throws IOException if writing fails
   */
  void write(Scene scene, OutputStream out) throws IOException;

  /**
   * Writes a graph in a scene of its own: what this writer reads is computed for this call only.
   * Does not close the stream.
   *
   * @param graph the graph to draw
   * @param options how to draw it
   * @param out where the bytes go
   * @throws IOException if writing fails
   */
  default void write(Graph graph, RenderOptions options, OutputStream out) throws IOException {
    write(Scene.of(graph, options), out);
  }
}
