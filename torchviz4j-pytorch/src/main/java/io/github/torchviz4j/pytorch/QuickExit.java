package io.github.torchviz4j.pytorch;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.PointerConsumer;

/**
 * Ends the process at once, as C's {@code _exit} does, once libtorch is loaded. A normal exit runs
 * libtorch's static destructors, which deregister its thousands of operators one by one: 80-90 ms
 * on the JVM's exit thread, a tenth of a one-second command (perf, BENCHMARKS.md "The command").
 * {@code _exit} also skips the JVM's shutdown: shutdown hooks, {@code deleteOnExit} and a
 * class-data-sharing archive dumped at exit. For a program that has flushed and closed all it wrote,
 * such as the command line; public for it, not part of the API. Thread-safe.
 *
 * <pre>{@code
 * out.flush();
 * QuickExit.exit(0);   // the process ends here
 * }</pre>
 */
public final class QuickExit {
  private QuickExit() {}

  /**
   * Ends the process with {@code status}: by {@code _exit} when libtorch is loaded and the C
   * library has {@code fflush} and {@code _exit}, otherwise by {@link System#exit} (without
   * libtorch there are no destructors to skip, and loading it would take longer than they do).
   * Never returns.
   *
   * @param status the exit status, 0-255
   */
  public static void exit(int status) {
    if (Natives.isLoaded()) {
      Pointer flush = Loader.addressof("fflush");
      Pointer exit = Loader.addressof("_exit");
      if (exists(flush) && exists(exit)) {
        System.out.flush();
        System.err.flush();
        // What native code printed through C's stdio (libtorch's and a TorchScript print's, as C++
        // streams go through stdio by default): fflush(NULL) flushes every stream.
        call(flush, 0);
        call(exit, status);
      }
    }
    System.exit(status);
  }

  private static boolean exists(Pointer function) {
    return function != null && !function.isNull();
  }

  /**
   * Calls {@code function(argument)} through the preset's {@code void (*)(void*)} callback type: its
   * native {@code call} reads the function from the first word of the memory its address points
   * to, and passes the argument's address (plus position) in the first argument register, which
   * on the 64-bit ABIs libtorch runs on is also the first {@code int} argument's.
   */
  private static void call(Pointer function, int argument) {
    LongPointer callback = new LongPointer(2);
    callback.put(0, function.address()).put(1, 0);
    new PointerConsumer(callback).call(new Pointer().position(argument));
  }
}
