package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;

/**
 * libtorch's native libraries could not be loaded: the platform jar is missing from the class path,
 * the platform is not supported, or another libtorch on the library path conflicts.
 */
public class LibtorchUnavailableException extends Torchviz4jException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to do
   * @param cause the loader's error
   */
  public LibtorchUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
