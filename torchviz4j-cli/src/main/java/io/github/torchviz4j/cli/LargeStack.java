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
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(null, () -> {
      try {
        result[0] = work.call();
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "torchviz4j-worker", STACK_BYTES);
    thread.start();
    thread.join();
    if (failure[0] instanceof Exception e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }
}
