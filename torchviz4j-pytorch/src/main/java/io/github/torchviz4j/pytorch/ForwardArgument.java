package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.internal.Checks;

/**
 * One argument of a TorchScript module's {@code forward} method, as its schema declares it
 * ({@code self} excluded). Immutable.
 *
 * @param name the argument's name in the Python source, e.g. {@code x}
 * @param type its TorchScript type, e.g. {@code Tensor} or {@code Optional[Tensor]}
 * @param optional whether it has a default value and may be left out
 */
public record ForwardArgument(String name, String type, boolean optional) {
  /**
   * Validates the fields.
   *
   * @param name the argument's name in the Python source, e.g. {@code x}
   * @param type its TorchScript type, e.g. {@code Tensor} or {@code Optional[Tensor]}
   * @param optional whether it has a default value and may be left out
   */
  public ForwardArgument {
    Checks.notNull(name, "argument name");
    Checks.notNull(type, "argument type");
  }

  @Override
  public String toString() {
    return name + ": " + type + (optional ? " = ..." : "");
  }
}
