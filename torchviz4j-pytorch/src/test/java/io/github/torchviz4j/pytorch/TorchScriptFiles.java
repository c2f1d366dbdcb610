package io.github.torchviz4j.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Copies the TorchScript test resources (from the torchviz reference set) to files libtorch can open. */
final class TorchScriptFiles {
  private TorchScriptFiles() {}

  static Path copy(String caseName, String file, Path directory) throws IOException {
    Path target = directory.resolve(caseName + "-" + file);
    try (InputStream in = TorchScriptFiles.class.getResourceAsStream("/torchscript/" + caseName + "/" + file)) {
      if (in == null) {
        throw new IOException("test resource torchscript/" + caseName + "/" + file + " is missing");
      }
      Files.copy(in, target);
    }
    return target;
  }

  /** A copy of a TorchScript archive whose {@code version} record claims a future file format. */
  static Path withVersion(Path archive, String version, Path target) throws IOException {
    try (ZipFile in = new ZipFile(archive.toFile());
        OutputStream file = Files.newOutputStream(target);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (ZipEntry entry : Collections.list(in.entries())) {
        byte[] bytes;
        try (InputStream data = in.getInputStream(entry)) {
          bytes = data.readAllBytes();
        }
        if (entry.getName().endsWith("/version") && !entry.getName().contains("/.data/")) {
          bytes = (version + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    return target;
  }
}
