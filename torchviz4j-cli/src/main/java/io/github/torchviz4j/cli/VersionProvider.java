package io.github.torchviz4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the build ({@code version.properties}, filtered by Maven). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
      "torchviz4j " + properties.getProperty("version", "unknown"),
      "libtorch 2.10 (bytedeco pytorch 2.10.0-1.5.13), Java " + System.getProperty("java.version")
    };
  }
}
