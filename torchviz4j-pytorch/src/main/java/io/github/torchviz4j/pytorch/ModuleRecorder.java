package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Module;

/**
 * Records which module made which backward functions, for the captures it is passed to: open a
 * {@link ModuleScope} around each module's forward, then hand the recorder to {@link
 * TorchViz#makeDot(java.util.List, org.bytedeco.pytorch.StringTensorDict, MakeDotOptions,
 * ModuleRecorder)}. Nothing is kept anywhere else: what a recorder saw is gone with it.
 *
 * <pre>{@code
 * try (ModuleRecorder modules = TorchViz.recordModules()) {
 *   Tensor h;
 *   try (ModuleScope layer = modules.scope("encoder.layers.0", "TransformerEncoderLayer")) {
 *     h = layer0.forward(x);
 *   }
 *   Tensor y = modules.inModule(model, model.head, () -> model.head.forward(h));
 *   Digraph dot = TorchViz.makeDot(List.of(y), model.named_parameters(), MakeDotOptions.defaults(), modules);
 * }
 * }</pre>
 *
 * <p>Mutable and confined to the thread that created it: libtorch's autograd sequence counter,
 * which scopes read, counts per thread. It keeps at most {@value #MAX_SPANS} spans, oldest
 * dropped first.
 */
public final class ModuleRecorder implements AutoCloseable {
  /** The most spans a recorder keeps. */
  public static final int MAX_SPANS = 1_000_000;

  private final Thread owner = Thread.currentThread();
  private final Deque<ModuleScope> open = new ArrayDeque<>();
  private final List<ModuleSpan> spans = new ArrayList<>();
  private boolean closed;

  ModuleRecorder() {}

  /**
   * Opens a module scope named relative to the innermost open one: backward functions created
   * until it closes are drawn in that module. Use it in try-with-resources around a forward.
   *
   * @param name a dotted module path such as {@code encoder.layers.0}
   * @return the open scope
   * @throws io.github.torchviz4j.Torchviz4jException if the name is invalid, the recorder is closed
   *     or used on another thread
   */
  public ModuleScope scope(String name) {
    return scope(name, "");
  }

  /**
   * Opens a module scope that also names the module's class.
   *
   * @param name a dotted module path
   * @param className the module's class, e.g. {@code TransformerEncoderLayer}
   * @return the open scope
   * @throws io.github.torchviz4j.Torchviz4jException if the name is invalid, the recorder is closed
   *     or used on another thread
   */
  public ModuleScope scope(String name, String className) {
    Checks.notNull(name, "scope name");
    Checks.notNull(className, "module class name");
    Checks.check(!name.isEmpty() && !name.startsWith(".") && !name.endsWith("."),
        "scope name '" + name + "' is invalid; give a dotted module path such as encoder.layers.0");
    checkUsable();
    String path = open.isEmpty() ? name : open.peek().path() + "." + name;
    ModuleScope scope = new ModuleScope(this, path, className);
    open.push(scope);
    return scope;
  }

  /**
   * Runs a submodule's forward inside a scope named after its registered name in {@code parent}
   * and its class.
   *
   * <pre>{@code
   * Tensor h = modules.inModule(model, model.layer1, () -> model.layer1.forward(x));
   * }</pre>
   *
   * @param parent the module that registered {@code child}
   * @param child the submodule
   * @param forward the call to run
   * @param <T> what the forward returns
   * @return what the forward returned
   * @throws io.github.torchviz4j.Torchviz4jException if {@code child} is not a direct child of
   *     {@code parent}
   */
  public <T> T inModule(Module parent, Module child, Supplier<T> forward) {
    Checks.notNull(parent, "parent module");
    Checks.notNull(child, "child module");
    Checks.notNull(forward, "forward");
    try (ModuleScope scope = scope(ModuleNames.registeredName(parent, child), ModuleNames.className(child))) {
      return forward.get();
    }
  }

  /** @return the spans recorded so far, oldest first */
  public List<ModuleSpan> spans() {
    return List.copyOf(spans);
  }

  /** Forgets every span; scopes still open can no longer close into it. */
  @Override
  public void close() {
    closed = true;
    open.clear();
    spans.clear();
  }

  void closeScope(ModuleScope scope, ModuleSpan span) {
    checkUsable();
    Checks.check(open.peek() == scope, "scope '" + scope.path() + "' is closed out of order;"
        + " close scopes innermost first (use try-with-resources)");
    open.pop();
    if (spans.size() >= MAX_SPANS) {
      spans.subList(0, spans.size() / 2).clear();
    }
    spans.add(span);
  }

  private void checkUsable() {
    Checks.check(!closed, "the module recorder is closed; open scopes and capture inside its try block");
    Checks.check(Thread.currentThread() == owner, "the module recorder is used on thread '"
        + Thread.currentThread().getName() + "' but belongs to '" + owner.getName()
        + "'; libtorch counts autograd sequence numbers per thread: record on the thread that runs the forward");
  }
}
