package io.github.torchviz4j.graph;

import io.github.torchviz4j.internal.Checks;

/**
 * A module of the model a graph was captured from. Immutable.
 *
 * @param path its dotted path from the root model ({@code layers.0.self_attn}); empty for the root
 * @param className its class as the model names it ({@code MultiheadAttention}), empty when unknown
 * @param foldedThrough when identical sibling modules are drawn once ({@code
 *     RenderOptions.withFold}), the last of them ({@code layers.47} for {@code layers.1}); empty
 *     otherwise
 * @param count how many modules this one stands for: 1, or the number folded into it
 */
public record ModuleInfo(String path, String className, String foldedThrough, int count) {

  /**
   * Validates the fields.
   *
   * @param path its dotted path from the root model ({@code layers.0.self_attn}); empty for the root
   * @param className its class as the model names it ({@code MultiheadAttention}), empty when unknown
   * @param foldedThrough the last module folded into this one, or empty
   * @param count how many modules this one stands for
   */
  public ModuleInfo {
    Checks.notNull(path, "module path");
    Checks.notNull(className, "module class name");
    Checks.notNull(foldedThrough, "folded-through path");
    Checks.check(count >= 1 && (count == 1) == foldedThrough.isEmpty(), "module '" + path + "' stands for " + count
        + " modules through '" + foldedThrough + "'; give count 1 and no last path, or both");
  }

  /**
   * A module that stands for itself alone.
   *
   * @param path its dotted path
   * @param className its class, empty when unknown
   */
  public ModuleInfo(String path, String className) {
    this(path, className, "", 1);
  }

  /**
   * This module standing for {@code count} identical siblings, the last being {@code last}.
   *
   * @param last the last sibling's path
   * @param modules how many siblings, this one included
   * @return the copy
   */
  public ModuleInfo folded(String last, int modules) {
    return new ModuleInfo(path, className, last, modules);
  }

  /** @return the path as titles show it: {@code layers.1 … layers.47} for a folded module */
  public String displayPath() {
    return count == 1 ? path : path + " … " + foldedThrough;
  }

  /** @return the class as titles show it: {@code TransformerEncoderLayer ×47} for a folded module */
  public String displayClass() {
    if (count == 1) {
      return className;
    }
    return className.isEmpty() ? "×" + count : className + " ×" + count;
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
