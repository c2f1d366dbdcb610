package io.github.torchviz4j.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Reports each phase (load, forward, capture, write) with its elapsed time on stderr, when enabled:
 * by default only if stderr is a terminal. Not thread-safe.
 */
final class Progress {
  private final PrintWriter err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long phaseStart = start;

  Progress(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Marks the start of a phase; the previous phase ends here. */
  void begin() {
    phaseStart = System.nanoTime();
  }

  /**
   * Reports a finished phase.
   *
   * @param phase e.g. "load"
   * @param detail what it did, e.g. "model.pt: 2 parameters, train mode"
   */
  void done(String phase, String detail) {
    long now = System.nanoTime();
    if (enabled) {
      err.printf(Locale.ROOT, "torchviz4j: %-8s %6.2f s  %s%n", phase, (now - phaseStart) / 1e9, detail);
      err.flush();
    }
    phaseStart = now;
  }

  /** @return seconds since this object was made */
  double totalSeconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
