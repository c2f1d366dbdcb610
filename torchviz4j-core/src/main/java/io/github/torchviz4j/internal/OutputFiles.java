package io.github.torchviz4j.internal;

import io.github.torchviz4j.Torchviz4jException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files all or nothing: to a temporary file beside the target, then moved into place. */
public final class OutputFiles {
  private OutputFiles() {}

  /** Produces a file's bytes. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the content.
     *
     * @param out where to write; closed by the caller
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code path} atomically: on any failure the previous file, if any, is left untouched and
   * no temporary file remains.
   *
   * @param path the file to write
   * @param content what to write
   * @throws Torchviz4jException if the directory is missing, not a directory or not writable
   * @throws IOException if writing fails
   */
  public static void write(Path path, Content content) throws IOException {
    Path target = path.toAbsolutePath();
    Path directory = target.getParent();
    Checks.check(directory != null && Files.isDirectory(directory),
        "cannot write '" + path + "': directory '" + directory + "' does not exist; create it first");
    Checks.check(Files.isWritable(directory),
        "cannot write '" + path + "': directory '" + directory + "' is not writable; choose another output path");
    Checks.check(!Files.isDirectory(target),
        "cannot write '" + path + "': it is a directory; give a file name with an extension such as .svg");
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
        content.writeTo(out);
      }
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
