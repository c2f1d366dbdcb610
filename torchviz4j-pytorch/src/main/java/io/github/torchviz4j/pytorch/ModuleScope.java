package io.github.torchviz4j.pytorch;

import org.bytedeco.pytorch.global.torch;

/**
 * A named module scope of a {@link ModuleRecorder}: while it is open, every backward function the
 * forward pass creates on this thread is recorded as made by this module. Scopes nest: a scope
 * opened inside another gets the outer path as prefix. Close it innermost first (use
 * try-with-resources); closing twice does nothing.
 *
 * <pre>{@code
 * try (ModuleScope layer = modules.scope("encoder.layers.0", "TransformerEncoderLayer")) {
 *   x = layer0.forward(x);
 * }
 * }</pre>
 *
 * <p>It reads libtorch's per-thread autograd sequence counter when opened and closed.
 */
public final class ModuleScope implements AutoCloseable {
  private final ModuleRecorder recorder;
  private final String path;
  private final String className;
  private final long first;
  private boolean closed;

  ModuleScope(ModuleRecorder recorder, String path, String className) {
    this.recorder = recorder;
    this.path = path;
    this.className = className;
    this.first = torch.peek();
  }

  /** @return this scope's full module path */
  public String path() {
    return path;
  }

  /**
   * Ends the scope and records its span in its recorder.
   *
   * @throws io.github.torchviz4j.Torchviz4jException if an inner scope is still open, or the
   *     recorder is closed or on another thread
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    recorder.closeScope(this, new ModuleSpan(path, className, first, torch.peek()));
    closed = true;
  }
}
