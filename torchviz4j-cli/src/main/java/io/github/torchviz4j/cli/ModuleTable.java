package io.github.torchviz4j.cli;

import io.github.torchviz4j.graph.Graph;
import io.github.torchviz4j.graph.ModuleInfo;
import io.github.torchviz4j.graph.ModuleLevels;
import io.github.torchviz4j.graph.Node;
import io.github.torchviz4j.graph.NodeKind;
import io.github.torchviz4j.drawing.ParameterCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The module tree of a captured graph as {@code --list-modules} prints it: one line per module in
 * execution order, indented by depth, with its depth (as {@code --depth} counts it), class,
 * parameter elements and the backward functions inside it (submodules included). Stateless.
 */
final class ModuleTable {
  private ModuleTable() {}

  /**
   * Formats the table.
   *
   * @param graph a graph whose modules are placed
   * @return the text, one line per module after a header; a note when the graph has no modules
   */
  static String of(Graph graph) {
    List<ModuleInfo> modules = graph.modules();
    if (modules.isEmpty()) {
      return "no modules: the graph's parameters have no dotted names and no scopes were recorded\n";
    }
    Map<String, Integer> functions = new HashMap<>();
    for (Node node : graph.nodes()) {
      if (node.kind() == NodeKind.FUNCTION) {
        for (String level : ModuleLevels.of(node.modulePath())) {
          functions.merge(level, 1, Integer::sum);
        }
      }
    }
    ParameterCounts parameters = ParameterCounts.of(graph);
    int width = "module".length();
    int classWidth = "class".length();
    for (ModuleInfo module : modules) {
      width = Math.max(width, 2 * (ModuleLevels.depth(module.path()) - 1) + module.path().length());
      classWidth = Math.max(classWidth, module.className().length());
    }
    StringBuilder text = new StringBuilder();
    String format = "%-" + width + "s  %5s  %-" + classWidth + "s  %12s  %9s%n";
    text.append(String.format(Locale.ROOT, format, "module", "depth", "class", "params", "functions"));
    for (ModuleInfo module : modules) {
      int depth = ModuleLevels.depth(module.path());
      text.append(String.format(Locale.ROOT, format, "  ".repeat(depth - 1) + module.path(), depth,
          module.className().isEmpty() ? "-" : module.className(),
          String.format(Locale.ROOT, "%,d", parameters.of(module.path())),
          functions.getOrDefault(module.path(), 0)));
    }
    return text.toString();
  }
}
