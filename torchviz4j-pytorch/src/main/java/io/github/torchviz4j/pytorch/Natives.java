package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads libtorch once, and turns libtorch's multi-line errors into one-line messages. Public for the
 * library's own packages ({@code .export}); not part of the API. Thread-safe.
 */
public final class Natives {
  private static final Pattern PYTHON_ERROR = Pattern.compile("^\\s*[A-Za-z_.]*(?:Error|Exception): (.+)$");

  private static volatile boolean loaded;

  private Natives() {}

  /**
   * Loads libtorch's native libraries if not yet loaded. The first call on a machine extracts them
   * to {@code ~/.javacpp/cache} (several seconds); later calls return at once.
   *
   * @throws LibtorchUnavailableException if they cannot be loaded
   */
  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (Natives.class) {
      if (loaded) {
        return;
      }
      try {
        // Extract our libtorch before the first torch call, so that another libtorch on the
        // system library path is never picked up by a cold cache.
        Loader.cacheResources(torch.class, "/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
        Loader.load(torch.class);
      } catch (LinkageError | Exception e) {
        throw new LibtorchUnavailableException("cannot load libtorch's native libraries for platform '"
            + platform() + "' (" + oneLine(String.valueOf(e.getMessage())) + "); add org.bytedeco:pytorch"
            + " with classifier " + platform() + " (and openblas, javacpp likewise) to the class path,"
            + " and make sure no other libtorch is on LD_LIBRARY_PATH", e);
      }
      loaded = true;
    }
  }

  /** @return whether {@link #load()} has loaded libtorch in this process */
  public static boolean isLoaded() {
    return loaded;
  }

  private static String platform() {
    try {
      return Loader.getPlatform();
    } catch (LinkageError e) {
      return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
    }
  }

  /**
   * libtorch's message on one line: without the C++ frames ("Exception raised from ..."), and for
   * TorchScript interpreter failures only the final error (e.g. {@code mat1 and mat2 shapes cannot
   * be multiplied (3x5 and 2x1)}).
   *
   * @param message a c10::Error message as it reached Java
   * @return one line
   */
  public static String oneLine(String message) {
    String text = message;
    int frames = text.indexOf("\nException raised from");
    if (frames < 0) {
      frames = text.indexOf("Exception raised from ");
    }
    if (frames >= 0) {
      text = text.substring(0, frames);
    }
    if (text.contains("The following operation failed in the TorchScript interpreter")) {
      String[] lines = text.split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        Matcher m = PYTHON_ERROR.matcher(lines[i]);
        if (m.matches()) {
          text = m.group(1);
          break;
        }
      }
    }
    return text.strip().replaceAll("\\s*\\n\\s*", " ").replaceAll("\\s{2,}", " ");
  }

  /**
   * A {@link Torchviz4jException} for a failed native call.
   *
   * @param what what we were doing, e.g. "cannot load 'model.pt'"
   * @param error what libtorch threw
   * @param fix what the user can do, or empty
   * @return the exception, with the native error as its cause
   */
  public static Torchviz4jException failure(String what, RuntimeException error, String fix) {
    String message = what + ": " + oneLine(String.valueOf(error.getMessage()));
    return new Torchviz4jException(fix.isEmpty() ? message : message + "; " + fix, error);
  }
}
