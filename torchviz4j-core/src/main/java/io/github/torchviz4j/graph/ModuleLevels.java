package io.github.torchviz4j.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * The levels of a module path, as torchview counts them: every dotted part is one level, so
 * {@code layer1.0.conv1} has the levels {@code layer1} (depth 1, a ResNet stage),
 * {@code layer1.0} (depth 2, its first block) and {@code layer1.0.conv1} (depth 3).
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
    int dot = path.indexOf('.');
    while (dot >= 0) {
      levels.add(path.substring(0, dot));
      dot = path.indexOf('.', dot + 1);
    }
    levels.add(path);
    return levels;
  }

  /**
   * How deep a module lies.
   *
   * @param path a dotted module path
   * @return 0 for the root, 1 for {@code layer1}, 2 for {@code layer1.0}
   */
  public static int depth(String path) {
    return path.isEmpty() ? 0 : (int) path.chars().filter(c -> c == '.').count() + 1;
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
}
