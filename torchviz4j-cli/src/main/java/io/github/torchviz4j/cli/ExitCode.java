package io.github.torchviz4j.cli;

/** The command's exit codes. */
final class ExitCode {
  /** The graph was written. */
  static final int OK = 0;
  /** A runtime failure: missing or bad file, failed forward, unwritable output. */
  static final int FAILURE = 1;
  /** Bad command-line arguments (picocli's default for usage errors). */
  static final int USAGE = 2;
  /** libtorch's native libraries could not be loaded. */
  static final int LIBTORCH_MISSING = 3;
  /** {@code check}: some parameter's gradient is missing, all zero, NaN or Inf. */
  static final int UNHEALTHY_GRADIENTS = 4;

  private ExitCode() {}
}
