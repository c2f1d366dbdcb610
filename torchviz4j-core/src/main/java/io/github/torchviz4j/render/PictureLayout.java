package io.github.torchviz4j.render;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.drawing.TorchvizStatements;
import io.github.torchviz4j.layout.Layout;
import io.github.torchviz4j.layout.elk.ElkLayoutEngine;

/**
 * The layout every embedded picture writer draws: the graph prepared by the options (modules
 * collapsed, legend added), refused when too large to lay out, then laid out by ELK. Stateless.
 *
 * <pre>{@code
 * Layout layout = PictureLayout.of(graph, RenderOptions.defaults(), Format.SVG);
 * }</pre>
 */
public final class PictureLayout {
  private PictureLayout() {}

  /**
   * Lays out a graph as a picture in {@code format} shows it.
   *
   * @param graph a captured graph
   * @param options how to draw it
   * @param format the picture's format, for the size message
   * @return the layout
   * @throws Torchviz4jException if the prepared graph has more than {@link
   *     RenderOptions#maxLayoutNodes} nodes
   */
  public static Layout of(Graph graph, RenderOptions options, Format format) {
    Graph drawn = options.prepare(graph);
    options.checkLayoutSize(drawn, format);
    return new ElkLayoutEngine().layout(TorchvizStatements.of(drawn, options.maxAttrChars()), options.layout());
  }

  /**
   * Lays out an already prepared drawing.
   *
   * @param drawing the statements of a graph prepared for drawing
   * @param options how to draw it
   * @param format the picture's format, for the size message
   * @return the layout
   * @throws Torchviz4jException if the graph has more than {@link RenderOptions#maxLayoutNodes} nodes
   */
  public static Layout of(TorchvizStatements drawing, RenderOptions options, Format format) {
    options.checkLayoutSize(drawing.graph(), format);
    return new ElkLayoutEngine().layout(drawing, options.layout());
  }
}
