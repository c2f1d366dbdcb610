package io.github.torchviz4j.layout.elk;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.LargeStack;
import java.util.concurrent.Callable;

/**
 * Runs a layout on a fresh thread with a large stack ({@link LargeStack}) and turns its failures
 * into messages. ELK Layered recurses once per node along long
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
    try {
      return LargeStack.call("torchviz4j-layout", STACK_BYTES, true, task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Torchviz4jException(what + " was interrupted", e);
    } catch (Torchviz4jException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new Torchviz4jException(what + " ran out of stack even with " + (STACK_BYTES >> 20)
          + " MB; the graph is too deep for the embedded layout, try Engine.GRAPHVIZ", e);
    } catch (OutOfMemoryError e) {
      throw new Torchviz4jException(what + " ran out of memory; raise the heap with -Xmx", e);
    } catch (Exception | Error e) {
      throw new Torchviz4jException(what + " failed: " + e, e);
    }
  }
}
