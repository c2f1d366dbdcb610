package io.github.torchviz4j.pytorch;

import io.github.torchviz4j.Torchviz4jException;
import io.github.torchviz4j.internal.InputFiles;
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
    OTHER_ZIP,
    /** Starts like a zip archive but cannot be read: truncated or damaged. */
    DAMAGED_ZIP
  }

  /** No real model needs more: refuse larger archives before libtorch unpacks them. */
  static final long MAX_UNPACKED_BYTES = 64L << 30;
  /** PyTorch stores tensors uncompressed; an entry packed tighter than this is a zip bomb. */
  static final long MAX_RATIO = 200;
  /** Entries smaller than this may be packed tightly (code, pickles). */
  static final long RATIO_CHECKED_FROM_BYTES = 10L << 20;
  static final int MAX_ENTRIES = 1_000_000;

  private Archives() {}

  /**
   * Checks that a file exists and is readable.
   *
   * @param path the file
   * @param what e.g. "model"
   * @throws Torchviz4jException if it is missing, a directory or unreadable
   */
  static void requireReadableFile(Path path, String what) {
    InputFiles.requireReadable(path, what);
  }


  /** Refuses zip bombs: too many entries, too much data, or data packed far tighter than PyTorch packs it. */
  private static void requireSafe(Path path, ZipEntry entry, long unpacked, int count) {
    String refusal = "refusing '" + path + "': ";
    if (count > MAX_ENTRIES) {
      throw new Torchviz4jException(refusal + "it has more than " + MAX_ENTRIES + " entries, which no PyTorch"
          + " archive has; check where the file came from");
    }
    if (unpacked > MAX_UNPACKED_BYTES) {
      throw new Torchviz4jException(refusal + "it would unpack to more than " + (MAX_UNPACKED_BYTES >> 30)
          + " GiB; check where the file came from");
    }
    long size = entry.getSize();
    long compressed = Math.max(1, entry.getCompressedSize());
    if (size >= RATIO_CHECKED_FROM_BYTES && size / compressed > MAX_RATIO) {
      throw new Torchviz4jException(refusal + "entry '" + entry.getName() + "' would unpack " + compressed
          + " bytes to " + size + " (" + size / compressed + ":1), as zip bombs do; PyTorch stores tensors"
          + " uncompressed; check where the file came from");
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
    long unpacked = 0;
    int count = 0;
    try (ZipFile zip = new ZipFile(path.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        code |= name.contains("/code/");
        constants |= name.endsWith("/constants.pkl");
        data |= name.endsWith("/data.pkl");
        unpacked += Math.max(0, entry.getSize());
        requireSafe(path, entry, unpacked, ++count);
      }
    } catch (IOException e) {
      return Kind.DAMAGED_ZIP;
    }
    if (code && constants) {
      return Kind.TORCHSCRIPT;
    }
    return data ? Kind.PICKLE : Kind.OTHER_ZIP;
  }
}
