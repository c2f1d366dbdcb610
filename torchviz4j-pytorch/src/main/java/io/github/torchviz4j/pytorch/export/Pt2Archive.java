package io.github.torchviz4j.pytorch.export;

import io.github.torchviz4j.Torchviz4jException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The entries of a {@code .pt2} zip archive (torch 2.8+ layout: one root folder holding
 * {@code archive_format}, {@code models/}, {@code data/}), read in plain Java so that every problem
 * is named before libtorch is involved. Not thread-safe; close it after loading.
 */
final class Pt2Archive implements AutoCloseable {
  /** No real model needs more: refuse larger entries before reading them. */
  private static final long MAX_ENTRY_BYTES = 16L << 30;
  private static final int MAX_ENTRIES = 1_000_000;

  private final Path path;
  private final ZipFile zip;
  private final String root;
  private final Map<String, ZipEntry> entries;

  private Pt2Archive(Path path, ZipFile zip, String root, Map<String, ZipEntry> entries) {
    this.path = path;
    this.zip = zip;
    this.root = root;
    this.entries = entries;
  }

  /**
   * Opens an archive and checks that it is a {@code .pt2} with a graph.
   *
   * @param path the file
   * @return the open archive
   * @throws Torchviz4jException if the file is missing, not a zip, damaged, another kind of PyTorch
   *     file, an AOTInductor package, or in the layout of PyTorch before 2.8
   */
  static Pt2Archive open(Path path) {
    requireZip(path);
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (IOException e) {
      throw new Torchviz4jException(what(path) + "it is a damaged or truncated zip archive; copy or export it again", e);
    }
    try {
      Map<String, ZipEntry> entries = new LinkedHashMap<>();
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        entries.put(entry.getName(), entry);
        if (entries.size() > MAX_ENTRIES) {
          throw new Torchviz4jException(what(path) + "it has more than " + MAX_ENTRIES
              + " entries, which no exported program has; check where the file came from");
        }
      }
      Pt2Archive archive = new Pt2Archive(path, zip, rootOf(path, entries), entries);
      archive.requireFormat();
      return archive;
    } catch (RuntimeException e) {
      closeQuietly(zip);
      throw e;
    }
  }

  /**
   * Whether a file is meant as a {@code .pt2}: its name ends with {@code .pt2}, or it is a zip with
   * an {@code archive_format} entry. Reads at most the zip's directory; never throws.
   */
  static boolean looksLikePt2(Path path) {
    if (path.getFileName() != null && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".pt2")) {
      return true;
    }
    try (ZipFile zip = new ZipFile(path.toFile())) {
      return zip.stream().anyMatch(e -> e.getName().equals("archive_format") || e.getName().endsWith("/archive_format"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void requireZip(Path path) {
    if (!Files.exists(path)) {
      throw new Torchviz4jException("cannot read exported program '" + path + "': no such file; check the path");
    }
    if (Files.isDirectory(path)) {
      throw new Torchviz4jException("cannot read exported program '" + path + "': it is a directory; give a .pt2 file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
        throw new Torchviz4jException(what(path) + "it is not a zip archive, so not a .pt2 file; save the program"
            + " with torch.export.save(torch.export.export(model, args), \"model.pt2\")");
      }
    } catch (IOException e) {
      throw new Torchviz4jException("cannot read exported program '" + path + "': " + e.getMessage()
          + "; make it readable", e);
    }
  }

  /** The root folder: where {@code archive_format} is; empty when the archive has none. */
  private static String rootOf(Path path, Map<String, ZipEntry> entries) {
    String found = null;
    for (String name : entries.keySet()) {
      if (name.equals("archive_format") || name.endsWith("/archive_format")) {
        String root = name.substring(0, name.length() - "archive_format".length());
        if (found == null || root.length() < found.length()) {
          found = root;
        }
      }
    }
    return found == null ? "" : found;
  }

  private void requireFormat() {
    boolean hasFormat = entries.containsKey(root + "archive_format");
    if (entries.keySet().stream().anyMatch(name -> name.contains("data/aotinductor/"))) {
      throw new Torchviz4jException(what(path) + "it is an AOTInductor package (data/aotinductor/: compiled code, not"
          + " a graph), so it holds no autograd graph to draw; save the exported program itself with"
          + " torch.export.save(ep, \"model.pt2\")");
    }
    if (entries.keySet().stream().anyMatch(name -> name.endsWith("serialized_exported_program.json"))) {
      throw new Torchviz4jException(what(path) + "it is in the layout of PyTorch before 2.8"
          + " (serialized_exported_program.json), which is not supported; load it with torch.export.load and save it"
          + " again with torch.export.save from PyTorch 2.8 or later");
    }
    if (!hasFormat) {
      boolean torchScript = entries.keySet().stream().anyMatch(n -> n.contains("/code/"))
          && entries.keySet().stream().anyMatch(n -> n.endsWith("/constants.pkl"));
      boolean pickle = entries.keySet().stream().anyMatch(n -> n.endsWith("data.pkl"));
      String kind = torchScript ? "a TorchScript archive (torch.jit.save); draw it as a TorchScript model"
          : pickle ? "a torch.save file (a pickled object such as a tensor or state_dict)"
          : "a zip archive without an archive_format entry";
      throw new Torchviz4jException(what(path) + "it is " + kind + ", not a .pt2 file; save the program with"
          + " torch.export.save(torch.export.export(model, args), \"model.pt2\")");
    }
    String format = text("archive_format").strip();
    if (!format.equals("pt2")) {
      throw new Torchviz4jException(what(path) + "its archive_format is '" + format + "', not 'pt2'; save the program"
          + " with torch.export.save");
    }
    String byteOrder = entries.containsKey(root + "byteorder") ? text("byteorder").strip() : "little";
    if (!byteOrder.equals("little")) {
      throw new Torchviz4jException(what(path) + "its weights are stored " + byteOrder + "-endian; only little-endian"
          + " archives are supported; save it on a little-endian machine");
    }
  }

  /** @return the names of the exported programs in {@code models/}, without {@code .json} */
  List<String> models() {
    List<String> names = new ArrayList<>();
    String prefix = root + "models/";
    for (String name : entries.keySet()) {
      if (name.startsWith(prefix) && name.endsWith(".json") && name.indexOf('/', prefix.length()) < 0) {
        names.add(name.substring(prefix.length(), name.length() - ".json".length()));
      }
    }
    return names;
  }

  /** @return whether the archive has the entry, relative to its root folder */
  boolean has(String name) {
    return entries.containsKey(root + name);
  }

  /**
   * Reads one entry.
   *
   * @param name relative to the root folder, e.g. {@code models/model.json}
   * @return its bytes
   * @throws Torchviz4jException if it is missing or cannot be read
   */
  byte[] bytes(String name) {
    ZipEntry entry = entries.get(root + name);
    if (entry == null) {
      throw new Torchviz4jException(what(path) + "entry '" + root + name + "' is missing; the archive is incomplete,"
          + " export it again");
    }
    if (entry.getSize() > MAX_ENTRY_BYTES) {
      throw new Torchviz4jException(what(path) + "entry '" + entry.getName() + "' would unpack to " + entry.getSize()
          + " bytes, more than " + (MAX_ENTRY_BYTES >> 30) + " GiB; check where the file came from");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] data = in.readAllBytes();
      if (entry.getSize() >= 0 && data.length != entry.getSize()) {
        throw new IOException("read " + data.length + " of " + entry.getSize() + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw new Torchviz4jException(what(path) + "entry '" + entry.getName() + "' cannot be read (" + e.getMessage()
          + "); the archive is damaged or truncated, copy or export it again", e);
    }
  }

  /** @return an entry as UTF-8 text */
  String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** @return the entry's bytes, or null when it is absent */
  byte @Nullable [] bytesIfPresent(String name) {
    return has(name) ? bytes(name) : null;
  }

  Path path() {
    return path;
  }

  static String what(Path path) {
    return "cannot load exported program '" + path + "': ";
  }

  private static void closeQuietly(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // Nothing was written; the failure being reported matters more.
    }
  }

  @Override
  public void close() {
    closeQuietly(zip);
  }
}
