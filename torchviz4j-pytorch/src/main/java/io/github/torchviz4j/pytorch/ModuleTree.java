package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.graph.ModuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module tree of one placement: every module known from the model, a scope or a parameter
 * name, its children in definition order, whether it is a container, and the span of sequence
 * numbers its forward is known to have covered. Built once per placement; not thread-safe.
 *
 * <p>A module's forward runs as one contiguous interval of autograd sequence numbers. What is known
 * of that interval before placement: the sequence numbers of the functions placed in it exactly (by
 * a scope or by its parameters) and its children's intervals. Siblings' known intervals are
 * disjoint whenever each module runs once.
 */
final class ModuleTree {
  private static final Set<String> CONTAINER_CLASSES = Set.of("Sequential", "ModuleList", "ModuleDict");

  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private final Map<String, String> classes = new HashMap<>();
  private final Map<String, long[]> intervals = new HashMap<>();
  private final Set<String> listed = new java.util.HashSet<>();
  private final Set<String> holding = new java.util.HashSet<>();

  private ModuleTree() {}

  /**
   * Builds the tree.
   *
   * @param known modules the model lists, in definition order, with class names where known
   * @param spans sequence spans recorded by scopes
   * @param placed node id to module path for the nodes placed exactly so far
   * @param sequenceNrs node id to sequence number, for functions that have one
   * @return the tree
   */
  static ModuleTree of(List<ModuleInfo> known, List<ModuleSpan> spans, Map<String, String> placed,
      Map<String, Long> sequenceNrs) {
    ModuleTree tree = new ModuleTree();
    tree.children.put("", new ArrayList<>());
    for (ModuleInfo module : known) {
      tree.add(module.path());
      tree.listed.add(module.path());
      if (!module.className().isEmpty()) {
        tree.classes.put(module.path(), module.className());
      }
    }
    for (ModuleSpan span : spans) {
      tree.add(span.path());
      if (!span.className().isEmpty()) {
        tree.classes.putIfAbsent(span.path(), span.className());
      }
      if (span.end() > span.first()) {
        tree.widen(span.path(), span.first(), span.end() - 1);
      }
    }
    placed.forEach((id, path) -> {
      tree.add(path);
      for (String p = path; !p.isEmpty() && tree.holding.add(p); p = ModuleInfo.parentOf(p)) {
        // every module around a placed node holds it
      }
      Long sequenceNr = sequenceNrs.get(id);
      if (sequenceNr != null) {
        tree.widen(path, sequenceNr, sequenceNr);
      }
    });
    List<String> deepestFirst = new ArrayList<>(tree.children.keySet());
    deepestFirst.sort(Comparator.comparingInt((String p) -> depth(p)).reversed());
    for (String path : deepestFirst) {
      long[] interval = tree.intervals.get(path);
      if (!path.isEmpty() && interval != null) {
        String parent = ModuleInfo.parentOf(path);
        tree.widen(parent, interval[0], interval[1]);
      }
    }
    return tree;
  }

  private static int depth(String path) {
    return path.isEmpty() ? 0 : path.split("\\.").length;
  }

  private void add(String path) {
    if (children.containsKey(path)) {
      return;
    }
    children.put(path, new ArrayList<>());
    if (!path.isEmpty()) {
      String parent = ModuleInfo.parentOf(path);
      add(parent);
      children.get(parent).add(path);
    }
  }

  private void widen(String path, long first, long last) {
    long[] interval = intervals.get(path);
    if (interval == null) {
      intervals.put(path, new long[] {first, last});
    } else {
      interval[0] = Math.min(interval[0], first);
      interval[1] = Math.max(interval[1], last);
    }
  }

  /** @return the class names known for modules, by path */
  Map<String, String> classes() {
    return classes;
  }

  /**
   * Whether a module only holds others and runs no ops of its own: {@code Sequential},
   * {@code ModuleList} or {@code ModuleDict} by class, or, with the class unknown, a module whose
   * children's names are one stem and a number ({@code layers.0}, {@code layers.1};
   * {@code encoder_layer_0}, {@code encoder_layer_1}; not {@code conv1}, {@code bn1}).
   *
   * @param path a module path
   * @return true for a container
   */
  boolean isContainer(String path) {
    String className = classes.get(path);
    if (className != null) {
      return CONTAINER_CLASSES.contains(className);
    }
    List<String> kids = children.getOrDefault(path, List.of());
    if (path.isEmpty() || kids.size() < 2) {
      return false;
    }
    String stem = stem(kids.get(0));
    return stem != null && kids.stream().allMatch(kid -> stem.equals(stem(kid)));
  }

