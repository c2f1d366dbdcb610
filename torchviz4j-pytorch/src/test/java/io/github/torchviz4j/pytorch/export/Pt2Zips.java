package io.github.torchviz4j.pytorch.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Makes altered copies of a reference archive, to test how bad input is refused. */
final class Pt2Zips {
  private Pt2Zips() {}

  /** @return the archive's entries, by name */
  static Map<String, byte[]> read(Path archive) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      Enumeration<? extends ZipEntry> all = zip.entries();
      while (all.hasMoreElements()) {
        ZipEntry entry = all.nextElement();
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  /** Writes entries as a zip file. */
  static Path write(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /** A copy of a reference archive with its program JSON rewritten. */
  static Path withJson(Path dir, String caseName, UnaryOperator<String> edit) throws Exception {
    Map<String, byte[]> entries = read(ExportedProgramFidelityTest.Pt2Files.model(caseName));
    String key = "model/models/model.json";
    entries.put(key, edit.apply(new String(entries.get(key), java.nio.charset.StandardCharsets.UTF_8))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return write(dir.resolve(caseName + "-edited.pt2"), entries);
  }
}
