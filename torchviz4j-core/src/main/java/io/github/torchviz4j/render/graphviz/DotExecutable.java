package io.github.torchviz4j.render.graphviz;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Finds Graphviz's {@code dot} program on the {@code PATH}, as a shell would. */
final class DotExecutable {
  private DotExecutable() {}

  /**
   * Looks {@code dot} up in the directories of a search path.
   *
   * @param searchPath the value of {@code PATH}, or null when unset
   * @return the first executable {@code dot} (or {@code dot.exe} on Windows), if any
   */
  static Optional<Path> find(String searchPath) {
    if (searchPath == null || searchPath.isEmpty()) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    String name = windows ? "dot.exe" : "dot";
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      try {
        Path candidate = Path.of(directory, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (InvalidPathException e) {
        // A malformed PATH entry cannot hold dot; keep looking.
      }
    }
    return Optional.empty();
  }

  /** @return {@code dot} on this process's {@code PATH}, if any */
  static Optional<Path> onPath() {
    return find(System.getenv("PATH"));
  }
}