  /** The name of a child without its trailing number, or null when it has none. */
  private static String stem(String path) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    int end = name.length();
    while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
      end--;
    }
    return end == name.length() ? null : name.substring(0, end);
  }

  /**
   * @param path a module path
   * @return its children in definition order (the model's, else first seen)
   */
  List<String> children(String path) {
    return children.getOrDefault(path, List.of());
  }

  /**
   * @param path a module path
   * @return {@code [first, last]} of the sequence numbers known to lie in its forward, or null
   */
  long[] interval(String path) {
    return intervals.get(path);
  }

  /**
   * The innermost module whose known interval holds a sequence number.
   *
   * @param sequenceNr a function's sequence number
   * @return its path, the root ({@code ""}) when no module's interval holds it
   */
  String innermost(long sequenceNr) {
    String current = "";
    boolean deeper = true;
    while (deeper) {
      deeper = false;
      for (String child : children(current)) {
        long[] interval = intervals.get(child);
        if (interval != null && interval[0] <= sequenceNr && sequenceNr <= interval[1]) {
          current = child;
          deeper = true;
          break;
        }
      }
    }
    return current;
  }

  /**
   * The child of {@code parent} whose known interval ended last before a sequence number.
   *
   * @param parent a module path
   * @param sequenceNr a sequence number outside every child's interval
   * @return the child, or null
   */
  String before(String parent, long sequenceNr) {
    String best = null;
    long bestEnd = Long.MIN_VALUE;
    for (String child : children(parent)) {
      long[] interval = intervals.get(child);
      if (interval != null && interval[1] < sequenceNr && interval[1] > bestEnd) {
        best = child;
        bestEnd = interval[1];
      }
    }
    return best;
  }

  /**
   * The child of {@code parent} whose known interval starts first after a sequence number.
   *
   * @param parent a module path
   * @param sequenceNr a sequence number outside every child's interval
   * @return the child, or null
   */
  String after(String parent, long sequenceNr) {
    String best = null;
    long bestStart = Long.MAX_VALUE;
    for (String child : children(parent)) {
      long[] interval = intervals.get(child);
      if (interval != null && interval[0] > sequenceNr && interval[0] < bestStart) {
        best = child;
        bestStart = interval[0];
      }
    }
    return best;
  }

  /**
   * The children the model lists (in definition order) without parameters or recorded ops, such as
   * {@code relu} or {@code dropout}, defined between two children.
   *
   * @param parent a module path
   * @param from a child, or null for the first
   * @param to a later child, or null for the end
   * @return the children strictly between them, in definition order; empty when either is unknown
   *     to the model's definition order or when a child with an interval lies between them
   */
  List<String> parameterFreeBetween(String parent, String from, String to) {
    List<String> kids = children(parent);
    int start = from == null ? -1 : kids.indexOf(from);
    int end = to == null ? kids.size() : kids.indexOf(to);
    if (from != null && start < 0 || end < 0 || end <= start) {
      return List.of();
    }
    List<String> between = new ArrayList<>();
    for (int i = start + 1; i < end; i++) {
      String kid = kids.get(i);
      if (intervals.containsKey(kid)) {
        return List.of();
      }
      if (listed.contains(kid) && !holding.contains(kid)) {
        between.add(kid);
      }
    }
    return between;
  }

  /**
   * Where an op placed in a container goes instead: down to its last (or first) child with an
   * interval, until a module that is not a container.
   *
   * @param path a module path
   * @param last true for the last child, false for the first
   * @return the module that owns the op
   */
  String owner(String path, boolean last) {
    String current = path;
    Set<String> seen = new LinkedHashSet<>();
    while (isContainer(current) && seen.add(current)) {
      String pick = null;
      long best = last ? Long.MIN_VALUE : Long.MAX_VALUE;
      for (String child : children(current)) {
        long[] interval = intervals.get(child);
        if (interval != null && (last ? interval[1] > best : interval[0] < best)) {
          pick = child;
          best = last ? interval[1] : interval[0];
        }
      }
      if (pick == null) {
        return current;
      }
      current = pick;
    }
    return current;
  }
}
