package io.github.torchviz4j.drawing;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.internal.Thousands;

/**
 * The title of a module's box, as every picture shows it: path, class and parameter count, for
 * example {@code layers.0 (TransformerEncoderLayer), 33,472 params}. Immutable.
 *
 * <pre>{@code
 * String title = ModuleTitles.of(graph).title("layers.0");
 * }</pre>
 */
public final class ModuleTitles {
  private final Graph graph;
  private final ParameterCounts parameters;
  private final SavedTotals saved;
  private final Marks marks;

  private ModuleTitles(Graph graph, Marks marks) {
    this.graph = graph;
    this.marks = marks;
    this.parameters = ParameterCounts.of(graph);
    this.saved = SavedTotals.of(graph);
  }

  /**
   * Titles for the modules of a graph.
   *
   * @param graph the graph
   * @return its module titles
   */
  public static ModuleTitles of(Graph graph) {
    return new ModuleTitles(graph, Marks.NONE);
  }

  /**
   * Titles for the modules of a graph, each followed by the note its marks give it (a diff's counts
   * of changes: {@code layers.2 (Block)  +38}).
   *
   * @param graph the graph
   * @param marks the drawing's marks
   * @return its module titles
   */
  public static ModuleTitles of(Graph graph, Marks marks) {
    return new ModuleTitles(graph, io.github.torchviz4j.internal.Checks.notNull(marks, "marks"));
  }

  /**
   * A module's title: its path, then its class in parentheses when known, then its parameter
   * elements when it has any.
   *
   * @param path the module's dotted path
   * @return the title
   */
  public String title(String path) {
    ModuleInfo module = graph.module(path);
    String className = module.displayClass();
    long count = parameters.of(path);
    return module.displayPath() + (className.isEmpty() ? "" : " (" + className + ")")
        + (count == 0 ? "" : ", " + Thousands.grouped(count) + " params")
        + saved.of(path).filter(bytes -> bytes.total() > 0)
            .map(bytes -> ", saved " + SavedTotals.text(bytes)).orElse("")
        + (marks.clusterNote(path).isEmpty() ? "" : "  " + marks.clusterNote(path));
  }
}
