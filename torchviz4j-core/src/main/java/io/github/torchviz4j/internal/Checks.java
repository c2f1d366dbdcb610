package io.github.torchviz4j.internal;

import io.github.torchviz4j.Torchviz4jException;
import java.util.Objects;

/** Argument checks that throw {@link Torchviz4jException} with a message naming the problem. */
public final class Checks {
  private Checks() {}

  /**
   * Returns {@code value} if it is not null.
   *
   * @param value the value to check
   * @param what what the value is, for the message
   * @param <T> the value's type
   * @return {@code value}
   * @throws Torchviz4jException if {@code value} is null
   */
  public static <T> T notNull(T value, String what) {
    if (value == null) {
      throw new Torchviz4jException(what + " is null; pass a non-null " + what);
    }
    return value;
  }

  /**
   * Throws with {@code message} unless {@code condition} holds.
   *
   * @param condition what must hold
   * @param message what failed and how to fix it
   * @throws Torchviz4jException if {@code condition} is false
   */
  public static void check(boolean condition, String message) {
    if (!condition) {
      throw new Torchviz4jException(Objects.requireNonNull(message));
    }
  }
}
