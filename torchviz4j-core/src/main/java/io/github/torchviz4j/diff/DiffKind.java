package io.github.torchviz4j.diff;

import java.util.Locale;

/** How a node or edge of one graph relates to the other. */
public enum DiffKind {
  /** In both graphs, alike. */
  SAME,
  /** In both graphs at the same place, but with another op, shape or attribute. */
  CHANGED,
  /** Only in the graph after. */
  ADDED,
  /** Only in the graph before. */
  REMOVED;

  /** @return the name as JSON and the command line print it: {@code same}, {@code changed}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
