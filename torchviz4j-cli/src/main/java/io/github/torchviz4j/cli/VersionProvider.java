package io.github.torchviz4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The versions from build metadata, never from literals: torchviz4j's from {@code
 * version.properties} (filtered by Maven), bytedeco's pytorch and javacpp from the {@code
 * META-INF/maven/.../pom.properties} of the jars on the class path (what actually runs), falling
 * back to the versions the build used, also in {@code version.properties}. The libtorch version is
 * the pytorch preset's version without its JavaCPP suffix ({@code 2.10.0} of {@code 2.10.0-1.5.13}).
 * Nothing here loads libtorch, so {@code --version} stays fast.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties build = properties("version.properties");
    String pytorch = mavenVersion("pytorch", build.getProperty("pytorch.version", "unknown"));
    String javacpp = mavenVersion("javacpp", build.getProperty("javacpp.version", "unknown"));
    int dash = pytorch.indexOf('-');
    String libtorch = dash > 0 ? pytorch.substring(0, dash) : pytorch;
    return new String[] {
      "torchviz4j " + build.getProperty("version", "unknown"),
      "libtorch " + libtorch + " (bytedeco pytorch " + pytorch + ", javacpp " + javacpp + "), Java "
          + System.getProperty("java.version")
    };
  }

  /** The version in a bytedeco jar's {@code pom.properties}, or {@code fallback}. */
  private static String mavenVersion(String artifactId, String fallback) throws IOException {
    String version = properties("/META-INF/maven/org.bytedeco/" + artifactId + "/pom.properties").getProperty("version");
    return version == null || version.isBlank() ? fallback : version;
  }

  private static Properties properties(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    }
    return properties;
  }
}
