package io.github.torchviz4j.cli;

import java.util.concurrent.Callable;

/**
 * Runs work on a thread with a large stack: libtorch's TorchScript interpreter recurses deeply on
 * long scripted loops (a 2,000-step loop overflows 2 MB and crashes the JVM in native code), and
 * ELK recurses deeply on big layouts. The stack is reserved address space, committed only as used.
 */
final class LargeStack {
  /** 1 GiB of reserved stack. */
  static final long STACK_BYTES = 1L << 30;

  private LargeStack() {}

  /**
   * Calls {@code work} on a new thread and waits for it.
   *
   * @param work what to run
   * @param <T> its result type
   * @return its result
   * @throws Exception what it threw
   */
  static <T> T call(Callable<T> work) throws Exception {
    return io.github.torchviz4j.internal.LargeStack.call("torchviz4j-worker", STACK_BYTES, false, work);
  }
}
