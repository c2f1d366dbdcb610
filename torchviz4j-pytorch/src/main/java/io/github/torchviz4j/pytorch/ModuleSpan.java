package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;

/**
 * The autograd sequence numbers handed out while a module's forward ran: every backward function
 * with a sequence number in {@code [first, end)} was made by this module or one inside it.
 * Immutable.
 *
 * @param path the module's dotted path ({@code encoder.layers.0})
 * @param className the module's class, empty when unknown
 * @param first the first sequence number of the span
 * @param end one past the last sequence number of the span
 */
public record ModuleSpan(String path, String className, long first, long end) {

  /**
   * Validates the fields.
   *
   * @param path the module's dotted path ({@code encoder.layers.0})
   * @param className the module's class, empty when unknown
   * @param first the first sequence number of the span
   * @param end one past the last sequence number of the span
   */
  public ModuleSpan {
    Checks.notNull(path, "module path");
    Checks.notNull(className, "module class name");
    Checks.check(0 <= first && first <= end,
        "sequence span [" + first + ", " + end + ") is invalid; it must start at 0 or later and not end before it starts");
  }
}
