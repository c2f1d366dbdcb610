package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;

/**
 * A module of the model a graph was captured from. Immutable.
 *
 * @param path its dotted path from the root model ({@code layers.0.self_attn}); empty for the root
 * @param className its class as the model names it ({@code MultiheadAttention}), empty when unknown
 */
public record ModuleInfo(String path, String className) {

  /**
   * Validates the fields.
   *
   * @param path its dotted path from the root model ({@code layers.0.self_attn}); empty for the root
   * @param className its class as the model names it ({@code MultiheadAttention}), empty when unknown
   */
  public ModuleInfo {
    Checks.notNull(path, "module path");
    Checks.notNull(className, "module class name");
  }

  /**
   * The parent path of a dotted name: the module that owns a parameter or a submodule.
   *
   * @param dottedName e.g. {@code layers.0.linear1.weight}
   * @return e.g. {@code layers.0.linear1}; empty for a top-level name
   */
  public static String parentOf(String dottedName) {
    int dot = dottedName.lastIndexOf('.');
    return dot < 0 ? "" : dottedName.substring(0, dot);
  }

  /**
   * The deepest module containing both paths.
   *
   * @param a a module path
   * @param b another module path
   * @return their common ancestor ({@code layers.0} for {@code layers.0.a} and {@code layers.0.b})
   */
  public static String commonAncestor(String a, String b) {
    String[] left = a.isEmpty() ? new String[0] : a.split("\\.");
    String[] right = b.isEmpty() ? new String[0] : b.split("\\.");
    int shared = 0;
    while (shared < left.length && shared < right.length && left[shared].equals(right[shared])) {
      shared++;
    }
    return String.join(".", java.util.Arrays.asList(left).subList(0, shared));
  }

  /**
   * Whether {@code path} is {@code ancestor} or lies inside it.
   *
   * @param path a module path
   * @param ancestor another module path
   * @return true if {@code path} is within {@code ancestor}
   */
  public static boolean isWithin(String path, String ancestor) {
    return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + ".");
  }
}
