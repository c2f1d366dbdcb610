package io.github.torchviz4j.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The levels of a module path, as a reader of the model sees them: a container's numeric index
 * belongs to the name before it, so {@code layers.0.self_attn} has the levels {@code layers.0} and
 * {@code layers.0.self_attn}, and {@code depth(1)} shows one box per encoder layer.
 */
public final class ModuleLevels {
  private ModuleLevels() {}

  /**
   * The module paths from the outermost level to the path itself.
   *
   * @param path a dotted module path, empty for the root
   * @return one path per level; empty for the root
   */
  public static List<String> of(String path) {
    List<String> levels = new ArrayList<>();
    if (path.isEmpty()) {
      return levels;
    }
    String[] parts = path.split("\\.");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        prefix.append('.');
      }
      prefix.append(parts[i]);
      boolean indexFollows = i + 1 < parts.length && isIndex(parts[i + 1]);
      if (!indexFollows) {
        levels.add(prefix.toString());
      }
    }
    return levels;
  }

  /**
   * The module at a given depth that contains a path.
   *
   * @param path a module path
   * @param depth 1 for the outermost level
   * @return the containing module at that depth, or the path itself when it is shallower
   */
  public static String atDepth(String path, int depth) {
    List<String> levels = of(path);
    return levels.size() <= depth ? path : levels.get(depth - 1);
  }

  private static boolean isIndex(String part) {
    return !part.isEmpty() && part.chars().allMatch(Character::isDigit);
  }
}
