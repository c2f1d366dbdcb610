package io.github.torchviz4j.internal;

import io.github.torchviz4j.Torchviz4jException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** Writes files all or nothing: to a temporary file beside the target, then moved into place. */
public final class OutputFiles {
  /** Temporary files made by this process so far: part of their names. */
  private static final AtomicLong TEMPORARIES = new AtomicLong();

  private static final int MAX_ATTEMPTS = 100;

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
    write(path, content, UnaryOperator.identity());
  }

  /**
   * {@link #write(Path, Content)} with the temporary file's stream wrapped: how tests stage a full
   * disk or a failing device.
   *
   * @param disk wraps the stream to the temporary file
   */
  static void write(Path path, Content content, UnaryOperator<OutputStream> disk) throws IOException {
    checkWritable(path);
    Path target = path.toAbsolutePath();
    Path directory = target.getParent();
    Path temporary = createTemporary(directory, target, path);
    try {
      try (OutputStream out = new BufferedOutputStream(disk.apply(Files.newOutputStream(temporary)))) {
        content.writeTo(out);
      }
      copyPermissions(target, temporary);
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Checks that a file can be written: its directory exists and is writable, and the path is not a
   * directory. {@link #write} checks this itself; a command checks it before long work.
   *
   * @param path the file to write
   * @throws Torchviz4jException naming the path and what to do, if it cannot be written
   */
  public static void checkWritable(Path path) {
    Path target = path.toAbsolutePath();
    Path directory = target.getParent();
    Checks.check(directory != null && Files.isDirectory(directory),
        "cannot write '" + path + "': directory '" + directory + "' does not exist; create it first");
    Checks.check(isWritable(directory),
        "cannot write '" + path + "': directory '" + directory + "' is read-only; choose another output path");
    Checks.check(!Files.isDirectory(target),
        "cannot write '" + path + "': it is a directory; give a file name with an extension such as .svg");
  }

  /**
   * Writable for this process and not marked read-only: a directory with no write permission bit
   * is refused even for root, who could otherwise write into it.
   */
  private static boolean isWritable(Path directory) {
    if (!Files.isWritable(directory)) {
      return false;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
      return permissions.contains(PosixFilePermission.OWNER_WRITE)
          || permissions.contains(PosixFilePermission.GROUP_WRITE)
          || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      return true;
    }
  }

  /**
   * A replaced file keeps its permissions; a new one gets rw-r--r--, what a umask of 022 gives,
   * instead of the owner-only permissions of a temporary file.
   */
  private static void copyPermissions(Path target, Path temporary) throws IOException {
    try {
      Files.setPosixFilePermissions(temporary, Files.exists(target)
          ? Files.getPosixFilePermissions(target)
          : PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the platform's defaults apply.
    }
  }

  /**
   * A new file named after the target, this process and a counter. Not {@link Files#createTempFile}:
   * its random names start {@code SecureRandom}, 40-60 ms of a cold command run.
   */
  private static Path createTemporary(Path directory, Path target, Path requested) throws IOException {
    String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
    for (int attempt = 1; ; attempt++) {
      try {
        return Files.createFile(directory.resolve(prefix + TEMPORARIES.incrementAndGet() + ".tmp"));
      } catch (FileAlreadyExistsException e) {
        if (attempt == MAX_ATTEMPTS) {   // left by earlier processes with this pid
          throw new IOException("cannot write '" + requested + "': " + MAX_ATTEMPTS + " temporary names like '"
              + e.getFile() + "' are taken; delete the .tmp files in '" + directory + "'", e);
        }
      } catch (IOException e) {
        throw new IOException("cannot write '" + requested + "': creating a file in '" + directory
            + "' failed (" + e + "); choose a writable directory", e);
      }
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
