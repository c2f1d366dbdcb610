package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.Torchviz4jException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task on a fresh thread with a large stack. ELK Layered recurses once per node along long
 * paths; on the default 1 MB stack a 20,000-node chain overflows. The stack is only reserved
 * address space, committed as it is used.
 */
final class LargeStackThread {
  /** 512 MB: room for chains far beyond 20,000 nodes. */
  static final long STACK_BYTES = 512L * 1024 * 1024;

  private LargeStackThread() {}

  /**
   * Runs the task and waits for it.
   *
   * @param what what the task does, for messages
   * @param task the task
   * @param <T> its result type
   * @return its result
   * @throws Torchviz4jException if it fails, runs out of stack, or the caller is interrupted
   */
  static <T> T call(String what, Callable<T> task) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(task.call());
      } catch (Throwable t) { // handed to the caller below, StackOverflowError included
        failure.set(t);
      }
    }, "torchviz4j-layout", STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Torchviz4jException(what + " was interrupted", e);
    }
    Throwable thrown = failure.get();
    if (thrown instanceof Torchviz4jException e) {
      throw e;
    }
    if (thrown instanceof StackOverflowError) {
      throw new Torchviz4jException(what + " ran out of stack even with " + (STACK_BYTES >> 20)
          + " MB; the graph is too deep for the embedded layout, try Engine.GRAPHVIZ", thrown);
    }
    if (thrown instanceof OutOfMemoryError) {
      throw new Torchviz4jException(what + " ran out of memory; raise the heap with -Xmx", thrown);
    }
    if (thrown != null) {
      throw new Torchviz4jException(what + " failed: " + thrown, thrown);
    }
    return result.get();
  }
}
