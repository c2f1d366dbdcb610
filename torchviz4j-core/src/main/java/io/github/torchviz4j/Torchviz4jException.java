package io.github.torchviz4j;

/**
 * The root of every exception torchviz4j throws on bad input or a failed capture or render.
 *
 * <p>Messages name what failed, the offending value and what to do about it.
 */
public class Torchviz4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that names the problem and the fix.
   *
   * @param message what failed and what to do
   */
  public Torchviz4jException(String message) {
    super(message);
  }

  /**
   * Creates an exception that wraps its cause.
   *
   * @param message what failed and what to do
   * @param cause the underlying failure
   */
  public Torchviz4jException(String message, Throwable cause) {
    super(message, cause);
  }
}
