package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Looks into PyTorch's zip files in plain Java, to name the problem before libtorch does. */
final class Archives {
  /** What a file is, from its zip entries. */
  enum Kind {
    /** Not a zip archive at all. */
    NOT_ZIP,
    /** A {@code torch.jit.save} archive: has {@code code/} and {@code constants.pkl}. */
    TORCHSCRIPT,
    /** A {@code torch.save} archive: {@code data.pkl} without code. */
    PICKLE,
    /** A zip archive of something else. */
    OTHER_ZIP
  }

  private Archives() {}

  /**
   * Checks that a file exists and is readable.
   *
   * @param path the file
   * @param what e.g. "model"
   * @throws Torchviz4jException if it is missing, a directory or unreadable
   */
  static void requireReadableFile(Path path, String what) {
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

  static Kind kind(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
        return Kind.NOT_ZIP;
      }
    } catch (IOException e) {
      throw new Torchviz4jException("cannot read '" + path + "': " + e.getMessage(), e);
    }
    boolean code = false;
    boolean constants = false;
    boolean data = false;
    try (ZipFile zip = new ZipFile(path.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        code |= name.contains("/code/");
        constants |= name.endsWith("/constants.pkl");
        data |= name.endsWith("/data.pkl");
      }
    } catch (IOException e) {
      return Kind.NOT_ZIP;
    }
    if (code && constants) {
      return Kind.TORCHSCRIPT;
    }
    return data ? Kind.PICKLE : Kind.OTHER_ZIP;
  }
}
