package io.github.torchviz4j.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs work on a fresh thread with a large stack and waits for it: ELK recurses once per node
 * along long paths, and libtorch's TorchScript interpreter recurses on long scripted loops. The
 * stack is reserved address space, committed only as it is used. Stateless.
 */
public final class LargeStack {
  private LargeStack() {}

  /**
   * Calls {@code work} on a new thread and waits for it; what it throws is thrown here as it is.
   *
   * @param threadName the thread's name
   * @param stackBytes the stack to reserve
   * @param daemon whether the thread may be left behind when the JVM exits
   * @param work what to run
   * @param <T> its result type
   * @return its result
   * @throws InterruptedException if the caller is interrupted while waiting
   * @throws Exception what {@code work} threw
   */
  public static <T> T call(String threadName, long stackBytes, boolean daemon, Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.call());
      } catch (Throwable t) { // handed to the caller below, StackOverflowError included
        failure.set(t);
      }
    }, threadName, stackBytes);
    thread.setDaemon(daemon);
    thread.start();
    thread.join();
    Throwable thrown = failure.get();
    if (thrown instanceof Exception e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
    return result.get();
  }
}
