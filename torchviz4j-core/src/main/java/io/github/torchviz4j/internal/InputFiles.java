package io.github.torchviz4j.internal;

import io.github.torchviz4j.Torchviz4jException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on files read as input (models, tensors), with messages that say what to fix. Stateless. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Refuses a path that cannot be read as a file.
   *
   * @param path the file
   * @param what what it is, for the message, e.g. "model"
   * @throws Torchviz4jException if it is missing, a directory or unreadable
   */
  public static void requireReadable(Path path, String what) {
    if (!Files.exists(path)) {
      throw new Torchviz4jException("cannot read " + what + " '" + path + "': no such file; check the path");
    }
    if (Files.isDirectory(path)) {
      throw new Torchviz4jException("cannot read " + what + " '" + path + "': it is a directory; give a .pt file");
    }
    if (!Files.isReadable(path)) {
      throw new Torchviz4jException("cannot read " + what + " '" + path + "': permission denied; make it readable");
    }
  }
}
