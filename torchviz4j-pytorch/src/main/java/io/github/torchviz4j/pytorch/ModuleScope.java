package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.pytorch.global.torch;

/**
 * A named module scope: while it is open, every backward function the forward pass creates on
 * this thread is recorded as made by this module. Scopes nest: a scope opened inside another gets
 * the outer path as prefix. Close it on the thread that opened it, innermost first (use
 * try-with-resources).
 *
 * <pre>{@code
 * try (ModuleScope layer = TorchViz.scope("encoder.layers.0", "TransformerEncoderLayer")) {
 *   x = layer0.forward(x);
 * }
 * }</pre>
 *
 * <p>It reads libtorch's per-thread autograd sequence counter when opened and closed; the spans
 * recorded on a thread are used by every later capture on that thread (at most {@value
 * #MAX_SPANS} are kept, oldest dropped first; {@link TorchViz#clearScopes()} forgets them).
 */
public final class ModuleScope implements AutoCloseable {
  /** The most spans kept per thread. */
  public static final int MAX_SPANS = 1_000_000;

  private static final ThreadLocal<Deque<ModuleScope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
  private static final ThreadLocal<List<ModuleSpan>> RECORDED = ThreadLocal.withInitial(ArrayList::new);

  private final String path;
  private final String className;
  private final long first;
  private boolean closed;

  private ModuleScope(String path, String className, long first) {
    this.path = path;
    this.className = className;
    this.first = first;
  }

  static ModuleScope open(String name, String className) {
    Checks.notNull(name, "scope name");
    Checks.notNull(className, "module class name");
    Checks.check(!name.isEmpty() && !name.startsWith(".") && !name.endsWith("."),
        "scope name '" + name + "' is invalid; give a dotted module path such as encoder.layers.0");
    Deque<ModuleScope> open = OPEN.get();
    String path = open.isEmpty() ? name : open.peek().path + "." + name;
    ModuleScope scope = new ModuleScope(path, className, torch.peek());
    open.push(scope);
    return scope;
  }

  /** @return this scope's full module path */
  public String path() {
    return path;
  }

  /**
   * Ends the scope and records its span.
   *
   * @throws io.github.torchviz4j.Torchviz4jException if an inner scope is still open or the scope
   *     is closed on another thread
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    Deque<ModuleScope> open = OPEN.get();
    Checks.check(open.peek() == this, "scope '" + path + "' is closed out of order or on another thread;"
        + " close scopes innermost first, on the thread that opened them (use try-with-resources)");
    open.pop();
    closed = true;
    List<ModuleSpan> recorded = RECORDED.get();
    if (recorded.size() >= MAX_SPANS) {
      recorded.subList(0, recorded.size() / 2).clear();
    }
    recorded.add(new ModuleSpan(path, className, first, torch.peek()));
  }

  static List<ModuleSpan> recordedOnThisThread() {
    return List.copyOf(RECORDED.get());
  }

  static void clearThisThread() {
    RECORDED.get().clear();
  }
}
